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
  /** the visible signature block: the agency's name and the signing time in Viet Nam (null: unsigned) */
  signature?: { title: string; agency: string; at: string } | null
}

/**
 * The receipt's PDF, and where its signature block is drawn (PDF user space, first page) for the signature
 * field's widget when the receipt is signed like a result.
 */
export async function receiptPdf(
  receipt: ReceiptView,
  labels: ReceiptLabels,
  lng: 'vi' | 'en',
  origin: string,
): Promise<{ pdf: Buffer; widgetRect: [number, number, number, number] }> {
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
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right
  const top = Math.max(doc.y, y + 96) + 10
  const box = { x: left + width / 2, y: top, w: width / 2, h: 56 }
  if (labels.signature) {
    doc.lineWidth(0.8).strokeColor('#1a5e20').rect(box.x, box.y, box.w, box.h).stroke().strokeColor('#000')
    doc
      .font('bold')
      .fontSize(7.5)
      .fillColor('#1a5e20')
      .text(labels.signature.title, box.x + 6, box.y + 6, { width: box.w - 12 })
      .fillColor('#000')
      .font('body')
      .text(labels.signature.agency, { width: box.w - 12 })
      .text(labels.signature.at, { width: box.w - 12 })
  }
  const pageHeight = doc.page.height
  doc.end()
  return {
    pdf: await done,
    widgetRect: [box.x, pageHeight - box.y - box.h, box.x + box.w, pageHeight - box.y],
  }
}
