import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StaffRoles } from '../components/staff-roles'
import { getT } from '../i18n/i18next.server'
import { agenciesFor } from '../modules/auth/permissions'
import { vnDay } from '../modules/calendar/vietnam-time'
import { openExceptionsByClass } from '../modules/finance/exceptions.server'
import { lastImports } from '../modules/finance/import-gateway.server'
import { collections, lastRuns } from '../modules/finance/pages.server'
import { financeOverview } from '../modules/payments/finance.server'
import { staffLanding } from '../modules/staff/landing.server'
import { requireArea } from '../utils/auth.server'
import { formatDateTime, formatMoney } from '../utils/format'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'finance')
  const { db } = args.context
  const today = vnDay(new Date())
  const [{ t }, agencies, overview, collected, byClass, imports, runs] = await Promise.all([
    getT(args.request, ['staff', 'common']),
    staffLanding(db, user, 'finance'),
    financeOverview(db, agenciesFor(user, ['finance'])),
    collections(db, user),
    openExceptionsByClass(db, user, today),
    lastImports(db),
    lastRuns(db),
  ])
  return {
    title: t('finance.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    agencies,
    overview,
    today,
    collected,
    byClass,
    imports,
    runs,
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function FinanceHome() {
  const { t, i18n } = useTranslation(['payments', 'staff', 'finance'])
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { agencies, overview, today, collected, byClass, imports, runs } = useLoaderData<typeof loader>()
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
      <section className="section" aria-labelledby="collected">
        <h2 id="collected">{t('finance:dashboard.collectedTitle')}</h2>
        {collected.length === 0 ? (
          <p>{t('finance:dashboard.nothingThisMonth')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption id="collected-caption">{t('finance:dashboard.collectedCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('finance:pages.exceptions.agency')}</th>
                  <th scope="col">{t('finance:dashboard.procedure')}</th>
                  <th scope="col">{t('finance:pages.exceptions.provider')}</th>
                  <th scope="col" className="num">
                    {t('finance:dashboard.today')}
                  </th>
                  <th scope="col" className="num">
                    {t('finance:dashboard.month')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {collected.map((r) => (
                  <tr key={`${r.agency_code}-${r.procedure_code}-${r.method}`}>
                    <td>{r.agency_code}</td>
                    <td>{lng === 'en' ? r.name_en : r.name_vi}</td>
                    <td>{t(`finance:providers.${r.method}`, { defaultValue: r.method })}</td>
                    <td className="num">
                      <a href={`/finance/reconciliation/days/${today}?agency=${r.agency_code}`}>
                        {formatMoney(r.today, lng)}
                      </a>
                    </td>
                    <td className="num">
                      <a
                        href={`/finance/reconciliation/export?agency=${r.agency_code}&from=${today.slice(0, 8)}01&to=${today}&format=csv`}
                      >
                        {formatMoney(r.month, lng)}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="section" aria-labelledby="reconciliation">
        <h2 id="reconciliation">{t('finance:dashboard.reconciliationTitle')}</h2>
        {byClass.length === 0 ? (
          <p>{t('finance:dashboard.noOpenExceptions')}</p>
        ) : (
          <ul>
            {byClass.map((c) => (
              <li key={c.class}>
                <a href={`/finance/reconciliation/exceptions?class=${c.class}`}>
                  {t('finance:dashboard.classLine', {
                    cls: t(`finance:classes.${c.class}`),
                    count: c.count,
                    days: c.oldest_days,
                  })}
                </a>
              </li>
            ))}
          </ul>
        )}
        <ul>
          {imports.map((i) => (
            <li key={`import-${i.provider}`}>
              {t('finance:dashboard.lastImport', {
                provider: t(`finance:providers.${i.provider}`),
                at: formatDateTime(i.at, lng),
                status: t(`finance:pages.importStatus.${i.status}`),
              })}
            </li>
          ))}
          {runs.map((r) => (
            <li key={`run-${r.provider}`}>
              {t('finance:pages.reconciliation.runLine', {
                provider: t(`finance:providers.${r.provider}`),
                at: formatDateTime(r.startedAt, lng),
                count: r.newItems,
              })}
            </li>
          ))}
        </ul>
        <p>
          <a className="button" href="/finance/reconciliation">
            {t('finance:dashboard.openReconciliation')}
          </a>
        </p>
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
