import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'

/**
 * Login throttling with a soft back-off and no permanent lock-out. Failures are counted per key in a one-hour
 * window; past the free allowance each further failure doubles the wait, capped, so one account can take at most
 * about 100 failures an hour and an IP a few hundred. Keys are "ip:<addr>" and "account:<email>": the account key
 * is the submitted email, so unknown accounts are throttled exactly like real ones.
 */
export const throttlePolicy = {
  windowMs: 3_600_000,
  account: { free: 5, maxDelayS: 60 },
  ip: { free: 20, maxDelayS: 30 },
} as const

type Kind = 'account' | 'ip'

function delayFor(kind: Kind, failures: number): number {
  const p = throttlePolicy[kind]
  if (failures < p.free) return 0
  return Math.min(2 ** (failures - p.free), p.maxDelayS)
}

/** Seconds the caller must still wait before trying (0 = go ahead). */
export async function throttleWait(
  db: Kysely<Database>,
  keys: { ip: string; account: string },
  now = new Date(),
) {
  const rows = await db
    .selectFrom('login_throttle')
    .select(['key', 'blocked_until'])
    .where('key', 'in', [`ip:${keys.ip}`, `account:${keys.account}`])
    .execute()
  let wait = 0
  for (const r of rows) {
    if (r.blocked_until && r.blocked_until > now) {
      wait = Math.max(wait, Math.ceil((r.blocked_until.getTime() - now.getTime()) / 1000))
    }
  }
  return wait
}

/** Counts one failure on both keys atomically (an upsert each), resetting windows older than an hour. */
export async function recordFailure(db: Kysely<Database>, keys: { ip: string; account: string }) {
  for (const kind of ['ip', 'account'] as const) {
    const key = `${kind}:${keys[kind]}`
    const row = await db
      .insertInto('login_throttle')
      .values({ key, failures: 1, window_started_at: sql<Date>`now()` })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`CASE WHEN login_throttle.window_started_at < now() - make_interval(secs => ${
            throttlePolicy.windowMs / 1000
          }) THEN 1 ELSE login_throttle.failures + 1 END`,
          window_started_at: sql<Date>`CASE WHEN login_throttle.window_started_at < now() - make_interval(secs => ${
            throttlePolicy.windowMs / 1000
          }) THEN now() ELSE login_throttle.window_started_at END`,
        }),
      )
      .returning(['failures'])
      .executeTakeFirstOrThrow()
    const delay = delayFor(kind, row.failures)
    if (delay > 0) {
      await db
        .updateTable('login_throttle')
        .set({ blocked_until: sql<Date>`now() + make_interval(secs => ${delay})` })
        .where('key', '=', key)
        .execute()
    }
  }
}

/** A successful login clears the account's counter (not the IP's: one good password must not reset an attack). */
export async function clearAccount(db: Kysely<Database>, account: string) {
  await db.deleteFrom('login_throttle').where('key', '=', `account:${account}`).execute()
}
