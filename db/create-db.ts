import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'

// bigint (int8) holds money in đồng and counts: well inside Number's safe range (9e15 đồng), so parse to number
// deliberately rather than leave it a string. numeric is not used for money.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`)
  return n
})
// A calendar day has no time zone: keep `date` as 'yyyy-mm-dd' instead of a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

export interface CreateDbOptions {
  max?: number
  /** application_name shown in pg_stat_activity */
  name?: string
  /** how long a query may wait for a free connection (default 5 s) */
  connectionTimeoutMillis?: number
}

export function createDb(connectionString: string, options: CreateDbOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.name ?? 'portal',
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
  })
  // An idle client losing its server (database restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {})
  // Nor may a checked-out one between two queries (a transaction waiting on an upload when PostgreSQL restarts):
  // pg emits 'error' on the client, and with no listener Node ends the process. Its next query fails, and the pool
  // drops it on release (it is no longer queryable). Found by the fault suite (tests/faults, scenario b).
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  // The raw pool, for what Kysely does not speak (COPY … FROM STDIN in the settlement import). A registered symbol,
  // so a second copy of this module (the Remix build's) finds it too.
  Object.defineProperty(db, poolKey, { value: pool })
  return db
}

const poolKey = Symbol.for('portal.db.pgPool')

/** The pg pool behind a Kysely made by createDb (null for any other Kysely, e.g. a transaction). */
export function poolOf(db: Kysely<Database>): pg.Pool | null {
  return ((db as unknown as Record<symbol, pg.Pool | undefined>)[poolKey] as pg.Pool | undefined) ?? null
}
