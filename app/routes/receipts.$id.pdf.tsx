import type { LoaderFunctionArgs } from '@remix-run/node'
import { getT } from '../i18n/i18next.server'
import { vnClock } from '../modules/officer/circular-forms'
import { receiptPdf } from '../modules/payments/receipt-document.server'
import { signReceiptPdf } from '../modules/results/receipt-signing.server'
import { formatDateTime, formatMoney } from '../utils/format'
import { requireReceipt } from '../utils/guards.server'

/**
 * The receipt as a PDF (A5, Vietnamese-capable font, QR code to /verify), signed like a result with the issuing
 * agency's certificate (PAdES, visible block). When no signer is available the receipt is served unsigned: it stays
 * verifiable by its hash on /verify, and the failure is logged.
 */
export async function loader(args: LoaderFunctionArgs) {
  const receipt = await requireReceipt(args)
  const { t, lng } = await getT(args.request, ['payments', 'results'])
  const now = new Date()
  const agency = lng === 'en' ? receipt.agency.en : receipt.agency.vi
  const { pdf, widgetRect } = await receiptPdf(
    receipt,
    {
      title: t('receipt.title'),
      number: t('receipt.number'),
      agency: t('receipt.agency'),
      dossier: t('receipt.dossier'),
      payer: t('receipt.payer'),
      for: t('pay.for'),
      amount: t('pay.amount'),
      method: t('receipt.method'),
      methodName: t(`method.${receipt.method}`),
      transaction: t('receipt.transaction'),
      issuedAt: t('receipt.issuedAt'),
      issuedAtText: formatDateTime(receipt.issuedAt, lng),
      amountText: formatMoney(receipt.amount, lng),
      hash: t('receipt.hash'),
      verify: t('receipt.verifyHint'),
      refunded: receipt.refunded ? t('receipt.refunded') : null,
      signature: { title: t('results:receipt.signed'), agency, at: `${vnClock(now)} (UTC+7)` },
    },
    lng,
    args.context.origin,
  )
  const signed = await signReceiptPdf(args.context.db, args.context.env, {
    pdf,
    widgetRect,
    agencyCode: receipt.agency.code,
    at: now,
    reason: `${t('receipt.title')} ${receipt.number}`,
    contactInfo: `${args.context.origin}/verify/${receipt.id}`,
  }).catch((error: unknown) => {
    args.context.logger.warn({ event: 'receipt_unsigned', err: String(error) }, 'receipt served unsigned')
    return pdf
  })
  return new Response(new Uint8Array(signed), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${receipt.number.replaceAll('/', '-')}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
