import { sql, type Kysely } from 'kysely'
import { isIPv4, isIPv6 } from 'node:net'
import type { Database } from '../../../db/schema'

/**
 * Throttling with a soft back-off and no permanent lock-out. Failures are counted per key in a one-hour window;
 * past a free allowance each further failure doubles the wait, capped. Used by login (per account and per IP:
 * one account takes at most about 100 failures an hour), by the public dossier lookup (per network and per
 * dossier code) and by registration (per network and per e-mail). Network keys come from `networkKey`, so one
 * IPv6 host, which owns a whole /64, cannot take a fresh allowance with every address of it.
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
  /*
   * Per dossier code, whatever the address: about 17 wrong answers an hour at most (5 free, then 1 s doubling to
   * 15 min), so spreading guesses of one code's 4 digits over many addresses gains nothing.
   */
  lookupCode: { free: 5, maxDelayS: 900 },
  /** Registration and "send the letter again": every attempt counts, per network and per e-mail address. */
  register: { free: 30, maxDelayS: 300 },
  registerEmail: { free: 3, maxDelayS: 600 },
} as const

/** The 8 groups of an IPv6 address (an embedded IPv4 tail and `::` expanded, a zone dropped); null if not one. */
function ipv6Groups(address: string): number[] | null {
  let s = address.split('%')[0]
  if (!isIPv6(s)) return null
  const v4 = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s)
  if (v4) {
    const [a, b, c, d] = v4.slice(2).map(Number)
    s = `${v4[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, null]
  const h = head ? head.split(':') : []
  const t = tail ? tail.split(':') : []
  const parts = tail === null ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t]
  return parts.map((p) => parseInt(p, 16))
}

/**
 * The network a client address stands for, as a throttle key: IPv4 as it is; an IPv4-mapped IPv6 address
 * (`::ffff:203.0.113.7`, what a dual-stack socket reports) as its IPv4; any other IPv6 address as its /64
 * (`2001:db8:1:2::/64`), the block one subscriber line gets. Anything else is kept as given.
 */
export function networkKey(address: string): string {
  if (isIPv4(address)) return address
  const groups = ipv6Groups(address)
  if (!groups) return address
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.')
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`
}

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
  { key: `ip:${networkKey(keys.ip)}`, ...throttlePolicy.ip },
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
