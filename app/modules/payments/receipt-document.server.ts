import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import type { ReceiptView } from '../ledger/receipts.server'

/**
 * The receipt as a QR code and as a PDF. The QR code holds the public verification address; the PDF embeds
 * DejaVu Sans (from the dejavu-fonts-ttf package) because PDF's standard fonts cannot write Vietnamese.
 */

const require = createRequire(import.meta.url)
const fontPath = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`)

export const verifyUrl = (origin: string, id: string) => `${origin}/verify/${id}`

/** An SVG QR code of the verification address (our own URL only, so safe to inline). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
}

export interface ReceiptLabels {
  title: string
  number: string
  agency: string
  dossier: string
  payer: string
  for: string
  amount: string
  method: string
  methodName: string
  transaction: string
  issuedAt: string
  issuedAtText: string
  amountText: string
  hash: string
  verify: string
  refunded: string | null
}

export async function receiptPdf(
  receipt: ReceiptView,
  labels: ReceiptLabels,
  lng: 'vi' | 'en',
  origin: string,
) {
  const doc = new PDFDocument({
    size: 'A5',
    margin: 36,
    info: { Title: `${labels.title} ${receipt.number}` },
  })
  doc.registerFont('body', fontPath('DejaVuSans.ttf'))
  doc.registerFont('bold', fontPath('DejaVuSans-Bold.ttf'))
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))

  doc
    .font('bold')
    .fontSize(11)
    .text(lng === 'en' ? receipt.agency.en : receipt.agency.vi, { align: 'center' })
  doc
    .font('body')
    .fontSize(8)
    .text(lng === 'en' ? receipt.agency.addressEn : receipt.agency.addressVi, { align: 'center' })
  doc.moveDown()
  doc.font('bold').fontSize(14).text(labels.title, { align: 'center' })
  doc.font('body').fontSize(9).text(`${labels.number}: ${receipt.number}`, { align: 'center' })
  if (labels.refunded)
    doc.font('bold').fillColor('#a00').text(labels.refunded, { align: 'center' }).fillColor('#000')
  doc.moveDown()
  const line = (label: string, value: string) => {
    doc.font('body').fontSize(9).text(`${label}: `, { continued: true }).font('bold').text(value)
  }
  line(labels.dossier, receipt.dossierCode)
  line(labels.payer, receipt.payerName)
  line(labels.for, receipt.description[lng])
  line(labels.amount, labels.amountText)
  line(labels.method, labels.methodName)
  if (receipt.transactionId) line(labels.transaction, receipt.transactionId)
  line(labels.issuedAt, labels.issuedAtText)
  doc.moveDown()
  const url = verifyUrl(origin, receipt.id)
  const png = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 })
  const y = doc.y
  doc.image(png, doc.page.margins.left, y, { width: 90 })
  doc
    .font('body')
    .fontSize(7)
    .text(labels.verify, doc.page.margins.left + 100, y, { width: 220 })
    .text(url, { width: 220, link: url })
    .moveDown(0.5)
    .text(`${labels.hash}: ${receipt.hash}`, { width: 220 })
  doc.end()
  return done
}
