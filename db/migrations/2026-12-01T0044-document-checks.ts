import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * The officer's check of each document (issue 13 §1): one row per stored file, the latest verdict — valid, or
 * needs a supplement with the reason — with who checked it and when. A replaced file is a new row in
 * dossier_files, so its check starts empty; the history of checks is in dossier_events (action
 * 'check_document'). The marks pre-fill the supplement request.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE dossier_file_checks (
    file_id uuid PRIMARY KEY REFERENCES dossier_files (id) ON DELETE CASCADE,
    dossier_id uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    verdict text NOT NULL CHECK (verdict IN ('valid', 'needs_supplement')),
    reason text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 1000),
    checked_by uuid NOT NULL REFERENCES users (id),
    checked_at timestamptz NOT NULL DEFAULT now(),
    CHECK (verdict = 'valid' OR reason IS NOT NULL)
  )`.execute(db)
  await sql`CREATE INDEX dossier_file_checks_dossier ON dossier_file_checks (dossier_id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS dossier_file_checks`.execute(db)
}
