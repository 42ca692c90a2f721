/**
 * The officers' queues (issue 4, item 2): one count per queue in one query, and one page of one queue, sorted by
 * due date (the reception queue by submission), searchable, with keyset pagination.
 *
 * Contracts:
 * - Every query is scoped by agency ids: a queue reads only the agencies where the officer holds one of its
 *   roles (definitions.ts). An officer of UBQ1 asking for an STP dossier's code simply finds nothing.
 * - Pages are keyset-paginated on (sort key, id): `after` is an opaque cursor of the last row shown; the next page
 *   starts strictly after it, so rows are never repeated or skipped while the order holds. A dossier that changes
 *   queue between two pages leaves or joins the order, as it would on any live list.
 * - Speed does not depend on the number of dossiers: each queue has a partial index whose leading columns are the
 *   agency and the sort key (migration 2026-11-27T0004-queue-indexes), so a page is an index range scan of
 *   `QUEUE_PAGE_SIZE + 1` entries wherever the cursor points. An officer of several agencies gets one such scan per
 *   agency, merged (UNION ALL, then ORDER BY … LIMIT), never a sort of the whole queue.
 * - "Overdue" is the clock's own rule (clock.ts `isOverdue`): a running dossier past its due DAY in Viet Nam, so the
 *   queue lists exactly the dossiers that the apology action accepts. "Due soon": due today or within the next
 *   three working days (holidays from the `holidays` table).
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely'
import type { Database, DossiersTable, DossierStatus, UsersTable } from '../../../db/schema'
import type { CurrentUser } from '../auth/permissions'
import { loadHolidays } from '../calendar/holidays.server'
import { vnDay } from '../calendar/vietnam-time'
import { workingDaysLeft, type HolidaySet } from '../calendar/working-days'
import { staffLanding } from '../staff/landing.server'
import { nthWorkingDayAfter, receptionDeadline, vnInstant } from '../workflow/clock'
import {
  allQueue,
  DUE_SOON_WORKING_DAYS,
  queueDefinition,
  queueIds,
  queues,
  QUEUE_PAGE_SIZE,
  returnStatuses,
  runningStatuses,
  type QueueDefinition,
  type QueueId,
  type QueueParam,
} from './definitions'
import { workingMinutesBetween } from './working-time'

/** Who asks: the user and their grants (CurrentUser.roles has this shape). */
export interface QueueScope {
  userId: string
  grants: readonly { role: string; agencyId: string }[]
}

/** The instants the queue conditions compare due dates with, computed once per request. */
export interface QueueClock {
  now: Date
  /** 00:00 today in Viet Nam: due before it → overdue */
  todayStart: Date
  /** 00:00 of the day after the third working day after today: due before it (and not overdue) → due soon */
  dueSoonEnd: Date
  holidays: HolidaySet
}

export function queueClock(now: Date, holidays: HolidaySet): QueueClock {
  const today = vnDay(now)
  const lastDueSoonDay = nthWorkingDayAfter(today, DUE_SOON_WORKING_DAYS, holidays)
  return {
    now,
    todayStart: vnInstant(today, 0),
    dueSoonEnd: vnInstant(lastDueSoonDay, 24 * 60),
    holidays,
  }
}

/** The holidays the clock needs around `now` (reception deadlines of last year's dossiers, due dates next year). */
export function loadQueueHolidays(db: Kysely<Database>, now: Date) {
  const year = Number(vnDay(now).slice(0, 4))
  return loadHolidays(db, year - 1, year + 1)
}

// -------------------------------------------------------------------------------------------------------------
// Scope
// -------------------------------------------------------------------------------------------------------------

/** The agencies where the officer holds one of the queue's roles (empty: the queue is not theirs). */
export function queueAgencies(scope: QueueScope, def: QueueDefinition): string[] {
  const roles: readonly string[] = def.roles
  return [...new Set(scope.grants.filter((g) => roles.includes(g.role)).map((g) => g.agencyId))].sort()
}

/** The queues this officer sees, in display order ('all' last). */
export function visibleQueues(scope: QueueScope): QueueParam[] {
  return queues.filter((def) => queueAgencies(scope, def).length > 0).map((def) => def.id)
}

/** Where an officer lands: reception at the door, specialists on their own work, approvers on proposals. */
export function defaultQueue(scope: QueueScope): QueueParam {
  const visible = visibleQueues(scope)
  return (
    (['submitted', 'mine', 'awaiting_approval', 'unit'] as const).find((q) => visible.includes(q)) ?? allQueue
  )
}

// -------------------------------------------------------------------------------------------------------------
// The queues' conditions and sort keys (one definition, used by the counts and by the pages)
// -------------------------------------------------------------------------------------------------------------

type QueueDb = Database & { d: DossiersTable; u: UsersTable }
type Eb = ExpressionBuilder<QueueDb, 'd'>

/** Statuses are inlined as literals (constants, never user input), so the partial indexes' predicates match. */
const statusIs = (status: DossierStatus) => sql<SqlBool>`d.status = ${sql.lit(status)}`
const statusIn = (list: readonly DossierStatus[]) =>
  sql<SqlBool>`d.status IN (${sql.join(list.map((s) => sql.lit(s)))})`

/**
 * The due date as a sort key: a dossier without one yet (waiting for payment or a supplement before reception)
 * sorts last, and the key is never NULL, so a cursor always compares. The indexes are built on this expression.
 */
const dueKey = sql<Date>`coalesce(d.due_at, 'infinity'::timestamptz)`
/**
 * Overdue and due-soon compare the due date itself (their condition excludes NULL), so that their index holds the
 * plain column: counts are then index-only scans (PostgreSQL cannot answer an index-only scan from an index on an
 * expression whose column the query also names).
 */
const runningDue = sql<Date>`d.due_at`

function sortKey(def: QueueDefinition) {
  if (def.sort !== 'due_asc') return sql<Date>`d.submitted_at`
  return def.id === 'overdue' || def.id === 'due_soon' ? runningDue : dueKey
}

function queueCondition(eb: Eb, id: QueueParam, scope: QueueScope, clock: QueueClock): Expression<SqlBool> {
  switch (id) {
    case 'submitted':
    case 'supplement_requested':
    case 'awaiting_approval':
    case 'awaiting_payment':
    case 'result_ready':
      return statusIs(id)
    case 'supplement_answered':
      // Back where the request found it, with a request behind it. An open request would have the dossier in
      // supplement_requested, so in these statuses every request, the latest included, has been answered.
      return eb.and([
        statusIn(returnStatuses),
        eb.exists(
          eb
            .selectFrom('supplement_requests as sr')
            .select(sql.lit(1).as('one'))
            .whereRef('sr.dossier_id', '=', 'd.id')
            .where('sr.answered_at', 'is not', null),
        ),
      ])
    case 'mine':
      return eb.and([statusIs('in_progress'), eb('d.assignee_id', '=', scope.userId)])
    case 'unit':
      return statusIn(['received', 'in_progress'])
    case 'overdue':
      return eb.and([statusIn(runningStatuses), eb(runningDue, '<', clock.todayStart)])
    case 'due_soon':
      return eb.and([
        statusIn(runningStatuses),
        eb(runningDue, '>=', clock.todayStart),
        eb(runningDue, '<', clock.dueSoonEnd),
      ])
    case 'all':
      return sql<SqlBool>`d.status <> 'draft'`
  }
}

// -------------------------------------------------------------------------------------------------------------
// Counts: one query for every queue the officer sees
// -------------------------------------------------------------------------------------------------------------

export type QueueCounts = Partial<Record<QueueId, number>>

/**
 * The size of each queue the officer sees ('all' is not counted), in ONE query: a scalar subquery per queue, so
 * each count is an index-only scan over that queue's open dossiers (its partial index, or the (agency_id, status,
 * due_at) one), never a pass over the completed ones. It grows with the queues, not with the table.
 */
export async function queueCounts(
  db: Kysely<Database>,
  scope: QueueScope,
  clock: QueueClock,
): Promise<QueueCounts> {
  const counted = queueIds
    .map((id) => ({ id, agencies: queueAgencies(scope, queueDefinition(id)) }))
    .filter((q) => q.agencies.length > 0)
  if (counted.length === 0) return {}
  const row = await db
    .selectNoFrom((eb) =>
      counted.map((q) =>
        eb
          .selectFrom('dossiers as d')
          .select((cb) => cb.fn.countAll<number>().as('n'))
          .where('d.agency_id', 'in', q.agencies)
          .where((cb) => queueCondition(cb as unknown as Eb, q.id, scope, clock))
          .as(q.id),
      ),
    )
    .executeTakeFirstOrThrow()
  return Object.fromEntries(counted.map((q) => [q.id, Number((row as Record<string, unknown>)[q.id])]))
}

// -------------------------------------------------------------------------------------------------------------
// Search
// -------------------------------------------------------------------------------------------------------------

export type QueueSearch =
  { kind: 'code'; prefix: string } | { kind: 'citizenId'; digits: string } | { kind: 'name'; text: string }

/**
 * What the officer typed: a dossier code or its beginning ("STP-261127-0001", "stp-2611"), a citizen id or its
 * beginning (digits), else a part of the applicant's name (any case, with or without accents).
 */
export function parseSearch(input: string | null | undefined): QueueSearch | null {
  const q = (input ?? '').trim().replace(/\s+/g, ' ')
  if (!q) return null
  if (/^[A-Za-z0-9]{2,8}-[\d-]*$/.test(q)) return { kind: 'code', prefix: q.toUpperCase() }
  if (/^\d{1,12}$/.test(q)) return { kind: 'citizenId', digits: q }
  return { kind: 'name', text: q }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

function searchCondition(eb: ExpressionBuilder<QueueDb, 'd' | 'u'>, search: QueueSearch) {
  switch (search.kind) {
    case 'code':
      // prefix LIKE on the code's text_pattern_ops index
      return eb('d.code', 'like', `${likeEscape(search.prefix)}%`)
    case 'citizenId':
      return search.digits.length === 12
        ? eb('u.citizen_id', '=', search.digits)
        : eb('u.citizen_id', 'like', `${search.digits}%`)
    case 'name':
      // The trigram index on the applicant's accent-free, lower-case name; the pattern is folded the same way
      // (an immutable expression of a parameter: constant by planning time, so the index applies).
      return sql<SqlBool>`lower(immutable_unaccent(u.full_name)) LIKE '%' || lower(immutable_unaccent(${likeEscape(search.text)})) || '%'`
  }
}

// -------------------------------------------------------------------------------------------------------------
// Cursors
// -------------------------------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const KEY = /^(infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)$/

export interface QueueCursor {
  /** the sort key exactly as PostgreSQL holds it (microseconds, UTC), or 'infinity' */
  key: string
  id: string
}

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url')
}

/** Never throws: a cursor that is not one of ours counts as none (the first page). */
export function decodeCursor(value: string | null | undefined): QueueCursor | null {
  if (!value || value.length > 200) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if (!Array.isArray(parsed) || parsed.length !== 2) return null
    const [key, id] = parsed as unknown[]
    if (typeof key !== 'string' || typeof id !== 'string' || !KEY.test(key) || !UUID.test(id)) return null
    return { key, id }
  } catch {
    return null
  }
}

// -------------------------------------------------------------------------------------------------------------
// One page of one queue
// -------------------------------------------------------------------------------------------------------------

export interface QueuePageInput {
  queue: QueueParam
  search?: QueueSearch | null
  after?: QueueCursor | null
  /** rows per page (QUEUE_PAGE_SIZE) */
  limit?: number
}

/** The page's rows for one agency: an index range scan in sort order, LIMIT limit + 1 (to know of a next page). */
function agencyPageQuery(
  db: Kysely<Database>,
  agencyId: string,
  scope: QueueScope,
  clock: QueueClock,
  input: QueuePageInput,
) {
  const def = queueDefinition(input.queue)
  const key = sortKey(def)
  const desc = def.sort === 'submitted_desc'
  const { after, search } = input
  return db
    .selectFrom('dossiers as d')
    .innerJoin('users as u', 'u.id', 'd.applicant_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .leftJoin('users as s', 's.id', 'd.assignee_id')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.submitted_at',
      'd.received_at',
      'd.due_at',
      'p.code as procedure_code',
      'p.name_vi as procedure_vi',
      'p.name_en as procedure_en',
      'u.full_name as applicant_name',
      'u.citizen_id as applicant_citizen_id',
      'a.code as agency_code',
      's.full_name as assignee_name',
      key.as('sort_at'),
      sql<string>`coalesce(to_char(${key} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'infinity')`.as(
        'sort_key',
      ),
    ])
    .where('d.agency_id', '=', agencyId)
    .where((eb) => queueCondition(eb as unknown as Eb, def.id, scope, clock))
    .$if(!!search, (q) => q.where((eb) => searchCondition(eb as never, search!)))
    .$if(!!after, (q) =>
      q.where(
        sql<SqlBool>`(${key}, d.id) ${sql.raw(desc ? '<' : '>')} (${after!.key}::timestamptz, ${after!.id}::uuid)`,
      ),
    )
    .orderBy(key, desc ? 'desc' : 'asc')
    .orderBy('d.id', desc ? 'desc' : 'asc')
    .limit((input.limit ?? QUEUE_PAGE_SIZE) + 1)
}

/**
 * The query behind one page (exported so that the benchmark can EXPLAIN exactly what the page runs). Empty
 * agencies (a queue that is not the officer's) → null.
 */
export function queuePageQuery(
  db: Kysely<Database>,
  scope: QueueScope,
  clock: QueueClock,
  input: QueuePageInput,
) {
  const def = queueDefinition(input.queue)
  const agencies = queueAgencies(scope, def)
  if (agencies.length === 0) return null
  const parts = agencies.map((agencyId) => agencyPageQuery(db, agencyId, scope, clock, input))
  if (parts.length === 1) return parts[0]
  // One index range scan per agency, each already sorted and limited; the outer query merges them.
  type Row = Awaited<ReturnType<(typeof parts)[number]['execute']>>[number]
  const desc = def.sort === 'submitted_desc' ? 'desc' : 'asc'
  return db
    .selectFrom(
      sql<Row>`(${sql.join(
        parts.map((p) => sql`(${p})`),
        sql` UNION ALL `,
      )})`.as('q'),
    )
    .selectAll('q')
    .orderBy('q.sort_at', desc)
    .orderBy('q.id', desc)
    .limit((input.limit ?? QUEUE_PAGE_SIZE) + 1)
}

/** Where the row stands against its clock, computed for display. */
export type RowClock =
  /** waiting for reception: the 8-working-hour deadline and the working minutes left (negative: late by) */
  | { kind: 'reception'; deadline: Date; minutesLeft: number }
  /** the clock runs: working days left to the due day (0: due today; negative: overdue by) */
  | { kind: 'due'; daysLeft: number }
  /** the clock is paused (waiting for the citizen: a supplement, a payment) */
  | { kind: 'paused' }
  | { kind: 'none' }

export interface QueueRow {
  id: string
  code: string
  status: DossierStatus
  procedureCode: string
  procedureVi: string
  procedureEn: string
  applicantName: string
  applicantCitizenId: string | null
  agencyCode: string
  assigneeName: string | null
  submittedAt: Date | null
  dueAt: Date | null
  clock: RowClock
}

export interface QueuePage {
  rows: QueueRow[]
  /** the cursor of the next page, null on the last one */
  next: string | null
}

function rowClock(
  row: { status: DossierStatus; submitted_at: Date | null; due_at: Date | null },
  clock: QueueClock,
): RowClock {
  if (row.status === 'submitted' && row.submitted_at) {
    const deadline = receptionDeadline(row.submitted_at, clock.holidays)
    return {
      kind: 'reception',
      deadline,
      minutesLeft: workingMinutesBetween(clock.now, deadline, clock.holidays),
    }
  }
  if (runningStatuses.includes(row.status) && row.due_at)
    return { kind: 'due', daysLeft: workingDaysLeft(clock.now, row.due_at, clock.holidays) }
  if (row.status === 'supplement_requested' || row.status === 'awaiting_payment') return { kind: 'paused' }
  return { kind: 'none' }
}

/** One page of one queue, scoped to the officer's agencies for that queue. */
export async function queuePage(
  db: Kysely<Database>,
  scope: QueueScope,
  clock: QueueClock,
  input: QueuePageInput,
): Promise<QueuePage> {
  const query = queuePageQuery(db, scope, clock, input)
  if (!query) return { rows: [], next: null }
  const limit = input.limit ?? QUEUE_PAGE_SIZE
  const found = await query.execute()
  const shown = found.slice(0, limit)
  const last = shown.at(-1)
  return {
    rows: shown.map((r) => ({
      id: r.id,
      code: r.code!,
      status: r.status,
      procedureCode: r.procedure_code,
      procedureVi: r.procedure_vi,
      procedureEn: r.procedure_en,
      applicantName: r.applicant_name,
      applicantCitizenId: r.applicant_citizen_id,
      agencyCode: r.agency_code,
      assigneeName: r.assignee_name,
      submittedAt: r.submitted_at,
      dueAt: r.due_at,
      clock: rowClock(r, clock),
    })),
    next: found.length > limit && last ? encodeCursor({ key: last.sort_key, id: last.id }) : null,
  }
}

// -------------------------------------------------------------------------------------------------------------
// The officer's landing page
// -------------------------------------------------------------------------------------------------------------

export interface OfficerHomeInput {
  queue?: string | null
  q?: string | null
  after?: string | null
  now?: Date
}

/**
 * Everything `/officer` shows: the queues the officer sees with their counts, the chosen queue's page (an unknown
 * or foreign queue falls back to the officer's default one), and the roles panel.
 */
export async function officerHome(db: Kysely<Database>, user: CurrentUser, input: OfficerHomeInput) {
  const now = input.now ?? new Date()
  const scope: QueueScope = { userId: user.id, grants: user.roles }
  const visible = visibleQueues(scope)
  const queue = visible.find((q) => q === input.queue) ?? defaultQueue(scope)
  const search = parseSearch(input.q)
  const clock = queueClock(now, await loadQueueHolidays(db, now))
  const [counts, page, agencies] = await Promise.all([
    queueCounts(db, scope, clock),
    queuePage(db, scope, clock, { queue, search, after: decodeCursor(input.after) }),
    staffLanding(db, user, 'officer'),
  ])
  return {
    queues: visible.map((id) => ({ id, count: id === allQueue ? null : (counts[id] ?? 0) })),
    queue,
    q: (input.q ?? '').trim(),
    after: input.after ?? null,
    page,
    /** more than one agency: the table says which one each dossier belongs to */
    multiAgency: new Set(queueAgencies(scope, queueDefinition(queue))).size > 1,
    agencies,
  }
}
