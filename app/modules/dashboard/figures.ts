/**
 * The leaders' dashboard (Decision 766 indicators) as plain data shared by the server, the page and the CSV:
 * the metrics a number can link to, the filters, and the derived rates. Safe in the browser bundle.
 *
 * For a month M (cut in Viet Nam time) and the dossiers of an agency (and procedure):
 * - received: received_at in M; online: those with submitted_at (filed online — every dossier today; a dossier
 *   registered at the counter would have none), so the online share = online / received;
 * - completed: status completed (result returned) with completed_at in M; early / onTime (early or on time, as
 *   Decision 766 counts "đúng hạn") / late by their timeliness class; on-time rate = onTime / (onTime + late);
 * - supplement: dossiers with a supplement request made in M; the figure is the number of requests (rounds);
 * - average working days: from the day of reception to the day of completion, over the completed dossiers;
 * - rated: completed dossiers that the applicant rated; average rating over them.
 */
import { z } from 'zod'
import { vnDay } from '../calendar/vietnam-time'

export const metrics = [
  'received',
  'online',
  'completed',
  'onTime',
  'early',
  'late',
  'supplement',
  'rated',
] as const
export type Metric = (typeof metrics)[number]

export interface Figures {
  received: number
  online: number
  completed: number
  onTime: number
  early: number
  late: number
  /** dossiers with at least one supplement request in the month */
  supplement: number
  /** supplement requests in the month (rounds) */
  supplementRounds: number
  rated: number
  ratingSum: number
  /** completed dossiers with a reception date, and their working days from reception to completion */
  daysCount: number
  daysSum: number
}

export const emptyFigures = (): Figures => ({
  received: 0,
  online: 0,
  completed: 0,
  onTime: 0,
  early: 0,
  late: 0,
  supplement: 0,
  supplementRounds: 0,
  rated: 0,
  ratingSum: 0,
  daysCount: 0,
  daysSum: 0,
})

export function addFigures(a: Figures, b: Figures): Figures {
  const sum = emptyFigures()
  for (const key of Object.keys(sum) as (keyof Figures)[]) sum[key] = a[key] + b[key]
  return sum
}

const round1 = (n: number) => Math.round(n * 10) / 10
const ratio = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : null)
const mean = (sum: number, count: number) => (count > 0 ? round1(sum / count) : null)

/** Rates in percent and averages, rounded to one decimal; null when there is nothing to divide by. */
export function derive(f: Figures) {
  return {
    onTimeRate: ratio(f.onTime, f.onTime + f.late),
    onlineShare: ratio(f.online, f.received),
    avgDays: mean(f.daysSum, f.daysCount),
    avgRating: mean(f.ratingSum, f.rated),
  }
}

/** 'yyyy-mm' of the Vietnamese calendar month containing `now`. */
export function currentMonth(now = new Date()): string {
  return vnDay(now).slice(0, 7)
}

const monthPattern = /^(20\d\d)-(0[1-9]|1[0-2])$/
const codePattern = /^[A-Za-z0-9.]{1,40}$/

export const dashboardQuerySchema = z.object({
  month: z.string().regex(monthPattern).optional(),
  agency: z.string().regex(codePattern).optional(),
  procedure: z.string().regex(codePattern).optional(),
  metric: z.enum(metrics).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
})

export interface DashboardFilters {
  month: string
  agency?: string
  procedure?: string
}

/**
 * The filters from a URL: an absent month is the current one; a malformed value is dropped (`invalid` says
 * which), so a typed-in month the page cannot read shows the current month with a notice, never an error page.
 */
export function readDashboardQuery(url: URL, now = new Date()) {
  const raw: Record<string, string> = {}
  for (const key of ['month', 'agency', 'procedure', 'metric', 'page']) {
    const value = url.searchParams.get(key)?.trim()
    if (value) raw[key] = value
  }
  const invalid: string[] = []
  const clean: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw)) {
    const field = dashboardQuerySchema.shape[key as keyof typeof dashboardQuerySchema.shape]
    if (field.safeParse(value).success) clean[key] = value
    else invalid.push(key)
  }
  const parsed = dashboardQuerySchema.parse(clean)
  return {
    filters: {
      month: parsed.month ?? currentMonth(now),
      ...(parsed.agency ? { agency: parsed.agency.toUpperCase() } : {}),
      ...(parsed.procedure ? { procedure: parsed.procedure } : {}),
    } as DashboardFilters,
    metric: parsed.metric ?? null,
    page: parsed.page ?? 1,
    invalid,
  }
}

/** A dashboard URL with these filters (and a metric for the list of dossiers behind a number). */
export function dashboardHref(
  path: '/dashboard' | '/dashboard/dossiers' | '/dashboard/csv',
  filters: DashboardFilters,
  extra: { metric?: Metric; page?: number } = {},
): string {
  const params = new URLSearchParams({ month: filters.month })
  if (filters.agency) params.set('agency', filters.agency)
  if (filters.procedure) params.set('procedure', filters.procedure)
  if (extra.metric) params.set('metric', extra.metric)
  if (extra.page && extra.page > 1) params.set('page', String(extra.page))
  return `${path}?${params}`
}

const tags = { vi: 'vi-VN', en: 'en-GB' } as const

/** 8.3 → "8,3" (vi) / "8.3" (en); null → "—". */
export function formatFigure(value: number | null, lng: 'vi' | 'en'): string {
  if (value === null) return '—'
  return new Intl.NumberFormat(tags[lng], { maximumFractionDigits: 1 }).format(value)
}

/** A percentage given as 0–100: 75 → "75%"; null → "—". */
export function formatPercent(value: number | null, lng: 'vi' | 'en'): string {
  if (value === null) return '—'
  return new Intl.NumberFormat(tags[lng], { style: 'percent', maximumFractionDigits: 1 }).format(value / 100)
}
