import type { LoaderFunctionArgs } from '@remix-run/node'
import { getT } from '../i18n/i18next.server'
import { csvColumns, dashboardCsv, type CsvColumn } from '../modules/dashboard/csv'
import { readDashboardQuery } from '../modules/dashboard/figures'
import { dashboardStats } from '../modules/dashboard/stats.server'
import { requireDashboard } from '../utils/guards.server'

/** The dashboard's figures as a CSV download (same filters, same numbers as the page). */
export async function loader(args: LoaderFunctionArgs) {
  const { filters } = readDashboardQuery(new URL(args.request.url))
  const { scope } = await requireDashboard(args, filters.agency)
  const [{ t, lng }, stats] = await Promise.all([
    getT(args.request, 'admin'),
    dashboardStats(args.context.db, scope, filters),
  ])
  const headings = Object.fromEntries(csvColumns.map((c) => [c, t(`dashboard.csvColumn.${c}`)])) as Record<
    CsvColumn,
    string
  >
  const body = dashboardCsv(stats, filters.month, lng, headings, t('dashboard.total'))
  const name = `dashboard-${filters.month}${filters.agency ? `-${filters.agency}` : ''}.csv`
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
