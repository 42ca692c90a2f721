import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { EmbeddedServer } from '../../db/embedded'
import type { Database } from '../../db/schema'
import type { Env } from '../utils/env.server'
import type { ServerEntry } from './build'

export class StartupError extends Error {}

/** A message on one line: what start-up prints (wrapped errors may carry a child process's multi-line output). */
export const oneLine = (message: string) => message.replace(/\s*\n\s*/g, ' ').trim()

/**
 * DATA_DIR is written when this process keeps something there: the embedded PostgreSQL (no DATABASE_URL), the
 * demo's generated session secret, uploads in the default folder, the demo's settlement files. Tried once at
 * start-up (create, write, remove a file), so an unwritable folder is one line now rather than a failure later.
 */
export function checkDataDir(env: Env): void {
  const dir = path.resolve(env.DATA_DIR)
  const probe = path.join(dir, `.write-test-${process.pid}`)
  try {
    mkdirSync(dir, { recursive: true })
    writeFileSync(probe, '')
    unlinkSync(probe)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new StartupError(
      `Invalid environment variable DATA_DIR: cannot write to ${dir} (${code}): give the user running the portal (uid ${process.getuid?.() ?? '?'}) write access to it, or set DATA_DIR to a folder it can write`,
    )
  }
}

/**
 * What opening the database needs: the server passes its build's entry (one module graph); the migrate/seed
 * CLI, a process of its own, passes db/'s functions imported directly.
 */
export type DatabaseKit = Pick<
  ServerEntry,
  'createDb' | 'ensureDatabase' | 'startEmbedded' | 'withDatabase' | 'migrateOrThrow' | 'migrationState'
>
export type SeedKit = Pick<
  ServerEntry,
  | 'seedDemo'
  | 'hashPassword'
  | 'seedFinanceHistory'
  | 'seedCityCatalogue'
  | 'seedDemoHistory'
  | 'seedDemoSigning'
  | 'startDemoSigningKeys'
  | 'embeddedClusterExists'
>

/** What the seed may be given in advance: the demo's signing keys, begun before the database was opened. */
export type EarlySeed = { signingKeys: ReturnType<ServerEntry['startDemoSigningKeys']> } | null

export interface OpenDatabase {
  db: Kysely<Database>
  embedded: EmbeddedServer | null
  close(): Promise<void>
}

/** An error's message; a connection refused on every address (pg's AggregateError) has none, only a code. */
function reasonOf(error: unknown): string {
  const e = error as (Error & { code?: string; errors?: Error[] }) | null
  return e?.message || e?.errors?.[0]?.message || e?.code || String(error)
}

function describe(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname}:${u.port || 5432}${u.pathname}`
  } catch {
    return 'the configured address'
  }
}

/**
 * DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under DATA_DIR/pg (started once, reused
 * by later runs). Migrates to latest. Throws StartupError with one line for the operator.
 */
export async function openDatabase(
  kit: DatabaseKit,
  env: Env,
  logger: Logger,
  options: { migrate?: boolean } = {},
): Promise<OpenDatabase> {
  let embedded: EmbeddedServer | null = null
  let url = env.DATABASE_URL
  if (!url) {
    const dir = path.join(env.DATA_DIR, 'pg')
    logger.info({ dir }, 'no DATABASE_URL: starting the embedded PostgreSQL')
    try {
      embedded = await kit.startEmbedded(dir, {
        port: env.EMBEDDED_PG_PORT,
        log: (m) => logger.debug({ pg: m }),
      })
      await kit.ensureDatabase(embedded.adminUrl, 'portal')
    } catch (error) {
      await embedded?.stop()
      const reason = (error as Error)?.message || String(error || 'it exited during start-up')
      throw new StartupError(
        `Could not start the embedded PostgreSQL (data in ${dir}): ${reason}${
          /DATABASE_URL/.test(reason) ? '' : ' — or set DATABASE_URL to a PostgreSQL server'
        }`,
      )
    }
    url = kit.withDatabase(embedded.adminUrl, 'portal')
  }
  const db = kit.createDb(url, { max: env.DATABASE_POOL_MAX })
  try {
    await sql`SELECT 1`.execute(db)
  } catch (error) {
    await db.destroy()
    await embedded?.stop()
    throw new StartupError(
      embedded
        ? `The embedded PostgreSQL does not answer on ${describe(url)} (${reasonOf(error)}): stop what else uses DATA_DIR/pg, or set DATABASE_URL`
        : `Invalid environment variable DATABASE_URL: cannot connect to ${describe(url)} (${reasonOf(error)}): is PostgreSQL running there and reachable? Check the host, port, user, password and database in DATABASE_URL`,
    )
  }
  if (options.migrate !== false) {
    // A database migrated by a newer version of the portal: running older code on it could corrupt data.
    const state = await kit.migrationState(db).catch(async (error: unknown) => {
      await db.destroy()
      await embedded?.stop()
      throw new StartupError(`Cannot read the migrations of ${describe(url)}: ${reasonOf(error)}`)
    })
    if (state.unknown.length) {
      await db.destroy()
      await embedded?.stop()
      const names = state.unknown.slice(0, 3).join(', ') + (state.unknown.length > 3 ? ', …' : '')
      throw new StartupError(
        `The database at ${describe(url)} has ${state.unknown.length} migration(s) this code does not know (${names}): it was migrated by a newer version of the portal. Run that version (or newer), or restore a backup taken before it`,
      )
    }
    try {
      await kit.migrateOrThrow(db)
    } catch (error) {
      await db.destroy()
      await embedded?.stop()
      throw new StartupError((error as Error).message)
    }
  }
  return {
    db,
    embedded,
    async close() {
      await db.destroy()
      await embedded?.stop()
    },
  }
}

/**
 * Demo data when asked (SEED_DEMO=true), and by default on the embedded database of a demo: the newcomer's path.
 * Never in the live profile (parseEnv refuses SEED_DEMO=true there).
 */
export async function maybeSeed(
  kit: SeedKit,
  env: Env,
  open: OpenDatabase,
  logger: Logger,
  early: EarlySeed = null,
) {
  if (!seedWanted(env, open.embedded !== null)) return
  // Several web servers may start at once on one database: one seeds at a time (a session-level advisory lock on
  // a connection of its own; the seed's own queries use the pool), the others then find it done.
  await open.db.connection().execute(async (lock) => {
    await sql`SELECT pg_advisory_lock(${seedLockKey})`.execute(lock)
    try {
      await seed(kit, env, open, logger, early)
    } finally {
      await sql`SELECT pg_advisory_unlock(${seedLockKey})`.execute(lock)
    }
  })
}

/** pg_advisory_lock's key for the demo seed (an arbitrary constant of ours). */
const seedLockKey = 7_140_001

/** pg_advisory_xact_lock's key for setting up pg-boss (an arbitrary constant of ours). */
export const jobQueueSetupLockKey = 7_140_002

/**
 * Runs `work` while this process holds a transaction-level advisory lock on `key` (a transaction of its own,
 * kept open on one connection; `work` uses the pool): several processes starting at once on one database take
 * turns. pg-boss's start-up (its schema, queues and schedules) deadlocks when two instances run it together on a
 * fresh database. Transaction-level, so it is safe behind a transaction pooler.
 */
export async function oneAtATime<T>(db: Kysely<Database>, key: number, work: () => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${key})`.execute(trx)
    return work()
  })
}

const seedWanted = (env: Env, embedded: boolean) =>
  env.PROFILE !== 'live' && (env.SEED_DEMO ? env.SEED_DEMO === 'true' : embedded)

/**
 * Before the database is opened: a demo's first start on a new embedded cluster (nothing there, so the seed will
 * make the demo root and its agencies' keys) begins those keys at once, on the thread pool, while PostgreSQL is
 * created and migrated — RSA key generation is most of the demo seed's CPU. Otherwise null (the seed looks for
 * itself whether they are needed).
 */
export function beginEarlySeed(kit: SeedKit, env: Env): EarlySeed {
  if (env.DATABASE_URL || !seedWanted(env, true)) return null
  if (kit.embeddedClusterExists(path.join(env.DATA_DIR, 'pg'))) return null
  return { signingKeys: kit.startDemoSigningKeys() }
}

async function seed(kit: SeedKit, env: Env, open: OpenDatabase, logger: Logger, early: EarlySeed) {
  const counts = await kit.seedDemo(open.db, kit.hashPassword, { signing: false })
  logger.info(counts, 'demo data seeded')
  // Then, side by side (each needs only the above; none writes what another reads): the agencies' signing
  // credentials (CPU on the thread pool), the rest of the city's catalogue (information only), and two months of
  // dossiers in every state followed by a month of payments, settlements and exceptions for the finance pages
  // (files for the latest day). Each once. All are awaited before the first failure is thrown.
  const results = await Promise.allSettled([
    kit.seedDemoSigning(open.db, early?.signingKeys).then((signing) => {
      if (signing.created) logger.info(signing, 'demo signing credentials seeded')
    }),
    kit.seedCityCatalogue(open.db).then((city) => {
      if (city.newProcedures) logger.info(city, 'demo city catalogue seeded')
    }),
    (async () => {
      const history = await kit.seedDemoHistory(open.db)
      if (history) logger.info(history, 'demo dossier history seeded')
      const finance = await kit.seedFinanceHistory(open.db, { dataDir: env.DATA_DIR })
      if (finance) logger.info(finance, 'demo finance history seeded')
    })(),
  ])
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) throw failed.reason
}

/** SESSION_SECRET, or (demo profile only; live requires SESSION_SECRET) one generated once under DATA_DIR. */
export function sessionSecret(env: Env): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET
  if (env.PROFILE === 'live')
    throw new StartupError('Invalid environment variable SESSION_SECRET: required in the live profile')
  const file = path.join(env.DATA_DIR, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(env.DATA_DIR, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}
