import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SummaryRows } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { qrSvg, verifyUrl } from '../modules/payments/receipt-document.server'
import { formatDateTime, formatMoney } from '../utils/format'
import { requireReceipt } from '../utils/guards.server'
import { pageTitle } from '../utils/meta'

/** The e-receipt (biên lai điện tử), printable; its QR code leads to the public /verify page. */
export async function loader(args: LoaderFunctionArgs) {
  const receipt = await requireReceipt(args)
  const { t } = await getT(args.request, ['payments', 'common'])
  const url = verifyUrl(args.context.origin, receipt.id)
  return {
    title: `${t('receipt.title')} ${receipt.number}`,
    titleSuffix: t('common:meta.titleSuffix'),
    receipt,
    verifyUrl: url,
    qr: await qrSvg(url),
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function ReceiptPage() {
  const { t, i18n } = useTranslation('payments')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { receipt: r, verifyUrl: url, qr } = useLoaderData<typeof loader>()
  return (
    <article className="print-form receipt">
      <div className="print-form__head">
        <p className="print-form__agency">{lng === 'en' ? r.agency.en : r.agency.vi}</p>
        <p>{lng === 'en' ? r.agency.addressEn : r.agency.addressVi}</p>
      </div>
      <h1 className="print-form__title">{t('receipt.title')}</h1>
      <p className="print-form__number">{`${t('receipt.number')}: ${r.number}`}</p>
      {r.refunded ? (
        <p className="notice notice--warning" role="status">
          {t('receipt.refunded')}
        </p>
      ) : null}
      <SummaryRows
        rows={[
          { label: t('receipt.dossier'), value: r.dossierCode },
          { label: t('receipt.payer'), value: r.payerName },
          { label: t('pay.for'), value: r.description[lng] },
          { label: t('pay.amount'), value: <strong>{formatMoney(r.amount, lng)}</strong> },
          { label: t('receipt.method'), value: t(`method.${r.method}`) },
          r.transactionId ? { label: t('receipt.transaction'), value: r.transactionId } : null,
          { label: t('receipt.issuedAt'), value: formatDateTime(r.issuedAt, lng) },
        ]}
      />
      <div className="receipt__verify">
        <div
          className="receipt__qr"
          role="img"
          aria-label={t('receipt.qrLabel')}
          dangerouslySetInnerHTML={{ __html: qr }}
        />
        <div>
          <p>{t('receipt.verifyHint')}</p>
          <p>
            <a href={url}>{url}</a>
          </p>
          <p className="receipt__hash">{`${t('receipt.hash')}: ${r.hash}`}</p>
        </div>
      </div>
      <p className="no-print">
        <a href={`/receipts/${r.id}/pdf`} download>
          {t('receipt.pdf')}
        </a>
        {' · '}
        <a href={`/dossiers/${r.dossierCode}`}>{t('backToDossier')}</a>
      </p>
    </article>
  )
}
