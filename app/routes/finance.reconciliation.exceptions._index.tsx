import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, Select } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { listExceptions } from '../modules/finance/exceptions.server'
import { exceptionClasses, exceptionFilterSchema, filterQuery } from '../modules/finance/exception-filter'
import { financeAgencies } from '../modules/finance/pages.server'
import { requireArea } from '../utils/auth.server'
import { formatDate, formatMoney } from '../utils/format'
import { pageTitle } from '../utils/meta'

const pageSize = 25

/** The exception queue: filtered by class, agency, provider, day and status (a GET form), page by page. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'finance')
  const params = Object.fromEntries(new URL(args.request.url).searchParams)
  // A filter that does not parse is ignored field by field (a bookmarked link keeps working).
  const parsed = exceptionFilterSchema.safeParse(params)
  const filter = parsed.success ? parsed.data : exceptionFilterSchema.parse({})
  const agencies = await financeAgencies(args.context.db, user)
  const agencyId = filter.agency ? agencies.find((a) => a.code === filter.agency)?.id : undefined
  const [{ t }, list] = await Promise.all([
    getT(args.request, ['finance', 'common']),
    // An agency code that is not the clerk's finds nothing (never another agency's rows).
    filter.agency && !agencyId
      ? Promise.resolve({ rows: [], total: 0 })
      : listExceptions(args.context.db, user, {
          class: filter.class,
          agencyId,
          provider: filter.provider,
          fromDay: filter.from,
          toDay: filter.to,
          status: filter.status,
          limit: pageSize,
          offset: (filter.page - 1) * pageSize,
        }),
  ])
  return {
    title: t('pages.exceptions.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    filter,
    agencies: agencies.map((a) => a.code),
    rows: list.rows,
    total: list.total,
    pages: Math.max(1, Math.ceil(list.total / pageSize)),
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Exceptions() {
  const { t, i18n } = useTranslation('finance')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { filter, agencies, rows, total, pages } = useLoaderData<typeof loader>()
  const money = (n: number | null) => (n === null ? '—' : formatMoney(Number(n), lng))
  const pageLink = (page: number) => `?${filterQuery({ ...filter, page })}`
  return (
    <>
      <nav aria-label={t('pages.breadcrumb')} className="breadcrumb">
        <a href="/finance">{t('pages.home')}</a>{' '}
        <a href="/finance/reconciliation">{t('pages.reconciliation.title')}</a>
      </nav>
      <h1>{t('pages.exceptions.title')}</h1>
      <p className="lead">{t('pages.exceptions.intro')}</p>
      <Form method="get" className="filters" aria-label={t('pages.exceptions.filters')}>
        <Select id="class" name="class" label={t('pages.exceptions.class')} defaultValue={filter.class ?? ''}>
          <option value="">{t('pages.exceptions.any')}</option>
          {exceptionClasses.map((c) => (
            <option key={c} value={c}>
              {t(`classes.${c}`)}
            </option>
          ))}
        </Select>
        <Select
          id="agency"
          name="agency"
          label={t('pages.exceptions.agency')}
          defaultValue={filter.agency ?? ''}
        >
          <option value="">{t('pages.exceptions.any')}</option>
          {agencies.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </Select>
        <Select
          id="provider"
          name="provider"
          label={t('pages.exceptions.provider')}
          defaultValue={filter.provider ?? ''}
        >
          <option value="">{t('pages.exceptions.any')}</option>
          <option value="stripe">{t('providers.stripe')}</option>
          <option value="vnpay">{t('providers.vnpay')}</option>
        </Select>
        <Select id="status" name="status" label={t('pages.exceptions.status')} defaultValue={filter.status}>
          {(['open', 'awaiting_approval', 'resolved', 'all'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`pages.status.${s}`)}
            </option>
          ))}
        </Select>
        <Field
          id="from"
          name="from"
          type="date"
          label={t('pages.exceptions.from')}
          defaultValue={filter.from ?? ''}
        />
        <Field
          id="to"
          name="to"
          type="date"
          label={t('pages.exceptions.to')}
          defaultValue={filter.to ?? ''}
        />
        <button type="submit" className="button button--secondary">
          {t('pages.exceptions.apply')}
        </button>
      </Form>

      <p role="status">{t('pages.exceptions.count', { count: total })}</p>
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <caption id="queue-caption">{t('pages.exceptions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pages.exceptions.day')}</th>
                <th scope="col">{t('pages.exceptions.class')}</th>
                <th scope="col">{t('pages.exceptions.agency')}</th>
                <th scope="col">{t('pages.exceptions.provider')}</th>
                <th scope="col">{t('pages.exceptions.dossier')}</th>
                <th scope="col" className="num">
                  {t('pages.exceptions.portal')}
                </th>
                <th scope="col" className="num">
                  {t('pages.exceptions.gateway')}
                </th>
                <th scope="col">{t('pages.exceptions.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDate(r.business_day, lng)}</td>
                  <td>
                    <Link to={`/finance/reconciliation/exceptions/${r.id}`}>{t(`classes.${r.class}`)}</Link>
                  </td>
                  <td>{r.agency_code ?? t('pages.exceptions.noAgency')}</td>
                  <td>{t(`providers.${r.provider}`, { defaultValue: r.provider })}</td>
                  <td>{r.dossier_code ?? '—'}</td>
                  <td className="num">{money(r.portal_amount)}</td>
                  <td className="num">{money(r.gateway_amount)}</td>
                  <td>
                    {t(
                      `pages.status.${r.status === 'open' && r.requested_by ? 'awaiting_approval' : r.status}`,
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t('pages.exceptions.pagination')} className="pagination">
          {filter.page > 1 ? (
            <Link to={pageLink(filter.page - 1)}>{t('pages.exceptions.previous')}</Link>
          ) : null}{' '}
          <span>{t('pages.exceptions.pageOf', { page: filter.page, pages })}</span>{' '}
          {filter.page < pages ? (
            <Link to={pageLink(filter.page + 1)}>{t('pages.exceptions.next')}</Link>
          ) : null}
        </nav>
      ) : null}
    </>
  )
}
