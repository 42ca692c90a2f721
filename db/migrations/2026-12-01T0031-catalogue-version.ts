import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * The catalogue's version (issue 12 §3): one counter row that every web server reads before it answers a public
 * page from its cache. Statement-level triggers bump it in the transaction of any change to what the public pages
 * show (agencies, procedures, their versions), so publishing, an agency edit, a seed or an import all invalidate
 * every server's cache at commit, whatever code made the change. One row: concurrent publishers serialise on it,
 * which is fine for administration (a handful of changes a day).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE catalogue_version (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL DEFAULT 1,
    changed_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db)
  await sql`INSERT INTO catalogue_version (id) VALUES (true)`.execute(db)
  await sql`CREATE FUNCTION bump_catalogue_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE catalogue_version SET version = version + 1, changed_at = now() WHERE id;
      RETURN NULL;
    END $$`.execute(db)
  for (const table of ['agencies', 'procedures', 'procedure_versions']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_bump_catalogue_version`)}
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION bump_catalogue_version()`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['agencies', 'procedures', 'procedure_versions']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_bump_catalogue_version`)} ON ${sql.table(table)}`.execute(
      db,
    )
  }
  await sql`DROP FUNCTION IF EXISTS bump_catalogue_version()`.execute(db)
  await sql`DROP TABLE IF EXISTS catalogue_version`.execute(db)
}
