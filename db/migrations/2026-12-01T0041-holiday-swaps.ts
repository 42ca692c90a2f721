import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * Make-up working days (issue 13 §3). Viet Nam moves days: the Government swaps a weekday next to a holiday with a
 * weekly rest day (Friday 2 January 2026 off, Saturday 10 January 2026 worked instead). The holidays table, until
 * now a list of days off, also holds the worked days:
 * - `kind` 'off' (a day off: a holiday, a day in lieu, or the weekday of a swap) or 'working' (a weekend day
 *   worked, ngày làm bù); a 'working' row names the day off it makes up for in `replaces`;
 * - `basis` the decision the day comes from (e.g. "Công văn 12729/VPCP-KGVX ngày 25/12/2025"), shown to
 *   administrators.
 * A make-up day goes with its day off: removing the day off removes it (ON DELETE CASCADE).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE holidays
    ADD COLUMN kind text NOT NULL DEFAULT 'off' CHECK (kind IN ('off', 'working')),
    ADD COLUMN replaces date REFERENCES holidays (date) ON DELETE CASCADE,
    ADD COLUMN basis text,
    ADD CONSTRAINT holidays_working_replaces CHECK ((kind = 'working') = (replaces IS NOT NULL)),
    ADD CONSTRAINT holidays_not_self CHECK (replaces <> date)`.execute(db)
  // One make-up day per day off.
  await sql`CREATE UNIQUE INDEX holidays_replaces_uq ON holidays (replaces) WHERE replaces IS NOT NULL`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM holidays WHERE kind = 'working'`.execute(db)
  await sql`DROP INDEX IF EXISTS holidays_replaces_uq`.execute(db)
  await sql`ALTER TABLE holidays
    DROP CONSTRAINT IF EXISTS holidays_not_self,
    DROP CONSTRAINT IF EXISTS holidays_working_replaces,
    DROP COLUMN IF EXISTS basis,
    DROP COLUMN IF EXISTS replaces,
    DROP COLUMN IF EXISTS kind`.execute(db)
}
