import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * Matching at scale (issue 10 §7): every reconciliation item fired seven per-row foreign-key checks on insert (its
 * run, agency, attempt, settlement line, refund, fee and dossier), each a lookup that also locks the referenced
 * row; measured 1.3 s of a 6.9 s run at 100,000 lines (4,000 items; 40,000 at 1,000,000 lines). Items are
 * written only by the matching, which takes every one of these ids from the rows it joins in the same statement,
 * and none of the referenced tables has a row ever deleted, so those keys checked nothing the code does not
 * already guarantee (as for a settlement line's import, 2026-12-01T0020). The keys to users (owner, requester,
 * approver), written by people resolving an item, stay.
 */
const dropped = [
  ['run_id', 'reconciliation_runs'],
  ['agency_id', 'agencies'],
  ['payment_attempt_id', 'payment_attempts'],
  ['settlement_line_id', 'settlement_lines'],
  ['refund_id', 'refunds'],
  ['fee_id', 'fees'],
  ['dossier_id', 'dossiers'],
] as const

export async function up(db: Kysely<any>): Promise<void> {
  for (const [column] of dropped) {
    await sql`ALTER TABLE reconciliation_items
              DROP CONSTRAINT IF EXISTS ${sql.raw(`reconciliation_items_${column}_fkey`)}`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [column, table] of dropped) {
    await sql`ALTER TABLE reconciliation_items ADD CONSTRAINT ${sql.raw(`reconciliation_items_${column}_fkey`)}
              FOREIGN KEY (${sql.raw(column)}) REFERENCES ${sql.raw(table)} (id)`.execute(db)
  }
}
