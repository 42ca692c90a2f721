import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import type { Logger } from 'pino'
import { createDb } from '../../db/create-db'
import { ensureDatabase, startEmbedded, withDatabase, type EmbeddedServer } from '../../db/embedded'
import { migrateOrThrow } from '../../db/migrate'
import type { Database } from '../../db/schema'
import { seedDemo } from '../../db/seed/seed'
import { hashPassword } from '../modules/auth/password.server'
import type { Env } from '../utils/env.server'

export class StartupError extends Error {}

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
      embedded = await startEmbedded(dir, { port: env.EMBEDDED_PG_PORT, log: (m) => logger.debug({ pg: m }) })
      await ensureDatabase(embedded.adminUrl, 'portal')
    } catch (error) {
      await embedded?.stop()
      throw new StartupError(
        `Could not start the embedded PostgreSQL in ${dir}: ${(error as Error)?.message ?? error}`,
      )
    }
    url = withDatabase(embedded.adminUrl, 'portal')
  }
  const db = createDb(url, { max: env.DATABASE_POOL_MAX })
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
      await migrateOrThrow(db)
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

/** Demo data when asked (SEED_DEMO=true), and by default on the embedded database: the newcomer's path. */
export async function maybeSeed(env: Env, open: OpenDatabase, logger: Logger) {
  const wanted = env.SEED_DEMO ? env.SEED_DEMO === 'true' : open.embedded !== null
  if (!wanted) return
  const counts = await seedDemo(open.db, hashPassword)
  logger.info(counts, 'demo data seeded')
}

/** SESSION_SECRET, or one generated once and kept under DATA_DIR (development only; production requires it). */
export function sessionSecret(env: Env): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET
  const file = path.join(env.DATA_DIR, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(env.DATA_DIR, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}
