import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { EmbeddedServer } from '../../db/embedded'
import type { Database } from '../../db/schema'
import type { Env } from '../utils/env.server'
import type { ServerEntry } from './build'

export class StartupError extends Error {}

/**
 * What opening the database needs: the server passes its build's entry (one module graph); the migrate/seed
 * CLI, a process of its own, passes db/'s functions imported directly.
 */
export type DatabaseKit = Pick<
  ServerEntry,
  'createDb' | 'ensureDatabase' | 'startEmbedded' | 'withDatabase' | 'migrateOrThrow'
>
export type SeedKit = Pick<
  ServerEntry,
  'seedDemo' | 'hashPassword' | 'seedFinanceHistory' | 'seedCityCatalogue' | 'seedDemoHistory'
>

export interface OpenDatabase {
  db: Kysely<Database>
  embedded: EmbeddedServer | null
  close(): Promise<void>
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
      throw new StartupError(
        `Could not start the embedded PostgreSQL in ${dir}: ${(error as Error)?.message ?? error}`,
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
      `Invalid environment variable DATABASE_URL: cannot connect to ${describe(url)} (${(error as Error).message})`,
    )
  }
  if (options.migrate !== false) {
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
export async function maybeSeed(kit: SeedKit, env: Env, open: OpenDatabase, logger: Logger) {
  if (env.PROFILE === 'live') return
  const wanted = env.SEED_DEMO ? env.SEED_DEMO === 'true' : open.embedded !== null
  if (!wanted) return
  const counts = await kit.seedDemo(open.db, kit.hashPassword)
  logger.info(counts, 'demo data seeded')
  // The rest of the city's catalogue (information only) and two months of dossiers in every state (once).
  const city = await kit.seedCityCatalogue(open.db)
  if (city.newProcedures) logger.info(city, 'demo city catalogue seeded')
  const history = await kit.seedDemoHistory(open.db)
  if (history) logger.info(history, 'demo dossier history seeded')
  // A month of payments, settlements and exceptions for the finance pages (once; files for the latest day).
  const finance = await kit.seedFinanceHistory(open.db, { dataDir: env.DATA_DIR })
  if (finance) logger.info(finance, 'demo finance history seeded')
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
