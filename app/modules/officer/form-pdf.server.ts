import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import { MOTTO, NATION, type Block, type FormDocument } from './circular-forms'

/**
 * A form of Circular 01/2018/TT-VPCP as a PDF on A4 (Mẫu 05 and 06 landscape), drawn from the same document model
 * as the print page. DejaVu Serif (the dejavu-fonts-ttf package) because PDF's standard fonts cannot write
 * Vietnamese; margins as Vietnamese administrative documents use them (Decree 30/2020: left 30 mm, others 20 mm).
 */

const require = createRequire(import.meta.url)
const fontPath = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`)
const mm = (n: number) => (n * 72) / 25.4

export async function formPdf(form: FormDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: form.landscape ? 'landscape' : 'portrait',
    margins: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(20) },
    info: { Title: form.title, Subject: 'Thông tư 01/2018/TT-VPCP' },
  })
  doc.registerFont('body', fontPath('DejaVuSerif.ttf'))
  doc.registerFont('bold', fontPath('DejaVuSerif-Bold.ttf'))
  doc.registerFont('italic', fontPath('DejaVuSerif-Italic.ttf'))
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))

  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right
  const bottom = () => doc.page.height - doc.page.margins.bottom
  const size = form.landscape ? 9.5 : 11

  for (const block of form.blocks) await draw(block)
  doc.end()
  return done

  async function draw(b: Block) {
    switch (b.kind) {
      case 'head': {
        const y = doc.y
        const lw = width * 0.45
        doc.fontSize(size - 1)
        for (const line of b.left)
          doc.font(line.strong ? 'bold' : 'body').text(line.text, left, doc.y, { width: lw, align: 'center' })
        const leftEnd = doc.y
        doc.font('bold').text(NATION, left + lw, y, { width: width - lw, align: 'center' })
        doc.text(MOTTO, { width: width - lw, align: 'center', underline: true })
        doc
          .moveDown(0.5)
          .font('italic')
          .text(b.dated, { width: width - lw, align: 'center' })
        doc.y = Math.max(leftEnd, doc.y) + 12
        doc.x = left
        return
      }
      case 'title':
        doc
          .font('bold')
          .fontSize(size + 3)
          .text(b.text, left, doc.y, { width, align: 'center' })
        doc.font('body').fontSize(size)
        for (const s of b.sub) doc.text(s, { width, align: 'center' })
        doc.moveDown(0.8)
        return
      case 'line':
        doc
          .font('body')
          .fontSize(size)
          .text(`${b.label}: `, left, doc.y, { width, continued: true })
          .font('bold')
          .text(b.value)
        return
      case 'para':
        doc
          .font(b.strong ? 'bold' : 'body')
          .fontSize(size)
          .text(b.text, left, doc.y, { width, align: 'justify' })
        doc.moveDown(0.3)
        return
      case 'quote':
        doc
          .font('body')
          .fontSize(size)
          .text(b.text, left + 18, doc.y, { width: width - 18 })
        doc.moveDown(0.3)
        return
      case 'note':
        doc
          .moveDown(0.3)
          .font('italic')
          .fontSize(size - 2)
          .text(b.text, left, doc.y, { width })
        doc.moveDown(0.3)
        return
      case 'table':
        table(b.columns, b.rows, b.widths)
        return
      case 'qr': {
        const png = await QRCode.toBuffer(b.url, { errorCorrectionLevel: 'M', margin: 1, width: 240 })
        if (doc.y + 80 > bottom()) doc.addPage()
        const y = doc.y + 4
        doc.image(png, left, y, { width: 72 })
        doc
          .font('body')
          .fontSize(size - 1)
          .text(b.text, left + 84, y, { width: width - 84, link: b.url })
        doc.y = Math.max(y + 76, doc.y) + 6
        doc.x = left
        return
      }
      case 'signatures': {
        if (doc.y + 110 > bottom()) doc.addPage()
        const y = doc.y + 8
        const n = b.signers.length
        const w = n === 1 ? width / 2 : width / n
        let end = y
        b.signers.forEach((s, i) => {
          const x = n === 1 ? left + width / 2 : left + i * w
          doc.font('bold').fontSize(size).text(s.title, x, y, { width: w, align: 'center' })
          doc
            .font('italic')
            .fontSize(size - 1)
            .text(s.hint, x, doc.y, { width: w, align: 'center' })
          doc
            .font('bold')
            .fontSize(size)
            .text(s.name || ' ', x, doc.y + 48, { width: w, align: 'center' })
          end = Math.max(end, doc.y)
        })
        doc.y = end + 8
        doc.x = left
        return
      }
    }
  }

  /** A ruled table that breaks across pages, repeating its header row. */
  function table(columns: string[], rows: string[][], widths: number[]) {
    const total = widths.reduce((a, b) => a + b, 0)
    const ws = widths.map((w) => (w / total) * width)
    doc.moveDown(0.3)
    const pad = 3
    const fs = form.landscape ? 7.5 : 9.5
    const heightOf = (cells: string[], font: string) => {
      doc.font(font).fontSize(fs)
      return (
        Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: ws[i] - 2 * pad }))) + 2 * pad
      )
    }
    const row = (cells: string[], font: string) => {
      const h = heightOf(cells, font)
      if (doc.y + h > bottom()) {
        doc.addPage()
        if (font !== 'bold') drawRow(columns, 'bold', heightOf(columns, 'bold'))
      }
      drawRow(cells, font, h)
    }
    const drawRow = (cells: string[], font: string, h: number) => {
      const y = doc.y
      let x = left
      doc.font(font).fontSize(fs)
      cells.forEach((c, i) => {
        doc.rect(x, y, ws[i], h).lineWidth(0.5).stroke()
        doc.text(c, x + pad, y + pad, { width: ws[i] - 2 * pad, align: font === 'bold' ? 'center' : 'left' })
        x += ws[i]
      })
      doc.y = y + h
      doc.x = left
    }
    row(columns, 'bold')
    for (const r of rows) row(r, 'body')
    if (rows.length === 0)
      row(
        columns.map((_, i) => (i === 1 ? '(không có)' : '')),
        'body',
      )
    doc.moveDown(0.5)
  }
}
