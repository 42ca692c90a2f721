import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/**
 * The text of a PDF as a reader's software extracts it (Mozilla's PDF.js: fonts, ToUnicode maps, compressed content
 * streams), one page after the other. Tests compare without whitespace, since a line may wrap anywhere.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false }).promise
  const pages: string[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '))
  }
  await pdf.destroy()
  return pages.join('\n').normalize('NFC')
}

/** Text without any whitespace, NFC: what `pdfText` is compared on. */
export const squeeze = (text: string) => text.normalize('NFC').replace(/\s+/g, '')
