import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema'

/**
 * `npm run db:seed -- --volume N` (and benchmarks): N more dossiers, set-based (one INSERT … SELECT over
 * generate_series for the dossiers, one for their submission events), so 10,000 take about a second and
 * 1,000,000 a few minutes. Needs `seedDemo` first: dossiers are filed under the online demo procedures' published
 * versions, by N/50 generated citizens (none can sign in: their password hash is not an argon2 hash), in a spread of
 * states drawn from a deterministic hash of the row number, with dates over the last two months relative to now.
 * Every dossier has its `submit` event (actor the applicant), so the audit trail and the pages agree; deeper
 * histories are the demo history's job. Codes use a per-call batch prefix and never meet the counter's codes.
 */
export async function seedVolume(
  db: Kysely<Database>,
  n: number,
): Promise<{ dossiers: number; citizens: number }> {
  if (!Number.isInteger(n) || n < 1) throw new Error('--volume needs a positive whole number of dossiers')
  const citizens = Math.max(1, Math.ceil(n / 50))
  const batch = Date.now().toString(36).slice(-5).toUpperCase()
  const u = (stream: number) =>
    sql.raw(`((hashint8(g::bigint * 31 + ${stream}) & 2147483647) / 2147483648.0)`)
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('portal:seed'))`.execute(trx)
    await sql`
      INSERT INTO users (kind, email, full_name, phone, citizen_id, password_hash, email_confirmed_at)
      SELECT 'citizen', 'volume-' || ${batch} || '-' || g || '@example.invalid', 'Công dân thử tải ' || g,
             '09' || lpad(((hashint4(g) & 2147483647) % 100000000)::text, 8, '0'),
             lpad(((hashint8(g::bigint) & 2147483647) % 1000000000000)::text, 12, '0'),
             'volume-seed-no-login', now()
      FROM generate_series(1, ${citizens}::int) g`.execute(trx)
    await sql`
      CREATE TEMP TABLE volume_citizens ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY id) AS k, id FROM users
      WHERE email LIKE ${`volume-${batch}-%`}`.execute(trx)
    await sql`
      CREATE TEMP TABLE volume_procedures ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY p.code) - 1 AS k, p.id AS procedure_id, v.id AS version_id,
             p.agency_id, a.code AS agency_code, p.processing_days
      FROM procedures p
      JOIN agencies a ON a.id = p.agency_id
      JOIN LATERAL (SELECT id FROM procedure_versions WHERE procedure_id = p.id AND published_at IS NOT NULL
                    ORDER BY version DESC LIMIT 1) v ON true
      WHERE p.published AND p.online`.execute(trx)
    const procs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM volume_procedures`.execute(trx)
    if (!procs.rows[0].n) throw new Error('--volume needs the demo catalogue: run the seed without it first')
    const inserted = await sql<{ id: string }>`
      WITH base AS MATERIALIZED (
        SELECT g, ${u(1)} AS r1, ${u(2)} AS r2, ${u(3)} AS r3, ${u(4)} AS r4 FROM generate_series(1, ${n}::int) g),
      drawn AS MATERIALIZED (
        SELECT b.*, p.*,
          CASE WHEN r1 < 0.06 THEN 'submitted' WHEN r1 < 0.10 THEN 'awaiting_payment' WHEN r1 < 0.22 THEN 'received'
               WHEN r1 < 0.36 THEN 'in_progress' WHEN r1 < 0.42 THEN 'supplement_requested'
               WHEN r1 < 0.47 THEN 'awaiting_approval' WHEN r1 < 0.52 THEN 'result_ready'
               WHEN r1 < 0.90 THEN 'completed' WHEN r1 < 0.94 THEN 'refused_at_intake' WHEN r1 < 0.97 THEN 'refused'
               ELSE 'withdrawn' END AS status,
          now() - r3 * interval '60 days' AS submitted
        FROM base b JOIN volume_procedures p ON p.k = floor(b.r2 * ${procs.rows[0].n})::int)
      INSERT INTO dossiers (code, procedure_id, procedure_version_id, agency_id, applicant_id, status,
                            delivery_method, declared_at, submitted_at, received_at, due_at, paused_since,
                            completed_at, timeliness, created_at, updated_at)
      SELECT agency_code || '-' || to_char(submitted + interval '7 hours', 'YYMMDD') || '-V' || ${batch} || lpad(g::text, 7, '0'),
             procedure_id, version_id, d.agency_id, c.id, status::text, 'online', submitted, submitted,
             CASE WHEN status NOT IN ('submitted', 'awaiting_payment', 'withdrawn', 'refused_at_intake')
                  THEN submitted + interval '3 hours' END,
             CASE WHEN status NOT IN ('submitted', 'awaiting_payment', 'withdrawn', 'refused_at_intake')
                  THEN date_trunc('day', submitted + processing_days * 1.4 * interval '1 day') + interval '10 hours' END,
             CASE WHEN status IN ('supplement_requested', 'awaiting_payment') THEN now() - r4 * interval '3 days' END,
             CASE WHEN status IN ('completed', 'refused', 'refused_at_intake', 'withdrawn')
                  THEN least(now(), submitted + (0.5 + r4 * processing_days * 1.5) * interval '1 day') END,
             CASE WHEN status = 'completed' THEN (CASE WHEN r4 < 0.55 THEN 'early' WHEN r4 < 0.9 THEN 'on_time' ELSE 'late' END) END,
             submitted, now()
      FROM drawn d JOIN volume_citizens c ON c.k = 1 + (hashint4(g + 99) & 2147483647) % ${citizens}
      RETURNING id`.execute(trx)
    await sql`
      INSERT INTO dossier_events (dossier_id, actor_id, actor_role, action, from_status, to_status, data, at)
      SELECT d.id, d.applicant_id, 'citizen', 'submit', 'draft',
             CASE WHEN d.status = 'awaiting_payment' THEN 'awaiting_payment' ELSE 'submitted' END, '{}', d.submitted_at
      FROM dossiers d WHERE d.code LIKE ${`%-V${batch}%`}`.execute(trx)
    return { dossiers: inserted.rows.length, citizens }
  })
}
