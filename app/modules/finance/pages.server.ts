import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { agenciesFor, type CurrentUser } from '../auth/permissions'
import { vnDay } from '../calendar/vietnam-time'
import { financeDay, type FinanceDay } from './close.server'
import { lastImports } from './import-gateway.server'
import { businessDayRange } from './reconcile.server'

/**
 * The reads the finance pages need beyond the engine's own (issue 10): the clerk's agencies, the overview of a
 * business day per agency, the last run per provider, collections by agency, procedure and provider, and the
 * links of one exception (its receipt). Every read is scoped to the agencies where the clerk holds the finance
 * role.
 */

export const isDay = (value: string | null | undefined): value is string =>
  !!value &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value

/** The agencies where the clerk holds the finance role, by code. */
export async function financeAgencies(db: Kysely<Database>, actor: CurrentUser) {
  const ids = agenciesFor(actor, ['finance'])
  if (ids.length === 0) return []
  return db
    .selectFrom('agencies')
    .select(['id', 'code', 'name_vi', 'name_en'])
    .where('id', 'in', ids)
    .orderBy('code')
    .execute()
}

/** The last reconciliation run per provider (a run over every provider is listed as `all`). */
export async function lastRuns(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('reconciliation_runs')
    .select(['provider', 'started_at', 'finished_at', 'results', 'error'])
    .distinctOn(sql`coalesce(provider, 'all')`)
    .orderBy(sql`coalesce(provider, 'all')`)
    .orderBy('started_at', 'desc')
    .execute()
  return rows.map((r) => ({
    provider: r.provider ?? 'all',
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
    newItems: Number((r.results as { newItems?: number } | null)?.newItems ?? 0),
  }))
}

/** The overview of one business day: each of the clerk's agencies with its figures, and the last imports and runs. */
export async function reconciliationOverview(db: Kysely<Database>, actor: CurrentUser, day: string) {
  const agencies = await financeAgencies(db, actor)
  const [days, imports, runs] = await Promise.all([
    Promise.all(agencies.map((a) => financeDay(db, actor, { agencyId: a.id, day }))),
    lastImports(db),
    lastRuns(db),
  ])
  return {
    agencies: agencies.map((a, i) => ({ ...a, day: days[i] as FinanceDay })),
    imports,
    runs,
  }
}

/** Receipts collected in [from, to) by agency, procedure and provider (method), with today's part. */
export async function collections(db: Kysely<Database>, actor: CurrentUser, now = new Date()) {
  const ids = agenciesFor(actor, ['finance'])
  if (ids.length === 0) return []
  const today = vnDay(now)
  const monthStart = businessDayRange(`${today.slice(0, 8)}01`).from
  const dayStart = businessDayRange(today).from
  const rows = await db
    .selectFrom('receipts as r')
    .innerJoin('fees as f', 'f.id', 'r.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select([
      'a.code as agency_code',
      'p.code as procedure_code',
      'p.name_vi',
      'p.name_en',
      'r.method',
      sql<number>`count(*) FILTER (WHERE r.issued_at >= ${dayStart})::int`.as('today_count'),
      sql<number>`coalesce(sum(r.amount) FILTER (WHERE r.issued_at >= ${dayStart}), 0)::bigint`.as('today'),
      sql<number>`count(*)::int`.as('month_count'),
      sql<number>`sum(r.amount)::bigint`.as('month'),
    ])
    .where('r.agency_id', 'in', ids)
    .where('r.issued_at', '>=', monthStart)
    .groupBy(['a.code', 'p.code', 'p.name_vi', 'p.name_en', 'r.method'])
    .orderBy('a.code')
    .orderBy('p.code')
    .orderBy('r.method')
    .execute()
  return rows.map((r) => ({ ...r, today: Number(r.today), month: Number(r.month) }))
}

/** The receipt of an exception's fee, when one was issued (finance may open receipts of its agencies). */
export async function receiptOfFee(db: Kysely<Database>, actor: CurrentUser, feeId: string | null) {
  const ids = agenciesFor(actor, ['finance'])
  if (!feeId || ids.length === 0) return null
  const row = await db
    .selectFrom('receipts')
    .select(['id', 'series', 'number'])
    .where('fee_id', '=', feeId)
    .where('agency_id', 'in', ids)
    .orderBy('issued_at', 'desc')
    .executeTakeFirst()
  return row ? { id: row.id, number: `${row.series}/${String(row.number).padStart(7, '0')}` } : null
}

/** The settlement line and payment attempt behind an exception, for its page (the item is already in scope). */
export async function exceptionSources(
  db: Kysely<Database>,
  ids: { attemptId: string | null; lineId: number | null },
) {
  const [attempt, line] = await Promise.all([
    ids.attemptId
      ? db
          .selectFrom('payment_attempts')
          .select(['id', 'provider', 'status', 'amount', 'transaction_id', 'created_at', 'settled_at'])
          .where('id', '=', ids.attemptId)
          .executeTakeFirst()
      : undefined,
    ids.lineId
      ? db
          .selectFrom('settlement_lines as l')
          .innerJoin('settlement_imports as s', 's.id', 'l.import_id')
          .select([
            'l.id',
            'l.provider',
            'l.line_id',
            'l.type',
            'l.gross',
            'l.fee',
            'l.net',
            'l.settled_at',
            'l.transaction_id',
            'l.bank_code',
            's.source',
            's.file_name',
          ])
          .where('l.id', '=', ids.lineId)
          .executeTakeFirst()
      : undefined,
  ])
  return {
    attempt: attempt ? { ...attempt, amount: Number(attempt.amount) } : null,
    line: line ? { ...line, gross: Number(line.gross), fee: Number(line.fee), net: Number(line.net) } : null,
  }
}
