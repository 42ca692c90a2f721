/**
 * The queue-index benchmark (issue 4: "the awaiting reception and overdue queries at 1,000,000 dossiers within 2×
 * their time at 10,000"). Run by `npm run bench` (tests/bench/run.ts, which owns the databases); not part of
 * `npm test`.
 *
 * What it does, on a migrated and seeded database of its own:
 * 1. inserts 10,000 dossiers with INSERT … SELECT generate_series (statuses, agencies, procedures and dates drawn
 *    from a deterministic hash of the row number: the same data on every run), VACUUM ANALYZE, and keeps a copy
 *    of the database as it is (CREATE DATABASE … TEMPLATE);
 * 2. grows the table to 1,000,000 dossiers the same way, VACUUM ANALYZE;
 * 3. times the page queries of "awaiting reception" and "overdue" — `queuePage`, the function `/officer` calls —
 *    on the first page and on a deep keyset page (90 % down the queue): median of RUNS runs after a warm-up, on
 *    the 10,000 copy and the 1,000,000 database in turns, so that the load of a shared machine weighs on both
 *    figures alike instead of on whichever was measured during a busy minute;
 * 4. prints both figures and their ratio per query, a `SELECT 1` baseline, the counts query (for information:
 *    counting grows with the queues' length), and the EXPLAIN plan nodes;
 * 5. fails when a ratio exceeds 2× or when a timed query reads the dossiers table sequentially at 1,000,000.
 *
 * Every status keeps its share as the table grows, so the open queues grow 100× too: harsher than life, where
 * the queues hold a few weeks of work and the years of completed dossiers pile up outside them.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { seedDemo } from '../../db/seed/seed'
import { hashPassword } from '../../app/modules/auth/password.server'
import type { QueueParam } from '../../app/modules/queues/definitions'
import {
  decodeCursor,
  loadQueueHolidays,
  queueClock,
  queueCounts,
  queuePage,
  queuePageQuery,
  type QueueClock,
  type QueueCursor,
  type QueueScope,
} from '../../app/modules/queues/queues.server'

const SMALL = 10_000
const LARGE = 1_000_000
/** Inserted per statement while growing (a few big statements, progress printed between them). */
const BATCH = 250_000
const CITIZENS_SMALL = 8_000
const CITIZENS_LARGE = 200_000
const RUNS = Number(process.env.BENCH_RUNS ?? 31)
const WARMUP = 5
const MAX_RATIO = 2

/** Pseudo-random in [0, 1) from the row number g and a stream number: deterministic, no setseed needed. */
const u = (stream: number) => sql.raw(`((hashint8(g::bigint * 31 + ${stream}) & 2147483647) / 2147483648.0)`)

/** The procedures of the demo catalogue with a weight each (ward procedures are the busiest, as in life). */
const procedureWeights: Record<string, number> = {
  '1.001193.000.00.00.H56': 24, // birth registration (PBN)
  '2.000635.000.00.00.H56': 10, // civil-status extract copies (PBN)
  '2.000815.000.00.00.H56': 16, // certified copies (PBN)
  '1.000894.000.00.00.H56': 5, // marriage registration (PBN)
  '2.001417.000.00.00.H56': 15, // judicial record (STP)
  '2.000720.000.00.00.H56': 8, // household business (UBQ1)
  '1.009994.000.00.00.H56': 7, // building permit (UBQ1)
  '1.002804.000.00.00.H56': 10, // driving licence (SGTVT)
  '1.001917.000.00.00.H56': 5, // food safety (SYT)
}

/** Cumulative shares of the statuses (of all dossiers): mostly closed, the rest spread over the queues. */
const statusShares: [string, number][] = [
  ['completed', 0.7],
  ['refused', 0.72],
  ['refused_at_intake', 0.74],
  ['withdrawn', 0.76],
  ['submitted', 0.79],
  ['awaiting_payment', 0.81],
  ['received', 0.83],
  ['in_progress', 0.92],
  ['supplement_requested', 0.95],
  ['awaiting_approval', 0.98],
  ['result_ready', 1.01],
]

async function prepare(db: Kysely<Database>) {
  await seedDemo(db, hashPassword)
  // Lookup tables for the generator (dropped with the database): procedures by cumulative weight, specialists.
  await sql`CREATE TABLE bench_procedures AS
    SELECT p.id AS procedure_id, v.id AS version_id, p.agency_id, a.code AS agency_code, p.processing_days,
           p.code, 0::float8 AS upto
    FROM procedures p JOIN procedure_versions v ON v.procedure_id = p.id JOIN agencies a ON a.id = p.agency_id`.execute(
    db,
  )
  const rows = await sql<{ code: string }>`SELECT code FROM bench_procedures ORDER BY code`.execute(db)
  const total = rows.rows.reduce((s, r) => s + (procedureWeights[r.code] ?? 1), 0)
  let upto = 0
  for (const r of rows.rows) {
    upto += (procedureWeights[r.code] ?? 1) / total
    await sql`UPDATE bench_procedures SET upto = ${r.code === rows.rows.at(-1)!.code ? 2 : upto} WHERE code = ${r.code}`.execute(
      db,
    )
  }
  // 1000 buckets, each a procedure in proportion to its weight: a row picks one by an equi-join (a hash join),
  // which keeps the generator's plan cheap.
  await sql`CREATE TABLE bench_buckets AS
    SELECT b, p.procedure_id, p.version_id, p.agency_id, p.agency_code, p.processing_days
    FROM generate_series(0, 999) b
    CROSS JOIN LATERAL (SELECT * FROM bench_procedures bp WHERE bp.upto > b / 1000.0 ORDER BY bp.upto LIMIT 1) p`.execute(
    db,
  )
  await sql`CREATE TABLE bench_specialists AS
    SELECT DISTINCT ON (agency_id) agency_id, user_id FROM staff_roles WHERE role = 'specialist'
    ORDER BY agency_id, user_id`.execute(db)
  await sql`CREATE TABLE bench_citizens (n integer PRIMARY KEY, id uuid NOT NULL)`.execute(db)
  await sql`ANALYZE bench_procedures, bench_buckets, bench_specialists`.execute(db)
}

const familyNames = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
]
const middleNames = ['Văn', 'Thị', 'Minh', 'Quốc', 'Thu', 'Hữu', 'Ngọc', 'Thanh', 'Đức', 'Gia']
const givenNames = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
]
const pgArray = (list: string[]) => sql`ARRAY[${sql.join(list)}]::text[]`

/** Citizens numbered from+1 … to (unique email, phone and 12-digit citizen id from the number). */
async function insertCitizens(db: Kysely<Database>, from: number, to: number) {
  await sql`
    WITH c AS (
      INSERT INTO users (kind, email, full_name, phone, citizen_id, password_hash)
      SELECT 'citizen', 'bench' || g || '@example.vn',
             (${pgArray(familyNames)})[1 + (hashint4(g) & 1023) % ${familyNames.length}] || ' ' ||
             (${pgArray(middleNames)})[1 + (hashint4(g + 7) & 1023) % ${middleNames.length}] || ' ' ||
             (${pgArray(givenNames)})[1 + (hashint4(g + 13) & 1023) % ${givenNames.length}],
             '09' || lpad(g::text, 8, '0'), '0791' || lpad(g::text, 8, '0'), 'x'
      FROM generate_series(${from + 1}::int, ${to}::int) g
      RETURNING id, email)
    INSERT INTO bench_citizens (n, id)
    SELECT substring(email FROM 'bench([0-9]+)@')::int, id FROM c`.execute(db)
  await sql`ANALYZE bench_citizens`.execute(db)
}

/**
 * Dossiers numbered from+1 … to. A status is drawn by share; the dates follow the status (received a while ago
 * for running ones, so that some are overdue; submitted in the last three days for the reception queue; …).
 */
async function insertDossiers(db: Kysely<Database>, from: number, to: number, citizens: number) {
  const statusCase = sql.raw(
    `CASE ${statusShares.map(([status, upto]) => `WHEN r1 < ${upto} THEN '${status}'`).join(' ')} END`,
  )
  await sql`
    WITH base AS MATERIALIZED (
      SELECT g, ${u(1)} AS r1, ${u(2)} AS r2, ${u(3)} AS r3, ${u(4)} AS r4, ${u(5)} AS r5
      FROM generate_series(${from + 1}::int, ${to}::int) g),
    drawn AS MATERIALIZED (
      SELECT b.*, ${statusCase} AS status, p.*
      FROM base b
      JOIN bench_buckets p ON p.b = floor(b.r2 * 1000)::int),
    timed AS MATERIALIZED (
      SELECT d.*,
        CASE
          WHEN status = 'submitted' THEN now() - r3 * interval '3 days'
          WHEN status = 'awaiting_payment' THEN now() - r3 * interval '10 days'
          WHEN status IN ('received', 'in_progress', 'supplement_requested', 'awaiting_approval', 'result_ready')
            THEN now() - r3 * processing_days * 1.6 * interval '1 day'
          ELSE now() - (30 + r3 * 700) * interval '1 day'
        END AS submitted,
        -- paid/assessed after reception, or asked to supplement after reception (else: before)
        status NOT IN ('submitted', 'withdrawn', 'refused_at_intake')
          AND NOT (status IN ('awaiting_payment', 'supplement_requested') AND r4 < 0.6) AS was_received
      FROM drawn d),
    dated AS MATERIALIZED (
      SELECT t.*,
        CASE WHEN was_received THEN submitted + r5 * interval '6 hours' END AS received,
        -- 17:00 in Viet Nam (10:00 UTC) of the day about 1.4 × processing days after reception
        CASE WHEN was_received THEN date_trunc('day', submitted + processing_days * 1.4 * interval '1 day')
                                    + interval '10 hours' END AS due
      FROM timed t)
    INSERT INTO dossiers (code, procedure_id, procedure_version_id, agency_id, applicant_id, status,
                          delivery_method, declared_at, submitted_at, received_at, due_at, paused_since,
                          completed_at, timeliness, assignee_id, version, created_at, updated_at)
    SELECT agency_code || '-' || to_char(submitted + interval '7 hours', 'YYMMDD') || '-' || lpad(g::text, 7, '0'),
           procedure_id, version_id, dated.agency_id,
           c.id, status, 'online', submitted, submitted, received, due,
           CASE WHEN status IN ('supplement_requested', 'awaiting_payment') THEN now() - r5 * interval '4 days' END,
           CASE WHEN status IN ('completed', 'refused', 'refused_at_intake', 'withdrawn')
                THEN coalesce(due, submitted) - (r4 - 0.8) * interval '3 days' END,
           CASE WHEN status = 'completed' THEN (CASE WHEN r4 < 0.55 THEN 'early' WHEN r4 < 0.9 THEN 'on_time' ELSE 'late' END) END,
           CASE WHEN status IN ('in_progress', 'awaiting_approval', 'result_ready', 'completed', 'refused')
                THEN s.user_id END,
           3, submitted, now()
    FROM dated
    JOIN bench_citizens c ON c.n = 1 + (hashint4(g + 99) & 2147483647) % ${citizens}
    LEFT JOIN bench_specialists s ON s.agency_id = dated.agency_id`.execute(db)
}

/** Open requests for waiting dossiers, answered ones for a fifth of the running ones (the "answered" queue). */
async function insertSupplements(db: Kysely<Database>) {
  await sql`
    INSERT INTO supplement_requests (dossier_id, requested_by, items, return_status, requested_at, answered_at)
    SELECT d.id, (SELECT user_id FROM staff_roles WHERE role = 'reception' ORDER BY user_id LIMIT 1),
           '[{"kind":"document","key":"x","reason":"bench"}]'::jsonb,
           CASE WHEN d.received_at IS NULL THEN 'submitted' ELSE 'in_progress' END,
           coalesce(d.paused_since, d.received_at + interval '1 day'),
           CASE WHEN d.status = 'supplement_requested' THEN NULL ELSE d.received_at + interval '2 days' END
    FROM dossiers d
    WHERE (d.status = 'supplement_requested'
           OR (d.status IN ('received', 'in_progress') AND (hashtext(d.id::text) & 7) = 0))
      AND NOT EXISTS (SELECT 1 FROM supplement_requests sr WHERE sr.dossier_id = d.id)`.execute(db)
}

async function vacuumAnalyze(db: Kysely<Database>) {
  await sql`VACUUM ANALYZE dossiers, users, supplement_requests`.execute(db)
}

// -------------------------------------------------------------------------------------------------------------
// Timing
// -------------------------------------------------------------------------------------------------------------

const middle = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]

async function elapsed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint()
  await run()
  return Number(process.hrtime.bigint() - start) / 1e6
}

/**
 * Medians of the same operation on the 10,000 and the 1,000,000 database, run in turns (which goes first
 * alternates), so that whatever else the machine does at that moment weighs on both figures alike.
 */
async function sideBySide(
  small: () => Promise<unknown>,
  large: () => Promise<unknown>,
): Promise<{ small: number; large: number }> {
  for (let i = 0; i < WARMUP; i++) {
    await small()
    await large()
  }
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < RUNS; i++) {
    if (i % 2) {
      a.push(await elapsed(small))
      b.push(await elapsed(large))
    } else {
      b.push(await elapsed(large))
      a.push(await elapsed(small))
    }
  }
  return { small: middle(a), large: middle(b) }
}

interface Case {
  name: string
  queue: QueueParam
  deep: boolean
}
const cases: Case[] = [
  { name: 'awaiting reception, first page', queue: 'submitted', deep: false },
  { name: 'awaiting reception, deep page', queue: 'submitted', deep: true },
  { name: 'overdue, first page', queue: 'overdue', deep: false },
  { name: 'overdue, deep page', queue: 'overdue', deep: true },
]

/** One database as the officer sees it: the queue sizes, and a cursor 90 % down each timed queue. */
async function target(db: Kysely<Database>, scope: QueueScope, clock: QueueClock) {
  const counts = await queueCounts(db, scope, clock)
  const sizes = { submitted: counts.submitted ?? 0, overdue: counts.overdue ?? 0 }
  // The next-page cursor of a page that long (fetched once, untimed).
  const deep = async (queue: 'submitted' | 'overdue') =>
    decodeCursor(
      (await queuePage(db, scope, clock, { queue, limit: Math.max(1, Math.floor(sizes[queue] * 0.9)) })).next,
    )
  const cursors: Record<string, QueueCursor | null> = {
    submitted: await deep('submitted'),
    overdue: await deep('overdue'),
  }
  const input = (c: Case) => ({ queue: c.queue, after: c.deep ? cursors[c.queue] : null })
  return {
    sizes,
    page: (c: Case) => () => queuePage(db, scope, clock, input(c)),
    counts: () => queueCounts(db, scope, clock),
    baseline: () => sql`SELECT 1`.execute(db),
    /** EXPLAIN's node types, depth first, with the relation or index each one reads */
    plan: async (c: Case) => {
      const explained = await queuePageQuery(db, scope, clock, input(c))!.explain<{
        'QUERY PLAN': { Plan: Record<string, unknown> }[]
      }>('json')
      return planNodes(explained[0]['QUERY PLAN'][0].Plan)
    },
  }
}

function planNodes(plan: Record<string, unknown>, out: string[] = []): string[] {
  const on = (plan['Index Name'] as string | undefined) ?? (plan['Relation Name'] as string | undefined)
  out.push(`${plan['Node Type'] as string}${on ? ` (${on})` : ''}`)
  for (const child of (plan.Plans as Record<string, unknown>[] | undefined) ?? []) planNodes(child, out)
  return out
}

// -------------------------------------------------------------------------------------------------------------
// The benchmark
// -------------------------------------------------------------------------------------------------------------

/** What run.ts provides: the database being grown, and a copy of it as it stands (dropped with it at the end). */
export interface BenchLab {
  db(): Kysely<Database>
  snapshot(): Promise<Kysely<Database>>
  log: (line: string) => void
}

const fmt = (ms: number) => `${ms.toFixed(3).padStart(9)} ms`
const secondsSince = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)} s`

/** Returns true when every ratio is within MAX_RATIO and the 1,000,000 plans read the dossiers by index. */
export async function benchQueues(lab: BenchLab): Promise<boolean> {
  const { log } = lab
  let start = Date.now()
  await prepare(lab.db())
  log(`prepared (migrated, seeded): ${secondsSince(start)}`)

  // The officer: reception (and every officer role) at the busiest agency (by the procedures' weights).
  const procs = await sql<{ code: string; agency_id: string; agency_code: string }>`
    SELECT code, agency_id, agency_code FROM bench_procedures`.execute(lab.db())
  const load = new Map<string, { agency_id: string; code: string; weight: number }>()
  for (const p of procs.rows) {
    const entry = load.get(p.agency_id) ?? { agency_id: p.agency_id, code: p.agency_code, weight: 0 }
    entry.weight += procedureWeights[p.code] ?? 1
    load.set(p.agency_id, entry)
  }
  const agency = [...load.values()].sort((a, b) => b.weight - a.weight)[0]
  const reception = await lab
    .db()
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'reception.ubq1@example.gov.vn')
    .executeTakeFirstOrThrow()
  const scope: QueueScope = {
    userId: reception.id,
    grants: (['reception', 'specialist', 'approver'] as const).map((role) => ({
      role,
      agencyId: agency.agency_id,
    })),
  }
  const now = new Date()
  const clock = queueClock(now, await loadQueueHolidays(lab.db(), now))

  start = Date.now()
  await insertCitizens(lab.db(), 0, CITIZENS_SMALL)
  await insertDossiers(lab.db(), 0, SMALL, CITIZENS_SMALL)
  await insertSupplements(lab.db())
  await vacuumAnalyze(lab.db())
  log(`${SMALL.toLocaleString('en')} dossiers inserted and analysed: ${secondsSince(start)}`)
  // Kept as it is now, to be timed side by side with the grown one.
  const smallDb = await lab.snapshot()

  start = Date.now()
  await insertCitizens(lab.db(), CITIZENS_SMALL, CITIZENS_LARGE)
  log(`  citizens grown to ${CITIZENS_LARGE.toLocaleString('en')}: ${secondsSince(start)}`)
  for (let from = SMALL; from < LARGE; from += BATCH) {
    const to = Math.min(LARGE, from + BATCH)
    await insertDossiers(lab.db(), from, to, CITIZENS_LARGE)
    log(`  ${to.toLocaleString('en')} dossiers: ${secondsSince(start)}`)
  }
  await insertSupplements(lab.db())
  log(`grown to ${LARGE.toLocaleString('en')} dossiers: ${secondsSince(start)}`)
  await vacuumAnalyze(lab.db())
  log(`analysed: ${secondsSince(start)}`)

  const small = await target(smallDb, scope, clock)
  const large = await target(lab.db(), scope, clock)
  log('')
  log(`officer: reception/specialist/approver at ${agency.code}`)
  log(
    `queue sizes at ${agency.code}: awaiting reception ${small.sizes.submitted} → ${large.sizes.submitted}, ` +
      `overdue ${small.sizes.overdue} → ${large.sizes.overdue}`,
  )
  log(`median of ${RUNS} runs on each database, in turns, after ${WARMUP} warm-up runs`)
  log('')
  log(`${'query'.padEnd(36)}${'10,000'.padStart(12)}${'1,000,000'.padStart(13)}   ratio`)
  let ok = true
  for (const c of cases) {
    const ms = await sideBySide(small.page(c), large.page(c))
    const ratio = ms.large / ms.small
    const pass = ratio <= MAX_RATIO
    ok &&= pass
    log(
      `${c.name.padEnd(36)}${fmt(ms.small)}${fmt(ms.large)}  ${ratio.toFixed(2)}×${pass ? '' : `  > ${MAX_RATIO}× FAIL`}`,
    )
  }
  const baseline = await sideBySide(small.baseline, large.baseline)
  log(
    `${'baseline: SELECT 1'.padEnd(36)}${fmt(baseline.small)}${fmt(baseline.large)}  ${(baseline.large / baseline.small).toFixed(2)}×`,
  )
  const counts = await sideBySide(small.counts, large.counts)
  log(
    `${'(info) all counts, one query'.padEnd(36)}${fmt(counts.small)}${fmt(counts.large)}  ` +
      `${(counts.large / counts.small).toFixed(2)}×  grows with the queues' length (here 100×), not gated`,
  )
  log('')
  log('plans at 1,000,000 (EXPLAIN node types, depth first):')
  const seqScans: string[] = []
  for (const c of cases) {
    const nodes = await large.plan(c)
    log(`  ${c.name}: ${nodes.join(' → ')}`)
    if (nodes.includes('Seq Scan (dossiers)')) seqScans.push(c.name)
  }
  if (seqScans.length) {
    ok = false
    log(`FAIL: sequential scan of dossiers in: ${seqScans.join(', ')}`)
  }
  log('')
  log(ok ? `PASS: every ratio within ${MAX_RATIO}×, every page read through an index` : 'FAIL')
  return ok
}
