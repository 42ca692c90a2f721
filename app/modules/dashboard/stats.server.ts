/**
 * The leaders' dashboard: the figures per agency, procedure and month, and the dossiers behind each one, from
 * ONE set of SQL conditions (`conditions` below). A figure is `count(*) FILTER (WHERE condition)`; its list is
 * `WHERE condition`: the same text, so a number and its list cannot disagree. What each metric means is in
 * `figures.ts`.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../../db/schema'
import { loadHolidays } from '../calendar/holidays.server'
import { vnDay } from '../calendar/vietnam-time'
import { workingDaysBetween, type HolidaySet } from '../calendar/working-days'
import { vnInstant } from '../workflow/clock'
import { addFigures, emptyFigures, type DashboardFilters, type Figures, type Metric } from './figures'

export const LIST_PAGE_SIZE = 100

export interface DashboardScope {
  /** the agencies the viewer may see (never empty: the guard refuses a viewer without one) */
  agencyIds: readonly string[]
}

/** The Vietnamese calendar month 'yyyy-mm' as instants [from, to). */
export function monthWindow(month: string) {
  const [y, m] = month.split('-').map(Number)
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  return { from: vnInstant(`${month}-01`, 0), to: vnInstant(next, 0) }
}

/** The conditions, over `dossiers d` with `ratings r` left-joined. */
function conditions(month: string): Record<Metric, RawBuilder<boolean>> & { rounds: RawBuilder<number> } {
  const { from, to } = monthWindow(month)
  const inMonth = (column: string) =>
    sql<boolean>`(${sql.ref(column)} >= ${from} AND ${sql.ref(column)} < ${to})`
  const received = inMonth('d.received_at')
  const completed = sql<boolean>`(d.status = 'completed' AND ${inMonth('d.completed_at')})`
  const requestsInMonth = sql`FROM supplement_requests s WHERE s.dossier_id = d.id AND ${inMonth('s.requested_at')}`
  return {
    received,
    online: sql<boolean>`(${received} AND d.submitted_at IS NOT NULL)`,
    completed,
    onTime: sql<boolean>`(${completed} AND d.timeliness IN ('early', 'on_time'))`,
    early: sql<boolean>`(${completed} AND d.timeliness = 'early')`,
    late: sql<boolean>`(${completed} AND d.timeliness = 'late')`,
    supplement: sql<boolean>`EXISTS (SELECT 1 ${requestsInMonth})`,
    rated: sql<boolean>`(${completed} AND r.score IS NOT NULL)`,
    rounds: sql<number>`(SELECT count(*) ${requestsInMonth})`,
  }
}

/** The viewer's agencies, the procedure when one is chosen, never drafts. */
function scopeCondition(scope: DashboardScope, filters: DashboardFilters) {
  const agencies = sql<boolean>`(d.status <> 'draft' AND d.agency_id = ANY(${[...scope.agencyIds]}::uuid[]))`
  return filters.procedure
    ? sql<boolean>`(${agencies} AND d.procedure_id IN (SELECT id FROM procedures WHERE code = ${filters.procedure}))`
    : agencies
}

async function holidaysFor(db: Kysely<Database>, instants: Date[]): Promise<HolidaySet> {
  if (instants.length === 0) return new Set()
  const years = instants.map((d) => Number(vnDay(d).slice(0, 4)))
  return loadHolidays(db, Math.min(...years), Math.max(...years))
}

/** Working days from the day of reception to the day of completion (0 when completed the same day). */
function elapsedDays(receivedAt: Date, completedAt: Date, holidays: HolidaySet) {
  return Math.max(0, workingDaysBetween(vnDay(receivedAt), vnDay(completedAt), holidays))
}

export interface ProcedureFigures {
  id: string
  code: string
  name_vi: string
  name_en: string
  figures: Figures
}
export interface AgencyFigures {
  id: string
  code: string
  name_vi: string
  name_en: string
  procedures: ProcedureFigures[]
  total: Figures
}

/**
 * The figures of the month for every procedure of the scope's agencies (zeros included), with a total per
 * agency (sums; rates and averages are derived from the sums, so a total is never an average of averages).
 */
export async function dashboardStats(
  db: Kysely<Database>,
  scope: DashboardScope,
  filters: DashboardFilters,
): Promise<AgencyFigures[]> {
  const c = conditions(filters.month)
  const where = scopeCondition(scope, filters)
  const count = (condition: RawBuilder<boolean>) => sql<number>`count(*) FILTER (WHERE ${condition})`
  const [groups, completedRows, agencies, procedures] = await Promise.all([
    db
      .selectFrom('dossiers as d')
      .leftJoin('ratings as r', 'r.dossier_id', 'd.id')
      .select([
        'd.agency_id',
        'd.procedure_id',
        count(c.received).as('received'),
        count(c.online).as('online'),
        count(c.completed).as('completed'),
        count(c.onTime).as('onTime'),
        count(c.early).as('early'),
        count(c.late).as('late'),
        count(c.supplement).as('supplement'),
        sql<number>`coalesce(sum(${c.rounds}) FILTER (WHERE ${c.supplement}), 0)::int8`.as(
          'supplementRounds',
        ),
        count(c.rated).as('rated'),
        sql<number>`coalesce(sum(r.score) FILTER (WHERE ${c.rated}), 0)::int8`.as('ratingSum'),
      ])
      .where(where)
      .where(sql<boolean>`(${c.received} OR ${c.completed} OR ${c.supplement})`)
      .groupBy(['d.agency_id', 'd.procedure_id'])
      .execute(),
    db
      .selectFrom('dossiers as d')
      .leftJoin('ratings as r', 'r.dossier_id', 'd.id')
      .select(['d.agency_id', 'd.procedure_id', 'd.received_at', 'd.completed_at'])
      .where(where)
      .where(c.completed)
      .execute(),
    db
      .selectFrom('agencies')
      .select(['id', 'code', 'name_vi', 'name_en'])
      .where('id', 'in', [...scope.agencyIds])
      .orderBy('code')
      .execute(),
    db
      .selectFrom('procedures')
      .select(['id', 'code', 'name_vi', 'name_en', 'agency_id'])
      .where('agency_id', 'in', [...scope.agencyIds])
      .$if(filters.procedure !== undefined, (qb) => qb.where('code', '=', filters.procedure!))
      .orderBy('code')
      .execute(),
  ])

  const byKey = new Map<string, Figures>()
  const key = (agencyId: string, procedureId: string) => `${agencyId}/${procedureId}`
  for (const { agency_id, procedure_id, ...g } of groups)
    byKey.set(key(agency_id, procedure_id), { ...emptyFigures(), ...g })
  const holidays = await holidaysFor(
    db,
    completedRows.flatMap((r) => (r.received_at && r.completed_at ? [r.received_at, r.completed_at] : [])),
  )
  for (const r of completedRows) {
    if (!r.received_at || !r.completed_at) continue
    const f = byKey.get(key(r.agency_id, r.procedure_id))!
    f.daysCount++
    f.daysSum += elapsedDays(r.received_at, r.completed_at, holidays)
  }

  return agencies.map((a) => {
    const rows: ProcedureFigures[] = procedures
      .filter((p) => p.agency_id === a.id)
      .map((p) => ({
        id: p.id,
        code: p.code,
        name_vi: p.name_vi,
        name_en: p.name_en,
        figures: byKey.get(key(a.id, p.id)) ?? emptyFigures(),
      }))
    // A dossier filed with another agency's procedure (not expected) still counts in its agency's total.
    let total = rows.reduce((sum, p) => addFigures(sum, p.figures), emptyFigures())
    for (const [k, f] of byKey)
      if (k.startsWith(`${a.id}/`) && !rows.some((p) => k === key(a.id, p.id))) total = addFigures(total, f)
    return { ...a, procedures: rows, total }
  })
}

/**
 * The dossiers behind one figure, a page at a time (newest reception first), with what the figure counted:
 * working days for completed ones, the month's supplement rounds, the rating. `total` is the figure's count;
 * `rounds` the supplement rounds of all of them.
 */
export async function dashboardDossiers(
  db: Kysely<Database>,
  scope: DashboardScope,
  filters: DashboardFilters,
  metric: Metric,
  page = 1,
) {
  const c = conditions(filters.month)
  const base = db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .leftJoin('ratings as r', 'r.dossier_id', 'd.id')
    .where(scopeCondition(scope, filters))
    .where(c[metric])
  const [summary, rows] = await Promise.all([
    base
      .select([
        sql<number>`count(*)`.as('total'),
        sql<number>`coalesce(sum(${c.rounds}), 0)::int8`.as('rounds'),
      ])
      .executeTakeFirstOrThrow(),
    base
      .select([
        'd.code',
        'd.status',
        'd.received_at',
        'd.due_at',
        'd.completed_at',
        'd.timeliness',
        'p.code as procedure_code',
        'p.name_vi as procedure_vi',
        'p.name_en as procedure_en',
        'a.code as agency_code',
        'r.score as rating',
        c.rounds.as('rounds'),
      ])
      .orderBy(sql`d.received_at DESC NULLS LAST`)
      .orderBy('d.code')
      .limit(LIST_PAGE_SIZE)
      .offset((page - 1) * LIST_PAGE_SIZE)
      .execute(),
  ])
  const holidays = await holidaysFor(
    db,
    rows.flatMap((r) => (r.received_at && r.completed_at ? [r.received_at, r.completed_at] : [])),
  )
  return {
    total: summary.total,
    rounds: summary.rounds,
    page,
    pages: Math.max(1, Math.ceil(summary.total / LIST_PAGE_SIZE)),
    dossiers: rows.map((r) => ({
      ...r,
      code: r.code ?? '',
      workingDays:
        r.status === 'completed' && r.received_at && r.completed_at
          ? elapsedDays(r.received_at, r.completed_at, holidays)
          : null,
    })),
  }
}

/**
 * The online-payment share (issue #5 §8): of the fees settled in the month (one receipt each), how many and
 * how much were paid online rather than at the counter. Refunded fees still count: the payment happened.
 */
export async function paymentShare(db: Kysely<Database>, scope: DashboardScope, filters: DashboardFilters) {
  const { from, to } = monthWindow(filters.month)
  let query = db
    .selectFrom('receipts as r')
    .innerJoin('fees as f', 'f.id', 'r.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .select([
      sql<number>`count(*) FILTER (WHERE r.method <> 'counter')::int`.as('online_count'),
      sql<number>`count(*)::int`.as('count'),
      sql<number>`coalesce(sum(r.amount) FILTER (WHERE r.method <> 'counter'), 0)::bigint`.as(
        'online_amount',
      ),
      sql<number>`coalesce(sum(r.amount), 0)::bigint`.as('amount'),
    ])
    .where('r.agency_id', 'in', [...scope.agencyIds])
    .where('r.issued_at', '>=', from)
    .where('r.issued_at', '<', to)
  if (filters.procedure) {
    query = query.where('d.procedure_id', 'in', (eb) =>
      eb.selectFrom('procedures').select('id').where('code', '=', filters.procedure!),
    )
  }
  const row = await query.executeTakeFirstOrThrow()
  const count = row.count
  const amount = Number(row.amount)
  return {
    count,
    onlineCount: row.online_count,
    amount,
    onlineAmount: Number(row.online_amount),
    /** percentages (0–100), as formatPercent takes them */
    shareByCount: count ? (100 * row.online_count) / count : null,
    shareByAmount: amount ? (100 * Number(row.online_amount)) / amount : null,
  }
}
