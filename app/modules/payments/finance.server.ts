import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { vnDay } from '../calendar/vietnam-time'

/** What a finance clerk watches (issue #5, DESIGN §7), always scoped to the clerk's agencies. */

/** Today's collections (Viet Nam day) by method, open attempts, and notifications that need a person. */
export async function financeOverview(db: Kysely<Database>, agencyIds: string[], now = new Date()) {
  if (agencyIds.length === 0) return { today: [], openAttempts: 0, exceptions: [], refunds: {} }
  const dayStart = new Date(`${vnDay(now)}T00:00:00+07:00`)
  const [today, open, exceptions, refunds] = await Promise.all([
    db
      .selectFrom('receipts')
      .select([
        'method',
        sql<number>`count(*)::int`.as('count'),
        sql<number>`sum(amount)::bigint`.as('total'),
      ])
      .where('agency_id', 'in', agencyIds)
      .where('issued_at', '>=', dayStart)
      .groupBy('method')
      .execute(),
    db
      .selectFrom('payment_attempts as a')
      .innerJoin('fees as f', 'f.id', 'a.fee_id')
      .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('d.agency_id', 'in', agencyIds)
      .where('a.status', 'in', ['creating', 'pending', 'processing'])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('payment_events as e')
      .leftJoin('payment_attempts as a', 'a.id', 'e.attempt_id')
      .leftJoin('fees as f', 'f.id', 'a.fee_id')
      .leftJoin('dossiers as d', 'd.id', 'f.dossier_id')
      .select([
        'e.id',
        'e.provider',
        'e.event_id',
        'e.outcome',
        'e.amount',
        'e.received_at',
        'a.amount as expected',
        'd.code',
      ])
      .where('e.outcome', 'in', ['unknown_order', 'amount_mismatch', 'duplicate_payment'])
      // events we could not tie to a dossier are shown to every finance clerk: someone must look at them
      .where((eb) => eb.or([eb('d.agency_id', 'in', agencyIds), eb('d.agency_id', 'is', null)]))
      .orderBy('e.received_at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('refunds as r')
      .innerJoin('fees as f', 'f.id', 'r.fee_id')
      .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
      .select(['r.status', sql<number>`count(*)::int`.as('count')])
      .where('d.agency_id', 'in', agencyIds)
      .groupBy('r.status')
      .execute(),
  ])
  return {
    today: today.map((r) => ({ method: r.method, count: r.count, total: Number(r.total) })),
    openAttempts: open.count,
    exceptions: exceptions.map((e) => ({
      id: e.id,
      provider: e.provider,
      eventId: e.event_id,
      outcome: e.outcome,
      amount: e.amount === null ? null : Number(e.amount),
      expected: e.expected === null ? null : Number(e.expected),
      receivedAt: e.received_at,
      dossierCode: e.code,
    })),
    refunds: Object.fromEntries(refunds.map((r) => [r.status, r.count])) as Record<string, number>,
  }
}

/** Refunds to act on first (proposed, requested), then those in flight or failed, then the last decided. */
export async function refundList(db: Kysely<Database>, agencyIds: string[]) {
  if (agencyIds.length === 0) return []
  const rows = await db
    .selectFrom('refunds as r')
    .innerJoin('payment_attempts as a', 'a.id', 'r.attempt_id')
    .innerJoin('fees as f', 'f.id', 'r.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .leftJoin('users as req', 'req.id', 'r.requested_by')
    .leftJoin('users as dec', 'dec.id', 'r.decided_by')
    .select([
      'r.id',
      'r.origin',
      'r.status',
      'r.amount',
      'r.reason',
      'r.requested_by',
      'r.requested_at',
      'r.decided_at',
      'r.decision_note',
      'r.created_at',
      'a.amount as paid_amount',
      'a.provider',
      'a.transaction_id',
      'd.code',
      'f.description',
      'req.full_name as requester',
      'dec.full_name as decider',
    ])
    .where('d.agency_id', 'in', agencyIds)
    .orderBy(
      sql`CASE r.status WHEN 'proposed' THEN 0 WHEN 'requested' THEN 1 WHEN 'failed' THEN 2 WHEN 'processing' THEN 3 ELSE 4 END`,
    )
    .orderBy('r.created_at', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({
    ...r,
    amount: Number(r.amount),
    paid_amount: Number(r.paid_amount),
  }))
}
