import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SummaryRows } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { publicReceipt } from '../modules/ledger/receipts.server'
import { formatDateTime, formatMoney } from '../utils/format'
import { pageTitle } from '../utils/meta'

/**
 * Public verification of a receipt (DESIGN §8, stable): anyone holding the QR code can check that the portal
 * issued it — issuer, amount, date, dossier code and the receipt's hash — with the payer's name masked.
 */
export async function loader(args: LoaderFunctionArgs) {
  const receipt = await publicReceipt(args.context.db, args.params.id ?? '')
  const { t } = await getT(args.request, ['payments', 'common'])
  const base = { title: t('verify.title'), titleSuffix: t('common:meta.titleSuffix') }
  if (!receipt)
    return data(
      { ...base, receipt: null },
      { status: 404, headers: { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' } },
    )
  return data({ ...base, receipt }, { headers: { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' } })
}

// The loader's no-store and noindex reach the browser only through this export (a document request).
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Verify() {
  const { t, i18n } = useTranslation('payments')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { receipt: r } = useLoaderData<typeof loader>()
  return (
    <div className="narrow">
      <h1>{t('verify.title')}</h1>
      {!r ? (
        <p className="notice notice--warning" role="alert">
          {t('verify.notFound')}
        </p>
      ) : (
        <>
          <p
            className={`notice ${r.intact && !r.refunded ? 'notice--success' : 'notice--warning'}`}
            role="status"
          >
            {!r.intact ? t('verify.tampered') : r.refunded ? t('verify.refunded') : t('verify.valid')}
          </p>
          <SummaryRows
            rows={[
              { label: t('receipt.number'), value: r.number },
              { label: t('receipt.agency'), value: lng === 'en' ? r.agency.en : r.agency.vi },
              { label: t('receipt.dossier'), value: r.dossierCode },
              { label: t('receipt.payer'), value: r.payerName },
              { label: t('pay.for'), value: r.description[lng] },
              { label: t('pay.amount'), value: formatMoney(r.amount, lng) },
              { label: t('receipt.issuedAt'), value: formatDateTime(r.issuedAt, lng) },
              { label: t('receipt.hash'), value: r.hash, valueClassName: 'receipt__hash' },
            ]}
          />
        </>
      )}
    </div>
  )
}
