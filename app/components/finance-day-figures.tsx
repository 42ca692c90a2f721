import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { DayFigures } from '../modules/finance/close.server'
import { formatMoney } from '../utils/format'
import { SummaryRows } from './forms'

/**
 * One agency's business day as the reconciliation overview and the day page show it: collected by way of payment,
 * refunded, gateway fees, net, settled, outstanding, and the open exceptions linked to their queue. `extra` rows
 * (the day page's corrections) come last.
 */
export function DayFigureRows(props: {
  figures: DayFigures
  agencyCode: string
  day: string
  extra?: { label: string; value: ReactNode }[]
}) {
  const { t, i18n } = useTranslation('finance')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const money = (n: number) => formatMoney(n, lng)
  const f = props.figures
  return (
    <SummaryRows
      rows={[
        { label: t('figures.stripe'), value: money(f.collectedOnline.stripe) },
        { label: t('figures.vnpay'), value: money(f.collectedOnline.vnpay) },
        { label: t('figures.counter'), value: money(f.collectedCounter) },
        { label: t('figures.refunded'), value: money(f.refunded) },
        { label: t('figures.gatewayFees'), value: money(f.gatewayFees) },
        { label: t('figures.net'), value: <strong>{money(f.net)}</strong> },
        { label: t('figures.settled'), value: money(f.settled) },
        { label: t('figures.outstanding'), value: money(f.outstanding) },
        {
          label: t('figures.openExceptions'),
          value: (
            <Link to={`/finance/reconciliation/exceptions?agency=${props.agencyCode}&to=${props.day}`}>
              {t('pages.reconciliation.exceptionsCount', { count: f.openExceptions })}
            </Link>
          ),
        },
        ...(props.extra ?? []),
      ]}
    />
  )
}
