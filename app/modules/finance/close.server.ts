import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { agenciesFor, type CurrentUser } from '../auth/permissions'
import { FinanceDayClosed, NotFinanceOfAgency } from './errors'
import { businessDayRange } from './reconcile.server'

/**
 * The daily close (issue 10 §4): per agency and Viet Nam business day, the day's figures; closing freezes them
 * in `finance_days` and locks the day (a database trigger refuses any later write onto it; corrections land on
 * the next open day, linked by `corrects_day`). All amounts in đồng.
 */

export interface DayFigures {
  agencyId: string
  day: string
  /** receipts issued that day for payments through each gateway */
  collectedOnline: { stripe: number; vnpay: number }
  collectedCounter: number
  /** refunds carried out that day */
  refunded: number
  /** gateway fees of that day's settlement lines */
  gatewayFees: number
  /** collected (online + counter) − refunded − gateway fees */
  net: number
  /** gross of that day's online payments that the gateway has settled (a settlement line exists) */
  settled: number
  /** online payments of that day with no settlement line yet */
  outstanding: number
  openExceptions: number
  /** exceptions of earlier, closed days resolved or found on this day */
  corrections: number
}

export interface FinanceDay {
  figures: DayFigures
  closed: { by: string; byName: string; at: Date } | null
}

function assertScope(actor: CurrentUser, agencyId: string) {
  if (!agenciesFor(actor, ['finance']).includes(agencyId)) throw new NotFinanceOfAgency()
}

/** The figures of one day, computed now (or the frozen ones when the day is closed). */
export async function financeDay(
  db: Kysely<Database>,
  actor: CurrentUser,
  input: { agencyId: string; day: string },
): Promise<FinanceDay> {
  assertScope(actor, input.agencyId)
  const closed = await db
    .selectFrom('finance_days as f')
    .innerJoin('users as u', 'u.id', 'f.closed_by')
    .select(['f.figures', 'f.closed_at', 'f.closed_by', 'u.full_name'])
    .where('f.agency_id', '=', input.agencyId)
    .where('f.business_day', '=', input.day)
    .executeTakeFirst()
  if (closed) {
    return {
      figures: closed.figures as DayFigures,
      closed: { by: closed.closed_by, byName: closed.full_name, at: closed.closed_at },
    }
  }
  return { figures: await computeFigures(db, input.agencyId, input.day), closed: null }
}

export async function computeFigures(
  db: Kysely<Database> | Kysely<Database>,
  agencyId: string,
  day: string,
): Promise<DayFigures> {
  const { from, to } = businessDayRange(day)
  const row = await sql<{
    stripe: number
    vnpay: number
    counter: number
    refunded: number
    fees: number
    settled: number
    outstanding: number
    open_exceptions: number
    corrections: number
  }>`
    WITH r AS (
      SELECT rc.method, rc.amount, rc.attempt_id FROM receipts rc
       WHERE rc.agency_id = ${agencyId} AND rc.issued_at >= ${from} AND rc.issued_at < ${to}
    ),
    settled AS (
      SELECT r.amount, EXISTS (SELECT 1 FROM settlement_lines l WHERE l.type = 'payment'
                                  AND l.attempt_ref = r.attempt_id) AS has_line
        FROM r WHERE r.method <> 'counter'
    )
    SELECT
      coalesce((SELECT sum(amount) FROM r WHERE method = 'stripe'), 0)::bigint AS stripe,
      coalesce((SELECT sum(amount) FROM r WHERE method = 'vnpay'), 0)::bigint AS vnpay,
      coalesce((SELECT sum(amount) FROM r WHERE method = 'counter'), 0)::bigint AS counter,
      coalesce((SELECT sum(rf.amount) FROM refunds rf JOIN fees f ON f.id = rf.fee_id
                  JOIN dossiers d ON d.id = f.dossier_id
                 WHERE d.agency_id = ${agencyId} AND rf.status = 'succeeded'
                   AND rf.settled_at >= ${from} AND rf.settled_at < ${to}), 0)::bigint AS refunded,
      coalesce((SELECT sum(l.fee) FROM settlement_lines l JOIN payment_attempts a ON a.id = l.attempt_ref
                  JOIN fees f ON f.id = a.fee_id JOIN dossiers d ON d.id = f.dossier_id
                 WHERE d.agency_id = ${agencyId} AND l.settled_at >= ${from} AND l.settled_at < ${to}), 0)::bigint
        AS fees,
      coalesce((SELECT sum(amount) FROM settled WHERE has_line), 0)::bigint AS settled,
      coalesce((SELECT sum(amount) FROM settled WHERE NOT has_line), 0)::bigint AS outstanding,
      (SELECT count(*) FROM reconciliation_items i WHERE i.agency_id = ${agencyId} AND i.status = 'open'
          AND i.finance_day <= ${day}::date)::int AS open_exceptions,
      (SELECT count(*) FROM reconciliation_items i WHERE i.agency_id = ${agencyId}
          AND i.finance_day = ${day}::date AND i.corrects_day IS NOT NULL)::int AS corrections
  `.execute(db)
  const f = row.rows[0]
  const collected = Number(f.stripe) + Number(f.vnpay) + Number(f.counter)
  return {
    agencyId,
    day,
    collectedOnline: { stripe: Number(f.stripe), vnpay: Number(f.vnpay) },
    collectedCounter: Number(f.counter),
    refunded: Number(f.refunded),
    gatewayFees: Number(f.fees),
    net: collected - Number(f.refunded) - Number(f.fees),
    settled: Number(f.settled),
    outstanding: Number(f.outstanding),
    openExceptions: f.open_exceptions,
    corrections: f.corrections,
  }
}

/**
 * Closes the day: its figures frozen, the day locked. Errors: NotFinanceOfAgency, FinanceDayClosed (closed
 * already — closing is once).
 */
export async function closeDay(
  db: Kysely<Database>,
  actor: CurrentUser,
  input: { agencyId: string; day: string; now?: Date },
): Promise<DayFigures> {
  assertScope(actor, input.agencyId)
  return db.transaction().execute(async (trx) => {
    // One close at a time per agency (two clerks pressing at once).
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`finance-close:${input.agencyId}`}))`.execute(trx)
    const figures = await computeFigures(trx, input.agencyId, input.day)
    const done = await trx
      .insertInto('finance_days')
      .values({
        agency_id: input.agencyId,
        business_day: input.day,
        closed_by: actor.id,
        closed_at: input.now ?? new Date(),
        figures: JSON.stringify(figures),
      })
      .onConflict((oc) => oc.columns(['agency_id', 'business_day']).doNothing())
      .returning('business_day')
      .executeTakeFirst()
    if (!done) throw new FinanceDayClosed(input.day)
    return figures
  })
}

/** Closed days of the clerk's agencies in a range (newest first). */
export async function closedDays(
  db: Kysely<Database>,
  actor: CurrentUser,
  range: { fromDay: string; toDay: string },
) {
  const agencies = agenciesFor(actor, ['finance'])
  if (agencies.length === 0) return []
  return db
    .selectFrom('finance_days')
    .select(['agency_id', 'business_day', 'closed_by', 'closed_at'])
    .where('agency_id', 'in', agencies)
    .where('business_day', '>=', range.fromDay)
    .where('business_day', '<=', range.toDay)
    .orderBy('business_day', 'desc')
    .execute()
}
