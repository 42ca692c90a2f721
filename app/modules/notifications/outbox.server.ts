/**
 * The transactional outbox: a notification is a pg-boss job inserted in the same transaction as the event that
 * caused it. Commit, and the job exists; roll back, and it never did. Routes need no pg-boss instance for this.
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import PgBoss from 'pg-boss'
import { z } from 'zod'
import type { Database } from '../../../db/schema'
import { BOSS_SCHEMA, kyselyExecutor, NOTIFICATION_QUEUE } from './boss.server'
import type { NotificationKind } from './templates'

type DateInput = Date | string

/** What the caller knows about the event, per kind. Dates: instants, or 'yyyy-mm-dd' calendar days. */
export interface NotificationInput {
  submitted: Record<string, never>
  /** the appointment (due) date set at reception */
  received: { appointmentAt: DateInput }
  /** the supplement_requests row just written: its items and reasons are read when the e-mail is composed */
  supplement_requested: { supplementRequestId: string }
  result_ready: Record<string, never>
  /** Mẫu 04: the new appointment date and, when given, why the dossier is late */
  apology: { newAppointmentAt: DateInput; reason?: string | null }
}

export type EnqueueInput = {
  [K in NotificationKind]: {
    kind: K
    dossierId: string
    /**
     * What makes this event unique for the dossier (an event or request id, a date). The same kind, dossier and
     * key queue one job and send one e-mail, however often they are enqueued. Defaults: submitted → 'submitted',
     * received → the appointment date, supplement_requested → the request id, result_ready → 'result',
     * apology → the new date.
     */
    key?: string
    data: NotificationInput[K]
  }
}[NotificationKind]

const iso = (d: DateInput) => (d instanceof Date ? d.toISOString() : d)
const dateString = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')

const common = { dossierId: z.string().min(1), idempotencyKey: z.string().min(1) }
/** The job's payload as stored by pg-boss; the worker parses it with this schema (old or bad jobs are dropped). */
export const notificationJobSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('submitted'), data: z.object({}) }),
  z.object({ ...common, kind: z.literal('received'), data: z.object({ appointmentAt: dateString }) }),
  z.object({
    ...common,
    kind: z.literal('supplement_requested'),
    data: z.object({ supplementRequestId: z.string().min(1) }),
  }),
  z.object({ ...common, kind: z.literal('result_ready'), data: z.object({}) }),
  z.object({
    ...common,
    kind: z.literal('apology'),
    data: z.object({ newAppointmentAt: dateString, reason: z.string().nullable() }),
  }),
  // Account letters (registration): about a user, not a dossier.
  z.object({
    kind: z.literal('account_confirm'),
    userId: z.string().min(1),
    idempotencyKey: z.string().min(1),
    data: z.object({ token: z.string().min(1), hours: z.number().int().positive() }),
  }),
  z.object({
    kind: z.literal('account_exists'),
    userId: z.string().min(1),
    idempotencyKey: z.string().min(1),
    data: z.object({ by: z.enum(['email', 'citizenId']) }),
  }),
])
export type NotificationJob = z.infer<typeof notificationJobSchema>

function toJob(input: EnqueueInput): NotificationJob {
  const dossierId = input.dossierId
  const keyed = (natural: string) => `${input.kind}:${dossierId}:${input.key ?? natural}`
  switch (input.kind) {
    case 'submitted':
      return { kind: 'submitted', dossierId, idempotencyKey: keyed('submitted'), data: {} }
    case 'received': {
      const appointmentAt = iso(input.data.appointmentAt)
      return { kind: 'received', dossierId, idempotencyKey: keyed(appointmentAt), data: { appointmentAt } }
    }
    case 'supplement_requested': {
      const { supplementRequestId } = input.data
      return {
        kind: 'supplement_requested',
        dossierId,
        idempotencyKey: keyed(supplementRequestId),
        data: { supplementRequestId },
      }
    }
    case 'result_ready':
      return { kind: 'result_ready', dossierId, idempotencyKey: keyed('result'), data: {} }
    case 'apology': {
      const newAppointmentAt = iso(input.data.newAppointmentAt)
      return {
        kind: 'apology',
        dossierId,
        idempotencyKey: keyed(newAppointmentAt),
        data: { newAppointmentAt, reason: input.data.reason ?? null },
      }
    }
  }
}

// A name-based (version 5) UUID: the job's id is a function of its idempotency key, so a second insert of the same
// notification hits pg-boss's primary key and does nothing. (pg-boss 10's singletonKey alone enforces nothing on
// a 'standard' queue; it is kept on the job for operators.)
const NAMESPACE = Buffer.from('6f1c2a4e9b3d4c5e8a7f0b1c2d3e4f50', 'hex')
export function jobIdFor(idempotencyKey: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(idempotencyKey, 'utf8').digest()
  h[6] = (h[6] & 0x0f) | 0x50
  h[8] = (h[8] & 0x3f) | 0x80
  const hex = h.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export class NotificationQueueMissingError extends Error {
  constructor() {
    super(
      `pg-boss queue "${NOTIFICATION_QUEUE}" does not exist in schema "${BOSS_SCHEMA}": start the notification worker (or ensureQueues) once on this database`,
    )
  }
}

// pg-boss composes the INSERT (defaults, retry policy from the queue); this instance is never started and never
// connects: every send passes the caller's transaction as `db`.
let sender: PgBoss | undefined
function jobSender(): PgBoss {
  sender ??= new PgBoss({
    db: {
      executeSql: () => Promise.reject(new Error('the notification sender only sends through a transaction')),
    },
    schema: BOSS_SCHEMA,
    migrate: false,
    supervise: false,
    schedule: false,
  })
  return sender
}

async function sendJob(trx: Kysely<Database>, job: NotificationJob): Promise<boolean> {
  if (!trx.isTransaction) throw new Error('a notification must be queued inside the transaction of its event')
  const id = await jobSender().send(NOTIFICATION_QUEUE, job, {
    id: jobIdFor(job.idempotencyKey),
    singletonKey: job.idempotencyKey,
    db: kyselyExecutor(trx),
  })
  if (id) return true
  // pg-boss answers null both for a duplicate and for a queue that does not exist: tell them apart.
  const queues = sql.table(`${BOSS_SCHEMA}.queue`)
  const queue = await sql`SELECT 1 FROM ${queues} WHERE name = ${NOTIFICATION_QUEUE}`.execute(trx)
  if (!queue.rows.length) throw new NotificationQueueMissingError()
  return false
}

/**
 * Queues an account letter inside the registration's transaction: the confirmation link (the raw token travels
 * in the job and the letter only; the database keeps its hash) or the "someone tried to register with your
 * details" warning. `key` makes it unique (the confirmation's id, or the attempt's).
 */
export const notifyAccount = (
  trx: Kysely<Database>,
  input:
    | { kind: 'account_confirm'; userId: string; key: string; token: string; hours: number }
    | { kind: 'account_exists'; userId: string; key: string; by: 'email' | 'citizenId' },
) =>
  sendJob(
    trx,
    input.kind === 'account_confirm'
      ? {
          kind: 'account_confirm',
          userId: input.userId,
          idempotencyKey: `account_confirm:${input.userId}:${input.key}`,
          data: { token: input.token, hours: input.hours },
        }
      : {
          kind: 'account_exists',
          userId: input.userId,
          idempotencyKey: `account_exists:${input.userId}:${input.key}`,
          data: { by: input.by },
        },
  )

/**
 * Queues one notification e-mail inside the caller's transaction (`trx` must be a Kysely transaction). Returns
 * true when a job was queued, false when this notification was already queued. Throws when pg-boss's queue is
 * missing (a set-up error: failing the transaction is better than silently losing the e-mail).
 */
export async function enqueueNotification(trx: Kysely<Database>, input: EnqueueInput): Promise<boolean> {
  if (!trx.isTransaction) throw new Error('enqueueNotification must run inside the transaction of its event')
  return sendJob(trx, toJob(input))
}

// What the officers' workflow calls inside its transition's transaction (DESIGN §5), next to writeEvent.

export const notifySubmitted = (trx: Kysely<Database>, input: { dossierId: string }) =>
  enqueueNotification(trx, { kind: 'submitted', dossierId: input.dossierId, data: {} })

/** Reception: the appointment date is the dossier's new due date. */
export const notifyReceived = (
  trx: Kysely<Database>,
  input: { dossierId: string; appointmentAt: DateInput; key?: string },
) =>
  enqueueNotification(trx, {
    kind: 'received',
    dossierId: input.dossierId,
    key: input.key,
    data: { appointmentAt: input.appointmentAt },
  })

/** After inserting the supplement_requests row (its items name the documents or fields and why). */
export const notifySupplementRequested = (
  trx: Kysely<Database>,
  input: { dossierId: string; supplementRequestId: string },
) =>
  enqueueNotification(trx, {
    kind: 'supplement_requested',
    dossierId: input.dossierId,
    data: { supplementRequestId: input.supplementRequestId },
  })

export const notifyResultReady = (trx: Kysely<Database>, input: { dossierId: string; key?: string }) =>
  enqueueNotification(trx, { kind: 'result_ready', dossierId: input.dossierId, key: input.key, data: {} })

/** Mẫu 04: an overdue dossier's apology with its new appointment date. */
export const notifyApology = (
  trx: Kysely<Database>,
  input: { dossierId: string; newAppointmentAt: DateInput; reason?: string | null; key?: string },
) =>
  enqueueNotification(trx, {
    kind: 'apology',
    dossierId: input.dossierId,
    key: input.key,
    data: { newAppointmentAt: input.newAppointmentAt, reason: input.reason ?? null },
  })
