import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StaffRoles } from '../components/staff-roles'
import { getT } from '../i18n/i18next.server'
import { agenciesFor } from '../modules/auth/permissions'
import { financeOverview } from '../modules/payments/finance.server'
import { staffLanding } from '../modules/staff/landing.server'
import { requireArea } from '../utils/auth.server'
import { formatDateTime, formatMoney } from '../utils/format'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'finance')
  const [{ t }, agencies, overview] = await Promise.all([
    getT(args.request, ['staff', 'common']),
    staffLanding(args.context.db, user, 'finance'),
    financeOverview(args.context.db, agenciesFor(user, ['finance'])),
  ])
  return { title: t('finance.title'), titleSuffix: t('common:meta.titleSuffix'), agencies, overview }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function FinanceHome() {
  const { t, i18n } = useTranslation(['payments', 'staff'])
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { agencies, overview } = useLoaderData<typeof loader>()
  const waiting = (overview.refunds.proposed ?? 0) + (overview.refunds.requested ?? 0)
  return (
    <>
      <h1>{t('staff:finance.title')}</h1>
      <p className="lead">{t('staff:finance.intro')}</p>
      <section className="section" aria-labelledby="today">
        <h2 id="today">{t('finance.today')}</h2>
        {overview.today.length === 0 ? (
          <p>{t('finance.nothingToday')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('receipt.method')}</th>
                <th scope="col" className="num">
                  {t('finance.count')}
                </th>
                <th scope="col" className="num">
                  {t('finance.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.today.map((row) => (
                <tr key={row.method}>
                  <td>{t(`method.${row.method}`)}</td>
                  <td className="num">{row.count}</td>
                  <td className="num">{formatMoney(row.total, lng)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>{t('finance.openAttempts', { count: overview.openAttempts })}</p>
      </section>
      <section className="section" aria-labelledby="refunds">
        <h2 id="refunds">{t('finance.refundsTitle')}</h2>
        <p>{t('finance.refundsWaiting', { count: waiting })}</p>
        <p>
          <a className="button" href="/finance/refunds">
            {t('finance.openRefunds')}
          </a>
        </p>
      </section>
      <section className="section" aria-labelledby="exceptions">
        <h2 id="exceptions">{t('finance.exceptionsTitle')}</h2>
        {overview.exceptions.length === 0 ? (
          <p>{t('finance.noExceptions')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('finance.receivedAt')}</th>
                <th scope="col">{t('finance.provider')}</th>
                <th scope="col">{t('finance.exception')}</th>
                <th scope="col">{t('receipt.dossier')}</th>
                <th scope="col" className="num">
                  {t('pay.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.exceptions.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.receivedAt, lng)}</td>
                  <td>{t(`finance.providerName.${e.provider}`, { defaultValue: e.provider })}</td>
                  <td>{t(`finance.outcome.${e.outcome}`)}</td>
                  <td>{e.dossierCode ?? '—'}</td>
                  <td className="num">
                    {e.amount === null ? '—' : formatMoney(e.amount, lng)}
                    {e.expected !== null && e.expected !== e.amount
                      ? ` (${t('finance.expected', { amount: formatMoney(e.expected, lng) })})`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <StaffRoles agencies={agencies} />
    </>
  )
}
