import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * What the forms of Circular 01/2018/TT-VPCP print and the portal did not keep (issue 13 §2):
 * - `agencies.parent_authority_vi/_en`: the line above the agency's name (tên cơ quan chủ quản). Null: the
 *   parent agency's name is printed. Filled here from the parents of the agencies that exist.
 * - the tracking book (sổ theo dõi hồ sơ, Mẫu 06): every received dossier gets the next number of its agency's
 *   book for the Vietnamese year of reception (`dossiers.book_year`, `book_number`), from a counter row per agency
 *   and year bumped in the reception's transaction (race-free: receptions of one agency queue on that row; a
 *   rolled-back reception gives its number back). Dossiers received before this migration are numbered in the
 *   order of their reception.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE agencies ADD COLUMN parent_authority_vi text, ADD COLUMN parent_authority_en text`.execute(
    db,
  )
  await sql`UPDATE agencies a SET parent_authority_vi = p.name_vi, parent_authority_en = p.name_en
    FROM agencies p WHERE p.id = a.parent_id`.execute(db)

  await sql`CREATE TABLE tracking_book_counters (
    agency_id uuid NOT NULL REFERENCES agencies(id),
    year smallint NOT NULL,
    last integer NOT NULL,
    PRIMARY KEY (agency_id, year)
  )`.execute(db)
  await sql`ALTER TABLE dossiers ADD COLUMN book_year smallint, ADD COLUMN book_number integer,
    ADD CONSTRAINT dossiers_book_both CHECK ((book_year IS NULL) = (book_number IS NULL))`.execute(db)
  await sql`CREATE UNIQUE INDEX dossiers_book_number ON dossiers (agency_id, book_year, book_number)
    WHERE book_number IS NOT NULL`.execute(db)

  await sql`WITH numbered AS (
      SELECT id, agency_id,
        extract(year FROM received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::smallint AS year,
        row_number() OVER (
          PARTITION BY agency_id, extract(year FROM received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')
          ORDER BY received_at, id
        ) AS n
      FROM dossiers WHERE received_at IS NOT NULL
    )
    UPDATE dossiers d SET book_year = numbered.year, book_number = numbered.n
    FROM numbered WHERE numbered.id = d.id`.execute(db)
  await sql`INSERT INTO tracking_book_counters (agency_id, year, last)
    SELECT agency_id, book_year, max(book_number) FROM dossiers
    WHERE book_number IS NOT NULL GROUP BY agency_id, book_year`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS dossiers_book_number`.execute(db)
  await sql`ALTER TABLE dossiers DROP CONSTRAINT IF EXISTS dossiers_book_both,
    DROP COLUMN IF EXISTS book_year, DROP COLUMN IF EXISTS book_number`.execute(db)
  await sql`DROP TABLE IF EXISTS tracking_book_counters`.execute(db)
  await sql`ALTER TABLE agencies DROP COLUMN IF EXISTS parent_authority_vi,
    DROP COLUMN IF EXISTS parent_authority_en`.execute(db)
}
