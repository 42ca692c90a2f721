import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * The catalogue's words, for correcting a mistyped search word (issue 12 §4). Scoring every procedure's text by
 * trigram similarity measured 150–650 ms at 2,000 procedures (strict_word_similarity costs ~75 µs on a 145-character
 * text and the planner cannot tell, so it scans); a word list of a few thousand short words answers "the closest
 * known word to 'phapp'" through a trigram index in well under a millisecond, and the search then runs on the
 * corrected words with the ordinary accent-free LIKE. Kept by a trigger on procedures: a word is added when a
 * procedure bearing it is written (words are never removed: a stale word only corrects to a search that finds
 * nothing). Correction runs only when a search finds nothing as typed.
 *
 * Also the unfiltered catalogue's order (online first, then by name, in either language) as indexes, so its
 * first pages are read in order instead of sorting every procedure by name on each request.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE catalogue_words (word text PRIMARY KEY)`.execute(db)
  await sql`CREATE INDEX catalogue_words_trgm_idx ON catalogue_words USING gin (word gin_trgm_ops)`.execute(
    db,
  )
  await sql`
    CREATE FUNCTION catalogue_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO catalogue_words (word)
        SELECT DISTINCT w FROM regexp_split_to_table(NEW.search_text, '[^[:alnum:]]+') AS w WHERE length(w) > 1
        ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER catalogue_words_add AFTER INSERT OR UPDATE OF search_text ON procedures
            FOR EACH ROW EXECUTE FUNCTION catalogue_words_add()`.execute(db)
  await sql`CREATE INDEX procedures_list_vi_idx ON procedures (online DESC, name_vi, code) WHERE published`.execute(
    db,
  )
  await sql`CREATE INDEX procedures_list_en_idx ON procedures (online DESC, name_en, code) WHERE published`.execute(
    db,
  )
  await sql`INSERT INTO catalogue_words (word)
              SELECT DISTINCT w FROM procedures, regexp_split_to_table(search_text, '[^[:alnum:]]+') AS w
              WHERE length(w) > 1 ON CONFLICT DO NOTHING`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS procedures_list_vi_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS procedures_list_en_idx`.execute(db)
  await sql`DROP TRIGGER IF EXISTS catalogue_words_add ON procedures`.execute(db)
  await sql`DROP FUNCTION IF EXISTS catalogue_words_add()`.execute(db)
  await sql`DROP TABLE IF EXISTS catalogue_words`.execute(db)
}
