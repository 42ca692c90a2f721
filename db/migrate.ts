// Migrations are written against Kysely<any> (frozen in time, independent of today's schema types).
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Migrator, type Kysely, type MigrationProvider, type MigrationResultSet } from 'kysely'
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
