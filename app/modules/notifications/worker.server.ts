/**
 * The notification worker: takes `notification-email` jobs, composes the e-mail in the applicant's language from
 * the dossier as it is now, and sends it. Jobs run at least once, so the handler is idempotent: the mailer sends
 * a key once. A job that can never succeed (dossier gone, no address, bad payload) is logged and completed, not
 * retried forever; anything else throws and pg-boss retries with back-off.
 */
import type { Kysely } from 'kysely'
import type PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Database } from '../../../db/schema'
import { findField, procedureVersionFromRow } from '../forms/definition'
import type { Env } from '../../utils/env.server'
import { ensureQueues, NOTIFICATION_QUEUE } from './boss.server'
import { createMailer, type Mailer } from './mailer.server'
import { notificationJobSchema, type NotificationJob } from './outbox.server'
import { renderAccountLetter, renderNotification, type LetterDetails } from './templates'

export interface NotificationDeps {
  db: Kysely<Database>
  env: Env
  logger: Logger
  mailer: Mailer
}

export type NotificationOutcome =
  | { status: 'sent'; idempotencyKey: string }
  | {
      status: 'skipped'
      reason: 'bad_payload' | 'dossier_missing' | 'no_email' | 'supplement_missing' | 'user_missing'
    }

/** `PUBLIC_URL`, else http://localhost:PORT; no trailing slash. */
export function portalUrl(env: Env): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '')
}

async function supplementItems(
  db: Kysely<Database>,
  dossierId: string,
  requestId: string,
  lng: 'vi' | 'en',
): Promise<{ name: string; reason: string }[] | null> {
  const row = await db
    .selectFrom('supplement_requests as s')
    .innerJoin('dossiers as d', 'd.id', 's.dossier_id')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .select(['s.items', 'v.form', 'v.documents'])
    .where('s.id', '=', requestId)
    .where('s.dossier_id', '=', dossierId)
    .executeTakeFirst()
  if (!row) return null
  const { form, documents, items } = procedureVersionFromRow(row)
  return items.map((item) => ({
    name:
      (item.kind === 'document'
        ? documents.find((d) => d.key === item.key)?.name[lng]
        : findField(form, item.key)?.label[lng]) ?? item.key,
    reason: item.reason,
  }))
}

/** Handles one job's payload. Safe to run twice for the same payload: the e-mail goes out once. */
export async function processNotification(
  payload: unknown,
  deps: NotificationDeps,
): Promise<NotificationOutcome> {
  const { db, env, logger } = deps
  const parsed = notificationJobSchema.safeParse(payload)
  if (!parsed.success) {
    logger.warn({ event: 'notification_bad_payload', issues: parsed.error.issues.length }, 'dropped')
    return { status: 'skipped', reason: 'bad_payload' }
  }
  const job: NotificationJob = parsed.data
  if (job.kind === 'account_confirm' || job.kind === 'account_exists') return sendAccountLetter(job, deps)
  const log = logger.child({ event: 'notification', kind: job.kind, dossierId: job.dossierId })

  const row = await db
    .selectFrom('dossiers as d')
    .innerJoin('users as u', 'u.id', 'd.applicant_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .select([
      'd.code',
      'd.submitted_at',
      'd.delivery_method',
      'u.email',
      'u.full_name',
      'u.locale',
      'p.name_vi',
      'p.name_en',
      'a.name_vi as agency_vi',
      'a.name_en as agency_en',
    ])
    .select((eb) =>
      eb
        .selectFrom('fees')
        .select((f) => f.fn.sum<number>('amount').as('due'))
        .whereRef('fees.dossier_id', '=', 'd.id')
        .where('fees.kind', '=', 'submission')
        .where('fees.status', '=', 'due')
        .as('fee_due'),
    )
    .where('d.id', '=', job.dossierId)
    .executeTakeFirst()
  if (!row?.code) {
    log.warn('dossier not found (or never submitted): notification dropped')
    return { status: 'skipped', reason: 'dossier_missing' }
  }
  if (!row.email?.trim()) {
    log.warn({ code: row.code }, 'applicant has no e-mail address: notification dropped')
    return { status: 'skipped', reason: 'no_email' }
  }

  const lng = row.locale === 'en' ? 'en' : 'vi'
  let details: LetterDetails
  switch (job.kind) {
    case 'submitted':
      details = {
        kind: 'submitted',
        submittedAt: row.submitted_at ?? new Date(),
        feeDue: row.fee_due ? Number(row.fee_due) : null,
      }
      break
    case 'received':
      details = { kind: 'received', appointmentAt: job.data.appointmentAt }
      break
    case 'supplement_requested': {
      const items = await supplementItems(db, job.dossierId, job.data.supplementRequestId, lng)
      if (!items) {
        log.warn({ code: row.code }, 'supplement request not found: notification dropped')
        return { status: 'skipped', reason: 'supplement_missing' }
      }
      details = { kind: 'supplement_requested', items }
      break
    }
    case 'result_ready':
      details = { kind: 'result_ready', delivery: row.delivery_method }
      break
    case 'apology':
      details = { kind: 'apology', newAppointmentAt: job.data.newAppointmentAt, reason: job.data.reason }
      break
  }

  const email = renderNotification(
    {
      lng,
      recipientName: row.full_name,
      dossierCode: row.code,
      procedureName: lng === 'en' ? row.name_en : row.name_vi,
      agencyName: lng === 'en' ? row.agency_en : row.agency_vi,
      link: `${portalUrl(env)}/dossiers/${encodeURIComponent(row.code)}`,
    },
    details,
  )
  await deps.mailer.send({ to: row.email, ...email, idempotencyKey: job.idempotencyKey })
  log.info({ code: row.code }, 'notification sent')
  return { status: 'sent', idempotencyKey: job.idempotencyKey }
}

/** A registration letter, to the account's address in its language (never logs the token or the address). */
async function sendAccountLetter(
  job: Extract<NotificationJob, { kind: 'account_confirm' | 'account_exists' }>,
  deps: NotificationDeps,
): Promise<NotificationOutcome> {
  const log = deps.logger.child({ event: 'notification', kind: job.kind, userId: job.userId })
  const user = await deps.db
    .selectFrom('users')
    .select(['email', 'full_name', 'locale'])
    .where('id', '=', job.userId)
    .executeTakeFirst()
  if (!user) {
    log.warn('account not found: letter dropped')
    return { status: 'skipped', reason: 'user_missing' }
  }
  const base = portalUrl(deps.env)
  const lng = user.locale === 'en' ? 'en' : 'vi'
  const email = renderAccountLetter(
    lng,
    user.full_name,
    job.kind === 'account_confirm'
      ? {
          kind: 'account_confirm',
          link: `${base}/register/confirm/${encodeURIComponent(job.data.token)}`,
          hours: job.data.hours,
        }
      : { kind: 'account_exists', by: job.data.by, link: `${base}/login` },
  )
  await deps.mailer.send({ to: user.email, ...email, idempotencyKey: job.idempotencyKey })
  log.info('account letter sent')
  return { status: 'sent', idempotencyKey: job.idempotencyKey }
}

export interface StartWorkerOptions {
  db: Kysely<Database>
  env: Env
  logger: Logger
  /** default: createMailer (SMTP when SMTP_URL is set, else the mailbox table) */
  mailer?: Mailer
  /** seconds between polls of an empty queue (default 2; pg-boss's minimum 0.5) */
  pollingIntervalSeconds?: number
}

/**
 * Creates the queue (idempotent) and starts working it on a started `boss`. Returns the worker id
 * (`boss.offWork(id)`); `boss.stop()` ends it too.
 */
export async function startNotificationWorker(boss: PgBoss, options: StartWorkerOptions): Promise<string> {
  const { db, env, logger } = options
  const mailer = options.mailer ?? createMailer({ db, env, logger })
  await ensureQueues(boss)
  return boss.work<unknown>(
    NOTIFICATION_QUEUE,
    { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
    async (jobs) => {
      const outcomes: NotificationOutcome[] = []
      for (const job of jobs) outcomes.push(await processNotification(job.data, { db, env, logger, mailer }))
      return outcomes.length === 1 ? outcomes[0] : { outcomes }
    },
  )
}
