import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * Settlement import at scale (issue 10 §7): the foreign key from a settlement line to its import fired a per-row
 * check trigger, measured a third of the insert of a file's lines. Lines are written only by the two importers
 * (file and gateway API), each in the transaction that creates the import row they name, and imports are never
 * deleted, so the key checked nothing the code does not already guarantee.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE settlement_lines DROP CONSTRAINT IF EXISTS settlement_lines_import_id_fkey`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE settlement_lines ADD CONSTRAINT settlement_lines_import_id_fkey
            FOREIGN KEY (import_id) REFERENCES settlement_imports (id)`.execute(db)
}
