import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib'
import { SignPdf } from '@signpdf/signpdf'
import { Signer as SignPdfSigner, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils'
import { PDFDocument } from 'pdf-lib'
import { buildPadesCms, type CmsOptions } from './cms.server'
import type { Signer } from './signer'

/**
 * Signs a PDF: pdf-lib adds the signature field (its widget over the visible signature block the page already
 * shows) with a /Contents placeholder and SubFilter ETSI.CAdES.detached; @signpdf/signpdf computes the ByteRange
 * and embeds the CMS that `buildPadesCms` makes over it.
 */

/** The room kept for the CMS: the certificates, three signed attributes and, for B-T, a timestamp token. */
const SIGNATURE_LENGTH = 16384

class PadesSignPdfSigner extends SignPdfSigner {
  level: 'B-B' | 'B-T' = 'B-B'
  constructor(
    private readonly signer: Signer,
    private readonly options: CmsOptions,
  ) {
    super()
  }
  override async sign(content: Buffer): Promise<Buffer> {
    const built = await buildPadesCms(content, this.signer, this.options)
    this.level = built.level
    return built.der
  }
}

export interface SignPdfInput {
  pdf: Buffer
  signer: Signer
  /** the signature dictionary's /M (the claimed signing time) */
  signingTime: Date
  reason: string
  name: string
  location: string
  contactInfo: string
  /** [x1, y1, x2, y2] in PDF points on the first page: the visible block */
  widgetRect: [number, number, number, number]
  /** further PDFs whose pages follow (an uploaded result), and files to embed as attachments */
  appendPdf?: Buffer | null
  attachments?: { name: string; mime: string; bytes: Buffer }[]
  cms?: CmsOptions
}

export async function signPdf(input: SignPdfInput): Promise<{ pdf: Buffer; level: 'B-B' | 'B-T' }> {
  const doc = await PDFDocument.load(input.pdf)
  if (input.appendPdf) {
    const other = await PDFDocument.load(input.appendPdf, { ignoreEncryption: false })
    for (const page of await doc.copyPages(other, other.getPageIndices())) doc.addPage(page)
  }
  for (const a of input.attachments ?? [])
    await doc.attach(a.bytes, a.name, { mimeType: a.mime, creationDate: input.signingTime })
  pdflibAddPlaceholder({
    pdfPage: doc.getPage(0),
    reason: input.reason,
    name: input.name,
    location: input.location,
    contactInfo: input.contactInfo,
    signingTime: input.signingTime,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: input.widgetRect,
    appName: 'Cổng Dịch vụ công Thành phố',
  })
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }))
  const signer = new PadesSignPdfSigner(input.signer, input.cms ?? {})
  const signed = await new SignPdf().sign(prepared, signer)
  return { pdf: signed, level: signer.level }
}

/** Whether `bytes` open as a PDF pdf-lib can copy pages from (an uploaded draft that is not is attached only). */
export async function readablePdf(bytes: Buffer): Promise<boolean> {
  try {
    const d = await PDFDocument.load(bytes)
    return d.getPageCount() > 0
  } catch {
    return false
  }
}
