// Migrations are written against Kysely<any> (frozen in time, independent of today's schema types).
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Migrator, sql, type Kysely, type MigrationProvider, type MigrationResultSet } from 'kysely'
import { migrations } from './migrations/index'

/** Kysely's one-method extension point: the migrations, by name. */
const provider: MigrationProvider = { getMigrations: async () => migrations }

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider })
}

/** Never throws for a failed migration: returns `{ error, results }` like Kysely's migrator. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  return createMigrator(db).migrateToLatest()
}

/** Throws with the failing migration's name; for start-up paths where a failure must stop the process. */
export async function migrateOrThrow(db: Kysely<any>): Promise<void> {
  const { error, results } = await migrateToLatest(db)
  const failed = results?.find((r) => r.status === 'Error')
  if (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`)
  }
}

export interface MigrationState {
  /** migrations of this code the database has not run yet */
  pending: string[]
  /** migrations the database has run that this code does not know: it was migrated by a newer version */
  unknown: string[]
}

/**
 * The database's migrations (Kysely's `kysely_migration` table) against this code's list (db/migrations/index.ts):
 * what start-up refuses (unknown ones) and what `/readyz` reports. One cheap query; no table yet means all pending.
 */
export async function migrationState(db: Kysely<any>): Promise<MigrationState> {
  const known = Object.keys(migrations)
  const table = await sql<{ t: string | null }>`SELECT to_regclass('kysely_migration')::text AS t`.execute(db)
  const ran = table.rows[0]?.t
    ? (await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db)).rows.map((r) => r.name)
    : []
  const done = new Set(ran)
  const code = new Set(known)
  return {
    pending: known.filter((name) => !done.has(name)).sort(),
    unknown: ran.filter((name) => !code.has(name)).sort(),
  }
}
