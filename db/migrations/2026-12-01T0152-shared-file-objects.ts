import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * A file taken from the citizen's document store names the same storage object as its source (issue 15 §3), so
 * `dossier_files.storage_key` can no longer be unique over all rows: it stays unique over the rows that brought
 * the bytes (`source_file_id IS NULL`), one original per object, and any number of references may share it. The
 * plain index of 2026-12-01T0151 serves the reference checks before an object is deleted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossier_files DROP CONSTRAINT dossier_files_storage_key_key`.execute(db)
  await sql`CREATE UNIQUE INDEX dossier_files_storage_key_original ON dossier_files (storage_key)
    WHERE source_file_id IS NULL`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM dossier_files WHERE source_file_id IS NOT NULL`.execute(db)
  await sql`DROP INDEX IF EXISTS dossier_files_storage_key_original`.execute(db)
  await sql`ALTER TABLE dossier_files ADD CONSTRAINT dossier_files_storage_key_key UNIQUE (storage_key)`.execute(
    db,
  )
}
