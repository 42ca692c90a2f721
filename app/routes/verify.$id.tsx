import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
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
    return data({ ...base, receipt: null }, { status: 404, headers: { 'Cache-Control': 'no-store' } })
  return data({ ...base, receipt }, { headers: { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' } })
}

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
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt>{t('receipt.number')}</dt>
              <dd>{r.number}</dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('receipt.agency')}</dt>
              <dd>{lng === 'en' ? r.agency.en : r.agency.vi}</dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('receipt.dossier')}</dt>
              <dd>{r.dossierCode}</dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('receipt.payer')}</dt>
              <dd>{r.payerName}</dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('pay.for')}</dt>
              <dd>{r.description[lng]}</dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('pay.amount')}</dt>
              <dd>{formatMoney(r.amount, lng)}</dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('receipt.issuedAt')}</dt>
              <dd>{formatDateTime(r.issuedAt, lng)}</dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('receipt.hash')}</dt>
              <dd className="receipt__hash">{r.hash}</dd>
            </div>
          </dl>
        </>
      )}
    </div>
  )
}
