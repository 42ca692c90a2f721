import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * Superseded 2026-12-01T0013: the settlement import now reads report dates with inline expressions
 * (app/modules/finance/report-formats.ts), measured ten times faster than these functions, which PostgreSQL could
 * not inline (their argument is used several times). Dropped so nothing depends on them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS finance_utc_instant(text)`.execute(db)
  await sql`DROP FUNCTION IF EXISTS finance_vnpay_instant(text)`.execute(db)
  await sql`DROP FUNCTION IF EXISTS finance_instant(int, int, int, int, int, int, text)`.execute(db)
}

export async function down(): Promise<void> {
  // 2026-12-01T0013's down drops them anyway; nothing to restore here.
}
