import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Pagination } from '../components/catalogue-bits'
import { getT } from '../i18n/i18next.server'
import { dashboardHref, readDashboardQuery } from '../modules/dashboard/figures'
import { dashboardDossiers } from '../modules/dashboard/stats.server'
import { formatDate } from '../utils/format'
import { requireDashboard } from '../utils/guards.server'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const query = readDashboardQuery(new URL(args.request.url))
  const metric = query.metric ?? 'received'
  const { scope, officer } = await requireDashboard(args, query.filters.agency)
  const [{ t }, list] = await Promise.all([
    getT(args.request, ['admin', 'common']),
    dashboardDossiers(args.context.db, scope, query.filters, metric, query.page),
  ])
  return {
    title: t('dashboard.listTitle', { metric: t(`dashboard.metric.${metric}`), month: query.filters.month }),
    titleSuffix: t('common:meta.titleSuffix'),
    filters: query.filters,
    metric,
    officer,
    ...list,
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function DashboardDossiers() {
  const { t, i18n } = useTranslation('admin')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { filters, metric, officer, total, rounds, page, pages, dossiers } = useLoaderData<typeof loader>()
  const back = dashboardHref('/dashboard', { month: filters.month, agency: filters.agency })
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <a href={back}>{t('dashboard.title')}</a>
      </nav>
      <h1>{t('dashboard.listTitle', { metric: t(`dashboard.metric.${metric}`), month: filters.month })}</h1>
      <dl className="facts">
        <div>
          <dt>{t('dashboard.month')}</dt>
          <dd>{filters.month}</dd>
        </div>
        <div>
          <dt>{t('dashboard.agency')}</dt>
          <dd>{filters.agency ?? t('dashboard.allAgencies')}</dd>
        </div>
        <div>
          <dt>{t('dashboard.procedure')}</dt>
          <dd>{filters.procedure ?? t('dashboard.allProcedures')}</dd>
        </div>
      </dl>
      <p className="results-count" role="status" data-total={total}>
        {metric === 'supplement'
          ? t('dashboard.countWithRounds', { count: total, rounds })
          : t('dashboard.count', { count: total })}
      </p>
      {dossiers.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.list.code')}</th>
                <th scope="col">{t('dashboard.procedure')}</th>
                <th scope="col">{t('dashboard.list.receivedAt')}</th>
                <th scope="col">{t('dashboard.list.dueAt')}</th>
                <th scope="col">{t('dashboard.list.completedAt')}</th>
                <th scope="col">{t('dashboard.list.timeliness')}</th>
                <th scope="col" className="num">
                  {t('dashboard.list.workingDays')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.list.rounds')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.list.rating')}
                </th>
              </tr>
            </thead>
            <tbody>
              {dossiers.map((d) => (
                <tr key={d.code} data-code={d.code}>
                  <th scope="row">
                    {officer ? <a href={`/officer/dossiers/${d.code}`}>{d.code}</a> : d.code}
                  </th>
                  <td>
                    {lng === 'en' ? d.procedure_en : d.procedure_vi}
                    <div className="caption-small">{d.procedure_code}</div>
                  </td>
                  <td>{d.received_at ? formatDate(d.received_at, lng) : '—'}</td>
                  <td>{d.due_at ? formatDate(d.due_at, lng) : '—'}</td>
                  <td>{d.completed_at ? formatDate(d.completed_at, lng) : '—'}</td>
                  <td>{d.timeliness ? t(`dashboard.timeliness.${d.timeliness}`) : '—'}</td>
                  <td className="num">{d.workingDays ?? '—'}</td>
                  <td className="num">{d.rounds}</td>
                  <td className="num">{d.rating ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination
        page={page}
        pages={pages}
        href={(p) => dashboardHref('/dashboard/dossiers', filters, { metric, page: p })}
      />
    </>
  )
}
