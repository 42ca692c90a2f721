import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * The catalogue at the city's size (issue 12 §4): about 2,000 procedures, searched accent-free and ranked by where
 * the words are found (name before field before code), with trigram similarity (pg_trgm) for a mistyped word.
 *
 * - `search_name` and `search_field`: lower(unaccent(...)) of the names and of the fields, kept by the same trigger
 *   as `search_text` (unaccent is not immutable, so no generated column); ranking tests each one.
 * - `online`: false for a procedure the portal lists for information only — the agency takes its dossiers at the
 *   counter (or by post) and it cannot be applied for here yet (no e-form). The nine demo procedures stay online.
 * - GIN trigram indexes on the two new columns (search_text has had one since 2026-11-27T0002) so `LIKE '%…%'` and
 *   the word-similarity operator `<%` are index scans, not a pass over every procedure.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db)
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db)
  await sql`ALTER TABLE procedures
              ADD COLUMN search_name text NOT NULL DEFAULT '',
              ADD COLUMN search_field text NOT NULL DEFAULT '',
              ADD COLUMN online boolean NOT NULL DEFAULT true`.execute(db)
  await sql`
    CREATE OR REPLACE FUNCTION procedures_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_text := lower(unaccent(concat_ws(' ', NEW.code, NEW.name_vi, NEW.name_en, NEW.field_vi, NEW.field_en)));
      NEW.search_name := lower(unaccent(concat_ws(' ', NEW.name_vi, NEW.name_en)));
      NEW.search_field := lower(unaccent(concat_ws(' ', NEW.field_vi, NEW.field_en)));
      RETURN NEW;
    END $$`.execute(db)
  await sql`UPDATE procedures SET search_name = ''`.execute(db)
  await sql`CREATE INDEX procedures_search_name_trgm_idx ON procedures USING gin (search_name gin_trgm_ops)`.execute(
    db,
  )
  await sql`CREATE INDEX procedures_search_field_trgm_idx ON procedures USING gin (search_field gin_trgm_ops)`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION procedures_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_text := lower(unaccent(concat_ws(' ', NEW.code, NEW.name_vi, NEW.name_en, NEW.field_vi, NEW.field_en)));
      RETURN NEW;
    END $$`.execute(db)
  await sql`ALTER TABLE procedures DROP COLUMN search_name, DROP COLUMN search_field, DROP COLUMN online`.execute(
    db,
  )
}
