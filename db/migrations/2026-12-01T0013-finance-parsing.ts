import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * Settlement report cells are checked and read in SQL, set-based over the staging table (issue 10 §1): these
 * read a report's date and time into an instant, or NULL when the text is not a real one — never an error, so a
 * bad cell becomes a line error instead of aborting the statement.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE FUNCTION finance_instant(y int, mo int, d int, h int, mi int, s int, tz text)
            RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN y BETWEEN 2000 AND 2100 AND mo BETWEEN 1 AND 12 AND h BETWEEN 0 AND 23
                 AND mi BETWEEN 0 AND 59 AND s BETWEEN 0 AND 59 AND d >= 1 THEN
             CASE WHEN d <= extract(day FROM make_date(y, mo, 1) + interval '1 month - 1 day')
                  THEN make_timestamptz(y, mo, d, h, mi, s, tz) END
           END
  $$`.execute(db)
  // VNPay: yyyyMMddHHmmss in GMT+7
  await sql`CREATE FUNCTION finance_vnpay_instant(value text) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN btrim(value) ~ '^[0-9]{14}$' THEN
      finance_instant(substr(btrim(value), 1, 4)::int, substr(btrim(value), 5, 2)::int,
                      substr(btrim(value), 7, 2)::int, substr(btrim(value), 9, 2)::int,
                      substr(btrim(value), 11, 2)::int, substr(btrim(value), 13, 2)::int, '+07')
    END
  $$`.execute(db)
  // Stripe reports: yyyy-MM-dd HH:mm:ss in UTC (a T and a Z are accepted)
  await sql`CREATE FUNCTION finance_utc_instant(value text) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN btrim(value) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z?$' THEN
      finance_instant(substr(btrim(value), 1, 4)::int, substr(btrim(value), 6, 2)::int,
                      substr(btrim(value), 9, 2)::int, substr(btrim(value), 12, 2)::int,
                      substr(btrim(value), 15, 2)::int, substr(btrim(value), 18, 2)::int, 'UTC')
    END
  $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS finance_utc_instant(text)`.execute(db)
  await sql`DROP FUNCTION IF EXISTS finance_vnpay_instant(text)`.execute(db)
  await sql`DROP FUNCTION IF EXISTS finance_instant(int, int, int, int, int, int, text)`.execute(db)
}
