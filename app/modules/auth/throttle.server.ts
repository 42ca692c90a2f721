import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'

/**
 * Throttling with a soft back-off and no permanent lock-out. Failures are counted per key in a one-hour window;
 * past a free allowance each further failure doubles the wait, capped. Used by login (per account and per IP:
 * one account takes at most about 100 failures an hour) and by the public dossier lookup (per IP).
 */
export const WINDOW_S = 3600

export interface Limit {
  key: string
  free: number
  maxDelayS: number
}

export const throttlePolicy = {
  windowMs: WINDOW_S * 1000,
  account: { free: 5, maxDelayS: 60 },
  ip: { free: 20, maxDelayS: 30 },
  lookup: { free: 10, maxDelayS: 60 },
} as const

function delayFor(limit: Limit, failures: number): number {
  if (failures < limit.free) return 0
  return Math.min(2 ** (failures - limit.free), limit.maxDelayS)
}

/** Seconds the caller must still wait before trying (0 = go ahead). */
export async function waitFor(db: Kysely<Database>, keys: string[], now = new Date()): Promise<number> {
  const rows = await db
    .selectFrom('login_throttle')
    .select(['key', 'blocked_until'])
    .where('key', 'in', keys)
    .execute()
  let wait = 0
  for (const r of rows) {
    if (r.blocked_until && r.blocked_until > now) {
      wait = Math.max(wait, Math.ceil((r.blocked_until.getTime() - now.getTime()) / 1000))
    }
  }
  return wait
}

/** Counts one failure on each key atomically (an upsert each), restarting windows older than an hour. */
export async function recordFailures(db: Kysely<Database>, limits: Limit[]) {
  const stale = sql<boolean>`login_throttle.window_started_at < now() - make_interval(secs => ${WINDOW_S})`
  for (const limit of limits) {
    const row = await db
      .insertInto('login_throttle')
      .values({ key: limit.key, failures: 1, window_started_at: sql<Date>`now()` })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`CASE WHEN ${stale} THEN 1 ELSE login_throttle.failures + 1 END`,
          window_started_at: sql<Date>`CASE WHEN ${stale} THEN now() ELSE login_throttle.window_started_at END`,
        }),
      )
      .returning(['failures'])
      .executeTakeFirstOrThrow()
    const delay = delayFor(limit, row.failures)
    if (delay > 0) {
      await db
        .updateTable('login_throttle')
        .set({ blocked_until: sql<Date>`now() + make_interval(secs => ${delay})` })
        .where('key', '=', limit.key)
        .execute()
    }
  }
}

export async function clearKey(db: Kysely<Database>, key: string) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute()
}

// Login: keyed by IP and by the submitted email (so unknown accounts are throttled exactly like real ones).
const loginLimits = (keys: { ip: string; account: string }): Limit[] => [
  { key: `ip:${keys.ip}`, ...throttlePolicy.ip },
  { key: `account:${keys.account}`, ...throttlePolicy.account },
]

export const throttleWait = (db: Kysely<Database>, keys: { ip: string; account: string }, now = new Date()) =>
  waitFor(
    db,
    loginLimits(keys).map((l) => l.key),
    now,
  )

export const recordFailure = (db: Kysely<Database>, keys: { ip: string; account: string }) =>
  recordFailures(db, loginLimits(keys))

/** A successful login clears the account's counter (not the IP's: one good password must not reset an attack). */
export const clearAccount = (db: Kysely<Database>, account: string) => clearKey(db, `account:${account}`)
