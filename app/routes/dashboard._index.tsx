import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, Select } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import {
  dashboardHref,
  derive,
  formatFigure,
  formatPercent,
  readDashboardQuery,
  type DashboardFilters,
  type Figures,
  type Metric,
} from '../modules/dashboard/figures'
import { dashboardStats, paymentShare } from '../modules/dashboard/stats.server'
import { nextSwap } from '../modules/calendar/holidays.server'
import { vnDay } from '../modules/calendar/vietnam-time'
import { formatMoney } from '../utils/format'
import { dayWithWeekday } from '../utils/weekday'
import { requireDashboard } from '../utils/guards.server'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const query = readDashboardQuery(new URL(args.request.url))
  const { agencies, scope } = await requireDashboard(args, query.filters.agency)
  const [{ t }, stats, payments, swap] = await Promise.all([
    getT(args.request, ['admin', 'common']),
    dashboardStats(args.context.db, scope, query.filters),
    paymentShare(args.context.db, scope, query.filters),
    // The next make-up working day (the city-wide calendar): a Saturday the offices open, a weekday they close.
    nextSwap(args.context.db, vnDay(new Date())),
  ])
  return {
    title: t('dashboard.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    filters: query.filters,
    invalid: query.invalid,
    agencies,
    stats,
    payments,
    swap,
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Dashboard() {
  const { t, i18n } = useTranslation('admin')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { filters, invalid, agencies, stats, payments, swap } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <p className="lead">{t('dashboard.intro')}</p>
      <section className="section" aria-labelledby="swap-title">
        <h2 id="swap-title">{t('dashboard.swap.title')}</h2>
        <p>
          {swap
            ? t('dashboard.swap.next', {
                makeUpDay: dayWithWeekday(swap.makeUpDay, lng),
                dayOff: dayWithWeekday(swap.dayOff, lng),
              })
            : t('dashboard.swap.none')}
        </p>
      </section>
      {invalid.length > 0 ? (
        <p className="notice notice--warning" role="status">
          {t('dashboard.invalidFilter', { month: filters.month })}
        </p>
      ) : null}
      <Form method="get" className="inline-filter" aria-label={t('dashboard.filters')}>
        <Field
          id="month"
          name="month"
          label={t('dashboard.month')}
          hint={t('dashboard.monthHint')}
          className="input--month"
          type="month"
          defaultValue={filters.month}
        />
        {agencies.length > 1 ? (
          <Select id="agency" name="agency" label={t('dashboard.agency')} defaultValue={filters.agency ?? ''}>
            <option value="">{t('dashboard.allAgencies')}</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.code}>
                {a.code}
              </option>
            ))}
          </Select>
        ) : null}
        <div className="field">
          <button type="submit" className="button">
            {t('dashboard.show')}
          </button>
        </div>
      </Form>
      <p>
        <a href={dashboardHref('/dashboard/csv', filters)} download>
          {t('dashboard.csv', { month: filters.month })}
        </a>
      </p>

      <section className="section" aria-labelledby="payments-title">
        <h2 id="payments-title">{t('dashboard.payments.title')}</h2>
        <p className="figure">
          <strong>{formatPercent(payments.shareByCount, lng)}</strong>{' '}
          {t('dashboard.payments.share', { online: payments.onlineCount, count: payments.count })}
        </p>
        <p>
          {t('dashboard.payments.amounts', {
            online: formatMoney(payments.onlineAmount, lng),
            total: formatMoney(payments.amount, lng),
            share: formatPercent(payments.shareByAmount, lng),
          })}
        </p>
      </section>

      {stats.map((a) => (
        <section key={a.id} className="section" aria-labelledby={`agency-${a.code}`}>
          <h2 id={`agency-${a.code}`}>
            {t('dashboard.agencyTitle', { name: lng === 'en' ? a.name_en : a.name_vi, code: a.code })}
          </h2>
          <div className="table-scroll">
            <table className="table dashboard-table">
              <caption className="visually-hidden">
                {t('dashboard.caption', { code: a.code, month: filters.month })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.procedure')}</th>
                  {columns.map((c) => (
                    <th key={c} scope="col" className="num">
                      {t(`dashboard.column.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {a.procedures.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      {lng === 'en' ? p.name_en : p.name_vi}
                      <div className="caption-small">{p.code}</div>
                    </th>
                    <FigureCells
                      figures={p.figures}
                      filters={{ month: filters.month, agency: a.code, procedure: p.code }}
                    />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('dashboard.total')}</th>
                  <FigureCells figures={a.total} filters={{ month: filters.month, agency: a.code }} />
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      ))}

      <section className="section" aria-labelledby="definitions-title">
        <h2 id="definitions-title">{t('dashboard.definitionsTitle')}</h2>
        <dl className="definitions">
          {columns.map((c) => (
            <div key={c}>
              <dt>{t(`dashboard.column.${c}`)}</dt>
              <dd>{t(`dashboard.definition.${c}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  )
}

const columns = [
  'received',
  'completed',
  'onTimeRate',
  'early',
  'late',
  'onlineShare',
  'supplementRounds',
  'avgDays',
  'avgRating',
] as const

/** The figures of one row; each links to the dossiers it counts (same filters, plus the metric). */
function FigureCells({ figures: f, filters }: { figures: Figures; filters: DashboardFilters }) {
  const { t, i18n } = useTranslation('admin')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const d = derive(f)
  const link = (metric: Metric, text: string) => (
    <a href={dashboardHref('/dashboard/dossiers', filters, { metric })} data-metric={metric}>
      {text}
    </a>
  )
  const n = (value: number) => formatFigure(value, lng)
  return (
    <>
      <td className="num">{link('received', n(f.received))}</td>
      <td className="num">{link('completed', n(f.completed))}</td>
      <td className="num">
        {d.onTimeRate === null ? '—' : link('onTime', formatPercent(d.onTimeRate, lng))}
        <div className="caption-small">
          {t('dashboard.ofClassified', { part: f.onTime, whole: f.onTime + f.late })}
        </div>
      </td>
      <td className="num">{link('early', n(f.early))}</td>
      <td className="num">{link('late', n(f.late))}</td>
      <td className="num">
        {d.onlineShare === null ? '—' : link('online', formatPercent(d.onlineShare, lng))}
        <div className="caption-small">
          {t('dashboard.ofReceived', { part: f.online, whole: f.received })}
        </div>
      </td>
      <td className="num">{link('supplement', n(f.supplementRounds))}</td>
      <td className="num">{d.avgDays === null ? '—' : link('completed', formatFigure(d.avgDays, lng))}</td>
      <td className="num">
        {d.avgRating === null ? '—' : link('rated', formatFigure(d.avgRating, lng))}
        <div className="caption-small">{t('dashboard.ratings', { count: f.rated })}</div>
      </td>
    </>
  )
}
