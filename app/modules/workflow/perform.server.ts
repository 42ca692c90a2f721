import { issueReceipt } from '../payments/receipts.server'
import { proposeRefundsForClosedDossier } from '../payments/refunds.server'
import { sql, type Kysely, type Transaction, type Updateable } from 'kysely'
import { z } from 'zod'
import type { Database, DossiersTable, SupplementItem } from '../../../db/schema'
import { loadHolidays } from '../calendar/holidays.server'
import { vnDay } from '../calendar/vietnam-time'
import { isWorkingDay, type HolidaySet } from '../calendar/working-days'
import type { RequiredDocument } from '../catalogue/types'
import { writeEvent } from '../dossiers/events.server'
import { allFields, type FormDefinition } from '../forms/definition'
import {
  classify,
  dueDate,
  endOfWorkingDay,
  extendForPause,
  pausedWorkingDays,
  WORKING_MINUTES_PER_DAY,
} from './clock'
import {
  ConflictError,
  DossierNotFoundError,
  ForbiddenActionError,
  InvalidActionInputError,
  InvalidTransitionError,
} from './errors'
import {
  actionDefinition,
  checkAction,
  factsOf,
  isActionName,
  resolveTarget,
  type ActionDefinition,
  type ActionName,
  type Role,
  type Status,
} from './transitions'

export interface Actor {
  /** the user; null only for the system */
  id: string | null
  /**
   * Staff grants, as in the session's `CurrentUser.roles`. Only grants for the dossier's agency that staff_roles
   * still holds count (re-read in the transaction: a role revoked mid-session no longer acts). The applicant
   * holds 'citizen' on their own dossier without a grant.
   */
  roles: readonly { role: string; agencyId: string }[]
  /** gateway events and jobs: holds the 'system' role */
  system?: boolean
}

export const systemActor: Actor = Object.freeze({ id: null, roles: [], system: true })

export interface TransitionResult {
  dossierId: string
  code: string
  action: ActionName
  from: Status
  to: Status
  /** the role the actor acted as (written to the audit row) */
  actorRole: Role
  /** the dossier's version after the transition (pass it as `expectedVersion` next time) */
  version: number
  reason: string | null
  /** the audit row's `data`: the caller's data with what the effects decided (due dates, ids, timeliness) */
  data: Record<string, unknown>
  /** due_at after the transition (the appointment of Mẫu 01 on receive) */
  dueAt: Date | null
  /** the supplement_requests row written (request_supplement) or answered (supplement) */
  supplementRequestId: string | null
}

export interface PerformInput {
  dossierCode: string
  /** an action name; a string is accepted (routes pass the posted value): unknown → InvalidTransitionError */
  action: ActionName | (string & {})
  actor: Actor
  /** the version the actor's page showed; a different current version → ConflictError */
  expectedVersion?: number
  /** required by actions with `needsReason` (trimmed, at most 2000 characters) */
  reason?: string | null
  /**
   * Per action: assign `{ assigneeId }` · request_supplement `{ items: [{ kind: 'document'|'field', key, reason }] }`
   * · assess_fee `{ amount, description?: { vi, en } }` · apologise `{ newAppointmentAt: Date | ISO instant |
   * 'yyyy-mm-dd' }`. Anything else is kept in the audit row as given.
   */
  data?: Record<string, unknown>
  now?: Date
  /**
   * Runs inside the transaction after the audit row is written: enqueue notifications here
   * (`enqueueNotification(trx, …)`), so they exist exactly when the transition commits. Throwing rolls it all back.
   */
  inTransaction?: (trx: Transaction<Database>, result: TransitionResult) => Promise<void>
}

/**
 * Performs one workflow action on a dossier: ONE transaction that locks the dossier row, checks the actor's
 * role for the dossier's agency, `expectedVersion`, the status and the guards (in that order: 403, 409, 409),
 * applies the effects, bumps the version, writes exactly one dossier_events row and calls `inTransaction`.
 *
 * Concurrent attempts queue on the row lock; each later one sees the winner's result, so it gets ConflictError
 * (with a stale `expectedVersion`) or InvalidTransitionError (the status moved on), never a database error.
 *
 * `db` may already be a transaction (e.g. the payments module marking a fee paid and then performing `pay`, or a
 * supplement answer saving the form data first): the transition then joins it and the caller commits.
 *
 * Not here: `submit` (submitDraft: completeness, the dossier code) → InvalidTransitionError 'performed_elsewhere'.
 */
export async function performTransition(
  db: Kysely<Database>,
  input: PerformInput,
): Promise<TransitionResult> {
  if (!isActionName(input.action)) throw new InvalidTransitionError(input.action, '-', 'unknown_action')
  const def = actionDefinition(input.action)
  if (def.performedBy) throw new InvalidTransitionError(def.action, '-', 'performed_elsewhere')
  const run = (trx: Transaction<Database>) => perform(trx, def, input)
  return db.isTransaction ? run(db as Transaction<Database>) : db.transaction().execute(run)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const staffWorkflowRoles: readonly string[] = ['reception', 'specialist', 'approver', 'finance']

async function perform(
  trx: Transaction<Database>,
  def: ActionDefinition,
  input: PerformInput,
): Promise<TransitionResult> {
  const now = input.now ?? new Date()
  const { actor } = input
  const action = def.action

  const d = await trx
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.version',
      'd.agency_id',
      'd.applicant_id',
      'd.assignee_id',
      'd.procedure_version_id',
      'd.delivery_method',
      'd.received_at',
      'd.due_at',
      'd.paused_since',
      'd.timeliness',
      'p.level',
      'p.processing_days',
      'p.name_vi',
      'p.name_en',
    ])
    .where('d.code', '=', input.dossierCode)
    .where('d.status', '!=', 'draft')
    .forUpdate('d')
    .executeTakeFirst()
  if (!d || !d.code) throw new DossierNotFoundError()
  const status = d.status

  // Roles for THIS dossier. Every read below runs after the lock, so it sees what the previous holder committed.
  const held: Role[] = []
  if (actor.system) held.push('system')
  if (actor.id !== null && actor.id === d.applicant_id) held.push('citizen')
  const claimed = actor.roles.filter((g) => g.agencyId === d.agency_id && staffWorkflowRoles.includes(g.role))
  if (claimed.length && actor.id && UUID.test(actor.id)) {
    const granted = await trx
      .selectFrom('staff_roles')
      .select('role')
      .where('user_id', '=', actor.id)
      .where('agency_id', '=', d.agency_id)
      .execute()
    for (const g of claimed)
      if (granted.some((r) => r.role === g.role) && !held.includes(g.role as Role)) held.push(g.role as Role)
  }

  const feeDue =
    (await trx
      .selectFrom('fees')
      .select('id')
      .where('dossier_id', '=', d.id)
      .where('status', '=', 'due')
      .limit(1)
      .executeTakeFirst()) !== undefined
  const openRequest =
    status === 'supplement_requested'
      ? await trx
          .selectFrom('supplement_requests')
          .select(['id', 'return_status'])
          .where('dossier_id', '=', d.id)
          .where('answered_at', 'is', null)
          .orderBy('requested_at', 'desc')
          .executeTakeFirst()
      : undefined
  const facts = factsOf(
    {
      level: d.level,
      feeDue,
      dueAt: d.due_at,
      pausedSince: d.paused_since,
      receivedAt: d.received_at,
      assigneeId: d.assignee_id,
      returnStatus: openRequest?.return_status ?? null,
    },
    { userId: actor.id, now },
  )

  const verdict = checkAction(action, { status, roles: held, facts })
  if (!verdict.ok && verdict.because === 'role') throw new ForbiddenActionError(action)
  if (input.expectedVersion !== undefined && input.expectedVersion !== d.version)
    throw new ConflictError(input.expectedVersion, d.version)
  if (!verdict.ok)
    throw new InvalidTransitionError(
      action,
      status,
      verdict.because === 'guard' ? 'guard' : 'status',
      verdict.because === 'guard' ? verdict.guard : null,
    )
  if (def.to === 'return' && !facts.returnStatus) throw new InvalidTransitionError(action, status, 'status')

  const reason = input.reason?.trim() || null
  if (def.needsReason && !reason) throw new InvalidActionInputError(action, 'reason', 'required')
  if (reason && reason.length > 2000) throw new InvalidActionInputError(action, 'reason', 'tooLong')

  const to = resolveTarget(def, status, facts)
  const patch: Updateable<DossiersTable> = {}
  const effectData: Record<string, unknown> = {}
  let supplementRequestId: string | null = openRequest?.id ?? null
  // paused_working_minutes keeps whole working days × 480 (the clock counts days; see clock.ts)
  let pausedMinutes = 0
  let holidays: Promise<HolidaySet> | undefined
  const year = Number(vnDay(now).slice(0, 4))
  const calendar = () => (holidays ??= loadHolidays(trx, year - 1, year + 2))

  for (const effect of def.effects ?? []) {
    switch (effect) {
      case 'startClock': {
        const dueAt = dueDate(now, d.processing_days, await calendar())
        patch.received_at = now
        patch.due_at = dueAt
        Object.assign(effectData, { receivedAt: now, dueAt, processingDays: d.processing_days })
        break
      }
      case 'pauseClock':
        patch.paused_since = now
        break
      case 'resumeClock': {
        if (!d.paused_since) break
        const days = pausedWorkingDays(d.paused_since, now, await calendar())
        patch.paused_since = null
        pausedMinutes = days * WORKING_MINUTES_PER_DAY
        effectData.pausedWorkingDays = days
        if (d.due_at) {
          patch.due_at = extendForPause(d.due_at, days, await calendar())
          effectData.dueAt = patch.due_at
        }
        break
      }
      case 'openSupplementRequest': {
        const { items } = parseData(action, supplementSchema, input.data)
        await checkSupplementItems(trx, action, d.procedure_version_id, items)
        const row = await trx
          .insertInto('supplement_requests')
          .values({
            dossier_id: d.id,
            requested_by: actor.id!,
            items: JSON.stringify(items),
            return_status: status,
            requested_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        supplementRequestId = row.id
        Object.assign(effectData, { supplementRequestId: row.id, items, returnStatus: status })
        break
      }
      case 'closeSupplementRequest':
        await trx
          .updateTable('supplement_requests')
          .set({ answered_at: now })
          .where('id', '=', openRequest!.id)
          .execute()
        effectData.supplementRequestId = openRequest!.id
        break
      case 'assignSpecialist': {
        const { assigneeId } = parseData(action, assignSchema, input.data)
        const specialist = await trx
          .selectFrom('staff_roles')
          .select('user_id')
          .where('user_id', '=', assigneeId)
          .where('agency_id', '=', d.agency_id)
          .where('role', '=', 'specialist')
          .executeTakeFirst()
        if (!specialist) throw new InvalidActionInputError(action, 'assigneeId', 'notSpecialist')
        patch.assignee_id = assigneeId
        effectData.assigneeId = assigneeId
        break
      }
      case 'demandAssessedFee': {
        const { amount, description } = parseData(action, assessedFeeSchema, input.data)
        const fee = await trx
          .insertInto('fees')
          .values({
            dossier_id: d.id,
            kind: 'assessed',
            amount,
            description: JSON.stringify(
              description ?? { vi: `Phí thẩm định: ${d.name_vi}`, en: `Appraisal fee: ${d.name_en}` },
            ),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        Object.assign(effectData, { feeId: fee.id, amount })
        break
      }
      case 'markResultReady':
        effectData.resultReadyAt = now
        break
      case 'markFeesPaid': {
        const paid = await trx
          .updateTable('fees')
          .set({ status: 'paid', paid_at: now, paid_method: 'counter' })
          .where('dossier_id', '=', d.id)
          .where('status', '=', 'due')
          .returning(['id', 'amount'])
          .execute()
        // Counter payments get their e-receipt too, numbered in the same series.
        for (const fee of paid) {
          await issueReceipt(trx, {
            feeId: fee.id,
            method: 'counter',
            attemptId: null,
            transactionId: null,
            at: now,
          })
        }
        Object.assign(effectData, {
          feeIds: paid.map((f) => f.id),
          amount: paid.reduce((sum, f) => sum + Number(f.amount), 0),
        })
        break
      }
      case 'classifyTimeliness': {
        // The clock stopped when the result became ready (DESIGN §5): a citizen collecting late does not make
        // the agency late. The instant is in the audit row of the transition into result_ready.
        const ready = await trx
          .selectFrom('dossier_events')
          .select(['data', 'at'])
          .where('dossier_id', '=', d.id)
          .where('to_status', '=', 'result_ready')
          .orderBy('id', 'desc')
          .executeTakeFirst()
        const readyAt = instantOr(ready?.data.resultReadyAt, ready?.at ?? now)
        const timeliness = d.timeliness ?? (d.due_at ? classify(readyAt, d.due_at) : null)
        patch.completed_at = now
        patch.timeliness = timeliness
        Object.assign(effectData, {
          timeliness,
          resultReadyAt: readyAt,
          dueAt: d.due_at,
          deliveryMethod: d.delivery_method,
        })
        break
      }
      case 'close':
        patch.completed_at = now
        // Fees paid online for a dossier that will not be decided go back: a refund proposal for finance.
        if (to === 'refused' || to === 'refused_at_intake' || to === 'withdrawn') {
          await proposeRefundsForClosedDossier(trx, d.id, to === 'withdrawn' ? 'withdrawn' : 'refused')
        }
        break
      case 'reschedule': {
        const { newAppointmentAt } = parseData(action, apologySchema, input.data)
        const at = appointmentInstant(newAppointmentAt)
        if (!at) throw new InvalidActionInputError(action, 'newAppointmentAt', 'invalid')
        if (at.getTime() <= now.getTime())
          throw new InvalidActionInputError(action, 'newAppointmentAt', 'notInFuture')
        if (!isWorkingDay(vnDay(at), await calendar()))
          throw new InvalidActionInputError(action, 'newAppointmentAt', 'notWorkingDay')
        // due_at keeps the legal deadline (timeliness is judged against it); the new date lives in the event.
        Object.assign(effectData, { newAppointmentAt: at, legalDueAt: d.due_at })
        break
      }
      case 'allocateCode':
      case 'demandFee':
        throw new InvalidTransitionError(action, status, 'performed_elsewhere')
    }
  }

  const updated = await trx
    .updateTable('dossiers')
    .set({
      ...patch,
      status: to,
      paused_working_minutes: sql<number>`paused_working_minutes + ${pausedMinutes}`,
      version: sql<number>`version + 1`,
      updated_at: now,
    })
    .where('id', '=', d.id)
    .returning(['version', 'due_at'])
    .executeTakeFirstOrThrow()
  const data = { ...(input.data ?? {}), ...effectData }
  await writeEvent(trx, {
    dossierId: d.id,
    actorId: actor.id,
    actorRole: verdict.role,
    action,
    from: status,
    to,
    reason,
    data,
    citizenVisible: !def.internal,
  })
  const result: TransitionResult = {
    dossierId: d.id,
    code: d.code,
    action,
    from: status,
    to,
    actorRole: verdict.role,
    version: updated.version,
    reason,
    data,
    dueAt: updated.due_at,
    supplementRequestId,
  }
  await input.inTransaction?.(trx, result)
  return result
}

// -------------------------------------------------------------------------------------------------------------
// Action data
// -------------------------------------------------------------------------------------------------------------

const assignSchema = z.object({ assigneeId: z.string().regex(UUID) })
const supplementSchema = z.object({
  items: z
    .array(
      z.object({
        kind: z.enum(['document', 'field']),
        key: z.string().min(1).max(100),
        reason: z.string().trim().min(1).max(1000),
      }),
    )
    .min(1)
    .max(50),
})
const assessedFeeSchema = z.object({
  amount: z.number().int().positive().max(1_000_000_000_000),
  description: z.object({ vi: z.string().trim().min(1), en: z.string().trim().min(1) }).optional(),
})
const apologySchema = z.object({ newAppointmentAt: z.union([z.date(), z.string().min(1)]) })

function parseData<T>(action: string, schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue.path.map(String).join('.') || 'data'
  throw new InvalidActionInputError(action, field, issue.code === 'invalid_type' ? 'required' : 'invalid')
}

/** Supplement items name the procedure version's documents and fields (the citizen sees their names). */
async function checkSupplementItems(
  trx: Transaction<Database>,
  action: string,
  versionId: string,
  items: SupplementItem[],
) {
  const version = await trx
    .selectFrom('procedure_versions')
    .select(['form', 'documents'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow()
  const documents = new Set((version.documents as RequiredDocument[]).map((doc) => doc.key))
  const fields = new Set(allFields(version.form as FormDefinition).map((f) => f.key))
  items.forEach((item, i) => {
    const known = item.kind === 'document' ? documents.has(item.key) : fields.has(item.key)
    if (!known) throw new InvalidActionInputError(action, `items.${i}.key`, 'unknownItem')
  })
  const keys = items.map((i) => `${i.kind}:${i.key}`)
  if (new Set(keys).size !== keys.length) throw new InvalidActionInputError(action, 'items', 'duplicateItem')
}

/** A Date, an ISO instant, or a Vietnamese calendar day 'yyyy-mm-dd' (→ the end of that working day). */
function appointmentInstant(value: Date | string): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const at = endOfWorkingDay(value)
    return Number.isNaN(at.getTime()) || vnDay(at) !== value ? null : at
  }
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : new Date(ms)
}

function instantOr(value: unknown, fallback: Date): Date {
  if (typeof value !== 'string') return fallback
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? fallback : new Date(ms)
}
