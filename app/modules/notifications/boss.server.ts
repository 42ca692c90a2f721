/**
 * pg-boss on the portal's own PostgreSQL (DESIGN §2): its tables live in the `pgboss` schema, and it runs its SQL
 * through our Kysely pool, so there is one pool to size and to close. pg-boss 10 needs every queue created
 * (`createQueue`) before anything is sent to it or worked from it.
 */
import { CompiledQuery, type Kysely } from 'kysely'
import PgBoss from 'pg-boss'

export const BOSS_SCHEMA = 'pgboss'

/** The queue of notification e-mails; one job per e-mail. */
export const NOTIFICATION_QUEUE = 'notification-email'

/**
 * Retries with back-off (30 s, 1 min, 2 min … about 2 hours in all) cover an SMTP server that is down for a while;
 * a job that runs longer than 5 minutes is considered lost and retried.
 */
export const notificationQueueOptions = {
  name: NOTIFICATION_QUEUE,
  policy: 'standard',
  retryLimit: 8,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 300,
} satisfies PgBoss.Queue

/**
 * pg-boss's `db` adapter over Kysely: on the pool it is pg-boss's connection; on a transaction it makes
 * `send(…, { db })` insert the job inside that transaction (commit and job appear together, or neither).
 * Without values the text may hold several statements (pg-boss's migrations do), which pg allows then.
 */
export function kyselyExecutor<DB>(db: Kysely<DB>): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []))
      return { rows: result.rows as Record<string, unknown>[] }
    },
  }
}

export interface CreateBossOptions {
  /** seconds between polls of an idle queue (pg-boss's minimum is 0.5) */
  pollingIntervalSeconds?: number
  /** expiry, archiving and deletion of old jobs; leave on in the app, off for short-lived tools */
  supervise?: boolean
  /** cron schedules (none yet; deadline scans will use them) */
  schedule?: boolean
}

/** A pg-boss over `db`, not started. Attach an 'error' listener before `start()`: an unhandled one would throw. */
export function createBoss<DB>(db: Kysely<DB>, options: CreateBossOptions = {}): PgBoss {
  return new PgBoss({
    db: kyselyExecutor(db),
    schema: BOSS_SCHEMA,
    supervise: options.supervise ?? true,
    schedule: options.schedule ?? true,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  })
}

/**
 * Installs (or migrates) pg-boss's schema and creates the queues: what start-up and the tests' template database
 * do once. Idempotent.
 */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(NOTIFICATION_QUEUE, notificationQueueOptions)
}
