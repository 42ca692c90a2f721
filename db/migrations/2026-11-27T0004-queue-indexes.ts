import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * Indexes for the officers' queues (app/modules/queues/queues.server.ts). A queue page is
 * `WHERE agency_id = $a AND <queue condition> AND (sort key, id) > cursor ORDER BY sort key, id LIMIT 26`; each
 * index below has the agency and that sort key as leading columns and the queue's statuses as its predicate, so a
 * page — the first or the thousandth — is one index range scan of 26 entries, whatever the number of dossiers.
 * The partial indexes hold only open dossiers (a few weeks of work), not the years of completed ones.
 *
 * The due-date sort key is `coalesce(due_at, 'infinity')`: dossiers not yet received (no due date) sort last and
 * the key is never NULL, so a keyset cursor compares cleanly; queries must use exactly this expression. Overdue
 * and due-soon, whose condition excludes NULL anyway, use the plain due_at.
 *
 * Built without CONCURRENTLY (migrations run in a transaction). On a large live table, build them concurrently
 * by hand first; `IF NOT EXISTS` then makes this migration a no-op.
 */
const due = `(coalesce(due_at, 'infinity'::timestamptz))`

const indexes: { name: string; sql: string; why: string }[] = [
  {
    name: 'dossiers_queue_submitted_idx',
    sql: `ON dossiers (agency_id, submitted_at, id) WHERE status = 'submitted'`,
    why: 'awaiting reception, oldest submission first (the 8-working-hour deadline follows the submission)',
  },
  {
    name: 'dossiers_queue_status_due_idx',
    sql: `ON dossiers (agency_id, status, ${due}, id)
          WHERE status IN ('supplement_requested', 'awaiting_approval', 'awaiting_payment', 'result_ready')`,
    why: 'the one-status queues by due date: supplement requested, awaiting approval, awaiting payment, ready to return',
  },
  {
    name: 'dossiers_queue_running_due_idx',
    sql: `ON dossiers (agency_id, due_at, id) WHERE status IN ('received', 'in_progress', 'awaiting_approval')`,
    why: 'overdue (due_at before today) and due within 3 working days (a due_at range), where the clock runs: the plain column (always set once received), so their counts are index-only scans',
  },
  {
    name: 'dossiers_queue_unit_due_idx',
    sql: `ON dossiers (agency_id, ${due}, id) WHERE status IN ('received', 'in_progress')`,
    why: "in progress, my unit: the agency's received and assigned dossiers by due date",
  },
  {
    name: 'dossiers_queue_mine_due_idx',
    sql: `ON dossiers (assignee_id, ${due}, id) WHERE status = 'in_progress'`,
    why: 'in progress, mine: the dossiers assigned to me by due date',
  },
  {
    name: 'dossiers_queue_returned_due_idx',
    sql: `ON dossiers (agency_id, ${due}, id) WHERE status IN ('submitted', 'received', 'in_progress')`,
    why: 'supplement answered: the statuses a supplement returns to, by due date (then a probe of supplement_requests)',
  },
  {
    name: 'dossiers_queue_all_idx',
    sql: `ON dossiers (agency_id, submitted_at, id) WHERE status <> 'draft'`,
    why: 'every dossier of the agency, newest submission first (read backwards): where a search finds old ones',
  },
  {
    name: 'supplement_requests_answered_idx',
    sql: `ON supplement_requests (dossier_id) WHERE answered_at IS NOT NULL`,
    why: 'supplement answered: which dossiers have an answered request (an index-only probe or scan)',
  },
  {
    name: 'dossiers_code_prefix_idx',
    sql: `ON dossiers (code text_pattern_ops) WHERE code IS NOT NULL`,
    why: 'search by dossier code or its beginning (LIKE prefix); the unique index on code cannot serve LIKE',
  },
  {
    name: 'users_citizen_id_prefix_idx',
    sql: `ON users (citizen_id text_pattern_ops) WHERE citizen_id IS NOT NULL`,
    why: "search by the applicant's citizen id or its beginning (LIKE prefix)",
  },
  {
    name: 'users_name_search_trgm_idx',
    sql: `ON users USING gin (lower(immutable_unaccent(full_name)) gin_trgm_ops)`,
    why: "search by a part of the applicant's name, any case, with or without accents (trigram LIKE '%…%')",
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  // unaccent() is only STABLE (its dictionary could change), so it cannot appear in an index; this wrapper pins
  // the dictionary and is declared IMMUTABLE, the usual way to index accent-free text. If the unaccent rules are
  // ever edited, REINDEX users_name_search_trgm_idx.
  await sql`
    CREATE FUNCTION immutable_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`.execute(db)
  for (const index of indexes) {
    await sql.raw(`CREATE INDEX IF NOT EXISTS ${index.name} ${index.sql}`).execute(db)
    await sql.raw(`COMMENT ON INDEX ${index.name} IS '${index.why.replaceAll("'", "''")}'`).execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [...indexes].reverse()) await sql.raw(`DROP INDEX IF EXISTS ${index.name}`).execute(db)
  await sql`DROP FUNCTION IF EXISTS immutable_unaccent(text)`.execute(db)
}
