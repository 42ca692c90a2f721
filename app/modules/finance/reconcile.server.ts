import { sql, type Kysely } from 'kysely'
import type { Database, ReconciliationClass } from '../../../db/schema'
import { loadHolidays } from '../calendar/holidays.server'
import { vnDay } from '../calendar/vietnam-time'
import { workingDaysBetween, type HolidaySet } from '../calendar/working-days'

/**
 * Matching (issue 10 §2, DESIGN §7): set-based SQL over every settlement line and every portal payment of a
 * period, no per-line loop here. Each settlement line (payment or refund) and each settled payment and refund of
 * the portal gets one class; every class but `matched` becomes a reconciliation item, once per class and subject
 * (a unique key), so running again changes nothing and a resolved item is never found again.
 *
 * - missing_in_portal: a settled gateway payment whose reference is unknown here, or whose attempt is not paid here
 * - missing_at_gateway: paid here, no settlement line after `settleDays` working days (RECONCILE_SETTLE_DAYS)
 * - amount_mismatch: the line's gross differs from the attempt's amount
 * - duplicate_payment: a second success for one fee — a second attempt credited as duplicate, a second signed
 *   success naming another transaction for one attempt (payment_events), or a second settlement line of an attempt
 * - refund_mismatch: a refund line with no refund here, or a refund done here with no line after `settleDays`
 * - fee_mismatch: the gateway's fee differs from the contract's rate (informational)
 *
 * Contract: never throws; returns `{ error?, runId, results }` and records the run with its results or its error.
 */

export const reconciliationClasses = [
  'missing_in_portal',
  'missing_at_gateway',
  'amount_mismatch',
  'duplicate_payment',
  'refund_mismatch',
  'fee_mismatch',
] as const satisfies readonly ReconciliationClass[]

/** A contract fee rate: basis points of the gross plus a fixed amount in đồng. */
export interface FeeRate {
  basisPoints: number
  fixed: number
}

/** Stripe's published rate in Viet Nam as configured for the portal's account (the mock charges the same). */
export const defaultFeeRates: Partial<Record<'stripe' | 'vnpay', FeeRate>> = {
  stripe: { basisPoints: 110, fixed: 2_000 },
}

export interface ReconcileInput {
  provider?: 'stripe' | 'vnpay'
  /** the period, [from, to), on the settlement lines' and payments' own instants */
  from: Date
  to: Date
  now: Date
  /** working days a payment may wait for its settlement line (default 2) */
  settleDays?: number
  feeRates?: Partial<Record<'stripe' | 'vnpay', FeeRate>>
  holidays?: HolidaySet
  startedBy?: string | null
}

export type ReconcileResults = Record<ReconciliationClass | 'matched', number> & {
  /** items created by this run (0 when run again) */
  newItems: number
}

export interface ReconcileOutcome {
  error?: string
  runId: string | null
  results: ReconcileResults
}

const emptyResults = (): ReconcileResults => ({
  matched: 0,
  missing_in_portal: 0,
  missing_at_gateway: 0,
  amount_mismatch: 0,
  duplicate_payment: 0,
  refund_mismatch: 0,
  fee_mismatch: 0,
  newItems: 0,
})

/**
 * The instant before which a payment made here should have been settled by now: the start of the day after the
 * last Viet Nam business day that is more than `settleDays` working days before `now`'s day.
 */
export function settlementCutoff(now: Date, settleDays: number, holidays: HolidaySet): Date {
  const today = vnDay(now)
  let day = today
  let ms = Date.parse(`${today}T00:00:00Z`)
  while (workingDaysBetween(day, today, holidays) <= settleDays) {
    ms -= 86_400_000
    day = new Date(ms).toISOString().slice(0, 10)
  }
  return new Date(Date.parse(`${day}T00:00:00+07:00`) + 86_400_000)
}

export async function reconcile(db: Kysely<Database>, input: ReconcileInput): Promise<ReconcileOutcome> {
  const results = emptyResults()
  let runId: string | null = null
  try {
    const run = await db
      .insertInto('reconciliation_runs')
      .values({
        provider: input.provider ?? null,
        period_from: input.from,
        period_to: input.to,
        started_at: input.now,
        started_by: input.startedBy ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    runId = run.id
    const settleDays = input.settleDays ?? 2
    const year = Number(vnDay(input.now).slice(0, 4))
    const holidays = input.holidays ?? (await loadHolidays(db, year - 1, year))
    const cutoff = settlementCutoff(input.now, settleDays, holidays)
    const rates = { ...defaultFeeRates, ...input.feeRates }
    await db.transaction().execute(async (trx) => {
      const counts = await classify(trx, {
        runId: run.id,
        provider: input.provider ?? null,
        from: input.from,
        to: input.to,
        cutoff,
        rates,
      })
      Object.assign(results, counts)
      await trx
        .updateTable('reconciliation_runs')
        .set({ finished_at: new Date(), results: JSON.stringify({ ...results, cutoff }) })
        .where('id', '=', run.id)
        .execute()
    })
    return { runId, results }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (runId) {
      await db
        .updateTable('reconciliation_runs')
        .set({ finished_at: new Date(), error: message })
        .where('id', '=', runId)
        .execute()
        .catch(() => {})
    }
    return { error: message, runId, results }
  }
}

interface ClassifyInput {
  runId: string
  provider: string | null
  from: Date
  to: Date
  cutoff: Date
  rates: Partial<Record<'stripe' | 'vnpay', FeeRate>>
}

async function classify(trx: Kysely<Database>, p: ClassifyInput) {
  const provider = p.provider
  const stripeRate = p.rates.stripe ?? null
  const vnpayRate = p.rates.vnpay ?? null
  // A big period joins a million lines to a million attempts: the hash joins and the count of lines per attempt
  // fit in memory instead of spilling to temporary files in batches (4 MB by default). Local to this transaction.
  // No JIT: the plan's estimated cost of a million-line period passes jit's thresholds, and compiling (with
  // inlining and optimization) this large statement took seconds, more than it ever saved (measured 7 s at 100,000).
  await sql`SET LOCAL work_mem = '256MB'`.execute(trx)
  await sql`SET LOCAL jit = off`.execute(trx)
  // One statement: every line and payment classed, the findings (not the matched lines, which are only counted)
  // written as items, and the counts of each class returned. Nothing is stored per matched line.
  const counted = await sql<{ class: string; count: number }>`
    WITH repeated AS MATERIALIZED (
      -- the attempts that can have an earlier payment line: more than one line in the period or a line settled
      -- before it (a line found by the transaction id instead of our reference is always probed, below). Only
      -- their lines are probed for an earlier line, instead of every line of the period; read from the base
      -- table, so the planner sees how many rows each part has. By our reference alone (a uuid, hashed faster
      -- than with the provider; the probe checks the provider).
      SELECT attempt_ref FROM settlement_lines
       WHERE settled_at >= ${p.from} AND settled_at < ${p.to} AND type = 'payment' AND attempt_ref IS NOT NULL
         AND (${provider}::text IS NULL OR provider = ${provider})
       GROUP BY attempt_ref HAVING count(*) > 1
      UNION
      SELECT o.attempt_ref FROM settlement_lines o
       WHERE o.type = 'payment' AND o.attempt_ref IS NOT NULL AND o.settled_at < ${p.from}
         AND (${provider}::text IS NULL OR o.provider = ${provider})
         AND EXISTS (SELECT 1 FROM settlement_lines n
                      WHERE n.attempt_ref = o.attempt_ref AND n.provider = o.provider AND n.type = 'payment'
                        AND n.settled_at >= ${p.from} AND n.settled_at < ${p.to})
    ),
    line_findings AS MATERIALIZED (
      -- One pass over every line of the period (payments and refunds) with its attempt (by our reference, else by
      -- the gateway's transaction id), joined on the base table so the planner sees its real size (a hash join
      -- for a big file); the transaction id is looked up (by index) only for a line without our reference. Only
      -- the findings are kept (a matched line is counted from the base table, below); the fee's dossier and
      -- agency are joined when the items are written.
      SELECT c.* FROM (
        SELECT l.*,
               CASE
                 WHEN l.type = 'refund' THEN CASE WHEN l.refund_id IS NULL THEN 'refund_mismatch' ELSE 'matched' END
                 WHEN l.attempt_id IS NULL OR (l.attempt_status <> 'succeeded' AND NOT l.settled_before)
                   THEN 'missing_in_portal'
                 WHEN l.settled_before THEN 'duplicate_payment'
                 WHEN l.gross <> l.attempt_amount THEN 'amount_mismatch'
                 ELSE 'matched'
               END AS class,
               CASE l.provider WHEN 'stripe' THEN ${stripeRate?.basisPoints ?? null}::int
                               ELSE ${vnpayRate?.basisPoints ?? null}::int END AS rate_bp,
               CASE l.provider WHEN 'stripe' THEN ${stripeRate?.fixed ?? null}::bigint
                               ELSE ${vnpayRate?.fixed ?? null}::bigint END AS rate_fixed
          FROM (
            SELECT l.id, l.provider, l.type, l.gross, l.fee, l.settled_at, l.transaction_id,
                   coalesce(a1.id, a2.id) AS attempt_id, coalesce(a1.status, a2.status) AS attempt_status,
                   coalesce(a1.amount, a2.amount) AS attempt_amount, coalesce(a1.fee_id, a2.fee_id) AS fee_id,
                   rf.id AS refund_id, rf.amount AS refund_amount,
                   -- an earlier payment line of the same attempt (computed once per line: OFFSET 0 below)
                   -- (the few repeated attempts hashed once, each line looking its own up)
                   l.type = 'payment'
                   AND (l.attempt_ref IS NULL OR l.attempt_ref IN (SELECT attempt_ref FROM repeated))
                   AND EXISTS (SELECT 1 FROM settlement_lines o
                                WHERE o.provider = l.provider AND o.type = 'payment' AND o.id <> l.id
                                  AND o.attempt_ref = coalesce(a1.id, a2.id)
                                  AND (o.settled_at, o.id) < (l.settled_at, l.id)) AS settled_before
              FROM settlement_lines l
              LEFT JOIN payment_attempts a1 ON a1.id = l.attempt_ref AND a1.provider = l.provider
              LEFT JOIN LATERAL (
                SELECT a2.id, a2.status, a2.amount, a2.fee_id FROM payment_attempts a2
                 WHERE l.attempt_ref IS NULL AND l.transaction_id IS NOT NULL AND a2.provider = l.provider
                   AND a2.transaction_id = l.transaction_id
                 LIMIT 1) a2 ON true
              -- a refund at the gateway with the refund here it matches (if any)
              LEFT JOIN LATERAL (
                SELECT r.id, r.amount FROM refunds r
                 WHERE l.type = 'refund' AND r.status = 'succeeded'
                   AND ((l.refund_ref IS NOT NULL AND r.provider_ref = l.refund_ref)
                     OR (r.attempt_id = coalesce(a1.id, a2.id) AND r.amount = -l.gross))
                 LIMIT 1) rf ON true
             WHERE l.settled_at >= ${p.from} AND l.settled_at < ${p.to}
               AND l.type IN ('payment', 'refund')
               AND (${provider}::text IS NULL OR l.provider = ${provider})
            OFFSET 0) AS l
        OFFSET 0) AS c
       WHERE c.class <> 'matched'
          OR (c.type = 'payment' AND c.rate_bp IS NOT NULL
              AND c.fee <> round(c.gross * c.rate_bp / 10000.0)::bigint + c.rate_fixed)
    ),
    found AS MATERIALIZED (
      -- one row per finding (an exception of some class about some subject)
      SELECT c.class,
             CASE WHEN c.class = 'duplicate_payment'
                  THEN 'payment:' || c.attempt_id || ':' || coalesce(c.transaction_id, 'line' || c.id)
                  ELSE 'line:' || c.id END AS subject,
             NULL::uuid AS agency_id, c.provider, c.settled_at AS at, c.attempt_id, c.id AS line_id,
             NULL::uuid AS refund_id, c.fee_id, NULL::uuid AS dossier_id,
             CASE WHEN c.type = 'refund' THEN c.refund_amount ELSE c.attempt_amount END AS portal_amount,
             CASE WHEN c.type = 'refund' THEN -c.gross ELSE c.gross END AS gateway_amount,
             CASE WHEN c.type = 'refund' THEN jsonb_build_object('reason', 'refunded_at_gateway_only')
                  ELSE jsonb_build_object('reason', CASE WHEN c.attempt_id IS NULL THEN 'unknown_reference'
                                                         WHEN c.class = 'missing_in_portal' THEN 'unpaid_here' END,
                                          'attemptStatus', c.attempt_status) END AS detail
        FROM line_findings c
       WHERE c.class <> 'matched'
      UNION ALL
      -- the gateway's fee against the contract's rate, for lines otherwise matched (informational)
      SELECT 'fee_mismatch', 'line:' || c.id, NULL, c.provider, c.settled_at, c.attempt_id, c.id, NULL,
             c.fee_id, NULL, round(c.gross * c.rate_bp / 10000.0)::bigint + c.rate_fixed, c.fee,
             jsonb_build_object('gross', c.gross)
        FROM line_findings c
       WHERE c.class = 'matched'
    UNION ALL
      -- paid here, never settled (the fee's dossier and agency are joined when the item is written)
      SELECT 'missing_at_gateway', 'attempt:' || a.id, NULL, a.provider, a.settled_at, a.id, NULL, NULL,
             a.fee_id, NULL, a.amount, NULL, '{}'::jsonb
        FROM payment_attempts a
       WHERE a.status = 'succeeded' AND a.settled_at >= ${p.from} AND a.settled_at < ${p.to}
         AND a.settled_at < ${p.cutoff}
         AND (${provider}::text IS NULL OR a.provider = ${provider})
         AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.provider = a.provider AND l.type = 'payment'
                            AND l.attempt_ref = a.id)
         -- by the transaction id only a line without our reference, as the lines above are joined
         AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.provider = a.provider AND l.type = 'payment'
                            AND a.transaction_id IS NOT NULL AND l.transaction_id = a.transaction_id
                            AND l.attempt_ref IS NULL AND l.transaction_id IS NOT NULL)
      UNION ALL
      -- a second success for one fee: another attempt credited as a duplicate
      SELECT 'duplicate_payment', 'payment:' || a.id || ':' || coalesce(a.transaction_id, ''), NULL,
             a.provider, a.settled_at, a.id, NULL, NULL, a.fee_id, f.dossier_id, f.amount, a.amount,
             jsonb_build_object('reason', 'fee_paid_by_another_attempt', 'paidAttempt', f.paid_attempt_id)
        FROM payment_attempts a
        JOIN fees f ON f.id = a.fee_id
       WHERE a.status = 'succeeded' AND f.paid_attempt_id IS DISTINCT FROM a.id
         AND a.settled_at >= ${p.from} AND a.settled_at < ${p.to}
         AND (${provider}::text IS NULL OR a.provider = ${provider})
      UNION ALL
      -- … or a second signed success naming another transaction for an attempt already settled
      SELECT 'duplicate_payment', 'payment:' || a.id || ':' || e.transaction_id, d.agency_id, a.provider,
             e.received_at, a.id, NULL, NULL, a.fee_id, f.dossier_id, a.amount, e.amount,
             jsonb_build_object('reason', 'second_success', 'eventId', e.event_id)
        FROM payment_events e
        JOIN payment_attempts a ON a.id = e.attempt_id
        JOIN fees f ON f.id = a.fee_id
        JOIN dossiers d ON d.id = f.dossier_id
       WHERE e.outcome = 'duplicate_payment' AND e.transaction_id IS NOT NULL
         AND e.transaction_id IS DISTINCT FROM a.transaction_id
         AND e.received_at >= ${p.from} AND e.received_at < ${p.to}
         AND (${provider}::text IS NULL OR a.provider = ${provider})
      UNION ALL
      -- refunded here, never seen at the gateway
      SELECT 'refund_mismatch', 'refund:' || r.id, d.agency_id, a.provider, r.settled_at, a.id, NULL, r.id,
             r.fee_id, f.dossier_id, r.amount, NULL, jsonb_build_object('reason', 'refunded_here_only')
        FROM refunds r
        JOIN payment_attempts a ON a.id = r.attempt_id
        JOIN fees f ON f.id = r.fee_id
        JOIN dossiers d ON d.id = f.dossier_id
       WHERE r.status = 'succeeded' AND r.settled_at >= ${p.from} AND r.settled_at < ${p.to}
         AND r.settled_at < ${p.cutoff}
         AND (${provider}::text IS NULL OR a.provider = ${provider})
         AND NOT EXISTS (SELECT 1 FROM settlement_lines l
                          WHERE l.provider = a.provider AND l.type = 'refund'
                            AND ((r.provider_ref IS NOT NULL AND l.refund_ref = r.provider_ref)
                              OR (l.attempt_ref = a.id AND l.gross = -r.amount)))
    ),
    new_items AS (
      INSERT INTO reconciliation_items (run_id, class, subject, agency_id, provider, business_day,
                                        payment_attempt_id, settlement_line_id, refund_id, fee_id, dossier_id,
                                        portal_amount, gateway_amount, detail)
      SELECT DISTINCT ON (r.class, r.subject) ${p.runId}::uuid, r.class, r.subject,
             coalesce(r.agency_id, (SELECT d.agency_id FROM fees f JOIN dossiers d ON d.id = f.dossier_id
                                     WHERE f.id = r.fee_id)),
             r.provider, (r.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
             r.attempt_id, r.line_id, r.refund_id, r.fee_id,
             coalesce(r.dossier_id, (SELECT f.dossier_id FROM fees f WHERE f.id = r.fee_id)),
             r.portal_amount, r.gateway_amount, r.detail
        FROM found r
       -- the findings are few: their fee's dossier and agency by index, not by hashing every fee and dossier
       ORDER BY r.class, r.subject, r.at
      ON CONFLICT (class, subject) DO NOTHING
      RETURNING 1)
    -- every line of the period is one class: the matched ones are the lines not found otherwise
    SELECT 'matched' AS class,
           ((SELECT count(*) FROM settlement_lines l
              WHERE l.settled_at >= ${p.from} AND l.settled_at < ${p.to} AND l.type IN ('payment', 'refund')
                AND (${provider}::text IS NULL OR l.provider = ${provider}))
            - (SELECT count(*) FROM line_findings WHERE class <> 'matched'))::int AS count
    UNION ALL
    SELECT class, count(DISTINCT subject)::int FROM found GROUP BY class
    UNION ALL
    SELECT 'newItems', count(*)::int FROM new_items`.execute(trx)
  const out: Partial<ReconcileResults> = {}
  for (const row of counted.rows) out[row.class as keyof ReconcileResults] = row.count
  return out
}

/** [from, to) of one Viet Nam business day ('yyyy-mm-dd'), or of the days from `first` to `last` inclusive. */
export function businessDayRange(first: string, last = first): { from: Date; to: Date } {
  return {
    from: new Date(`${first}T00:00:00+07:00`),
    to: new Date(Date.parse(`${last}T00:00:00+07:00`) + 86_400_000),
  }
}
