import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import { MOTTO, NATION, vnClock, vnDate } from '../officer/circular-forms'

/**
 * A result as a PDF on A4 (pdfkit, DejaVu Serif: PDF's standard fonts cannot write Vietnamese; margins of
 * Decree 30/2020): the agency above its name, the national motto, the number, the title, the printed lines, then
 * the QR code to /verify/:id beside the signature block (agency, signer's name and title, the time in Viet Nam).
 * A draft says DỰ THẢO, has no number and an empty signature block. Returns where the signature block is, in PDF
 * user space (origin bottom-left), for the signature field's widget.
 */

const require = createRequire(import.meta.url)
const fontPath = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`)
const mm = (n: number) => (n * 72) / 25.4

export interface ResultPdfInput {
  authority: string | null
  agency: string
  title: string
  /** null for a draft */
  number: string | null
  dossierCode: string
  procedure: string
  applicant: string
  lines: { label: string; value: string }[]
  /** an uploaded result behind this cover page */
  attached?: { name: string; sha256: string } | null
  signedAt: Date | null
  signer: { name: string; title: string } | null
  verifyUrl: string | null
  /** a correction: the number of the result it replaces */
  replaces?: string | null
}

export interface RenderedResult {
  pdf: Buffer
  /** [x1, y1, x2, y2] of the signature block on the first page */
  widgetRect: [number, number, number, number]
}

export async function renderResultPdf(r: ResultPdfInput): Promise<RenderedResult> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(20) },
    info: { Title: r.number ? `${r.title} ${r.number}` : `${r.title} (dự thảo)`, Subject: r.dossierCode },
  })
  doc.registerFont('body', fontPath('DejaVuSerif.ttf'))
  doc.registerFont('bold', fontPath('DejaVuSerif-Bold.ttf'))
  doc.registerFont('italic', fontPath('DejaVuSerif-Italic.ttf'))
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right
  const size = 11

  // Head: the agency on the left, the nation on the right.
  const top = doc.y
  const lw = width * 0.45
  doc.fontSize(size - 1)
  if (r.authority) doc.font('body').text(r.authority.toUpperCase(), left, top, { width: lw, align: 'center' })
  doc.font('bold').text(r.agency.toUpperCase(), left, doc.y, { width: lw, align: 'center' })
  doc
    .font('body')
    .text(`Số: ${r.number ?? '…… (cấp khi phê duyệt)'}`, left, doc.y + 4, { width: lw, align: 'center' })
  const leftEnd = doc.y
  doc.font('bold').text(NATION, left + lw, top, { width: width - lw, align: 'center' })
  doc.text(MOTTO, { width: width - lw, align: 'center', underline: true })
  doc
    .moveDown(0.5)
    .font('italic')
    .text(r.signedAt ? `Thành phố, ${vnDate(r.signedAt)}` : 'Thành phố, ngày …… tháng …… năm ……', {
      width: width - lw,
      align: 'center',
    })
  doc.y = Math.max(leftEnd, doc.y) + 18
  doc.x = left

  if (!r.number) {
    doc
      .font('bold')
      .fontSize(size + 1)
      .fillColor('#a00')
      .text('DỰ THẢO — CHƯA CÓ GIÁ TRỊ', left, doc.y, { width, align: 'center' })
    doc.fillColor('#000').moveDown(0.5)
  }
  doc
    .font('bold')
    .fontSize(size + 4)
    .text(r.title, left, doc.y, { width, align: 'center' })
  if (r.replaces)
    doc
      .font('italic')
      .fontSize(size - 1)
      .text(`Thay thế kết quả số ${r.replaces}`, { width, align: 'center' })
  doc.moveDown(1)

  const line = (label: string, value: string) =>
    doc
      .font('body')
      .fontSize(size)
      .text(`${label}: `, left, doc.y, { width, continued: true })
      .font('bold')
      .text(value || '…')
  line('Mã hồ sơ', r.dossierCode)
  line('Thủ tục', r.procedure)
  line('Người yêu cầu', r.applicant)
  for (const l of r.lines) line(l.label, l.value)
  if (r.attached) {
    doc.moveDown(0.5)
    doc
      .font('body')
      .text(
        `Kèm theo: ${r.attached.name} (các trang sau và tệp đính kèm của tài liệu này; SHA-256 ${r.attached.sha256}).`,
        left,
        doc.y,
        { width },
      )
  }

  // The QR code on the left, the signature block on the right.
  doc.moveDown(1.5)
  const blockTop = Math.min(doc.y, doc.page.height - doc.page.margins.bottom - 150)
  if (r.verifyUrl) {
    const png = await QRCode.toBuffer(r.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 })
    doc.image(png, left, blockTop, { width: 84 })
    doc
      .font('body')
      .fontSize(7.5)
      .text('Kiểm tra tính xác thực:', left, blockTop + 88, { width: 170 })
      .text(r.verifyUrl, { width: 170, link: r.verifyUrl })
  }
  const bx = left + width * 0.45
  const bw = width * 0.55
  const bh = 120
  doc
    .lineWidth(0.8)
    .strokeColor(r.signer ? '#1a5e20' : '#888')
    .rect(bx, blockTop, bw, bh)
    .stroke()
  doc.strokeColor('#000')
  const pad = 8
  if (r.signer && r.signedAt) {
    doc.font('bold').fontSize(9.5).fillColor('#1a5e20')
    doc.text('ĐÃ KÝ SỐ', bx + pad, blockTop + pad, { width: bw - 2 * pad, align: 'center' })
    doc.fillColor('#000').font('body').fontSize(9)
    doc.text(`Cơ quan: ${r.agency}`, { width: bw - 2 * pad })
    doc.text(`Người ký: ${r.signer.name}`, { width: bw - 2 * pad })
    doc.text(`Chức vụ: ${r.signer.title}`, { width: bw - 2 * pad })
    doc.text(`Thời gian ký: ${vnClock(r.signedAt)} (giờ Việt Nam, UTC+7)`, { width: bw - 2 * pad })
  } else {
    doc.font('italic').fontSize(9).fillColor('#666')
    doc.text('Chữ ký số của cơ quan (khi phê duyệt)', bx + pad, blockTop + bh / 2 - 6, {
      width: bw - 2 * pad,
      align: 'center',
    })
    doc.fillColor('#000')
  }
  const pageHeight = doc.page.height
  doc.end()
  return {
    pdf: await done,
    widgetRect: [bx, pageHeight - blockTop - bh, bx + bw, pageHeight - blockTop],
  }
}
