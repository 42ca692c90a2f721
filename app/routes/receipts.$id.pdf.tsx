import type { LoaderFunctionArgs } from '@remix-run/node'
import { getT } from '../i18n/i18next.server'
import { receiptPdf } from '../modules/payments/receipt-document.server'
import { formatDateTime, formatMoney } from '../utils/format'
import { requireReceipt } from '../utils/guards.server'

/** The receipt as a PDF (A5, Vietnamese-capable font, QR code to /verify). */
export async function loader(args: LoaderFunctionArgs) {
  const receipt = await requireReceipt(args)
  const { t, lng } = await getT(args.request, ['payments'])
  const pdf = await receiptPdf(
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
    },
    lng,
    args.context.origin,
  )
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${receipt.number.replaceAll('/', '-')}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
