/**
 * What may be shown inline (the officer's document preview), by sniffed type: a PDF in a frame, JPEG and PNG as
 * an image. Anything else — never HTML or SVG, which would run script in our origin — is only ever an attachment.
 * Plain (no server code): the page decides which documents get a preview with the same rule as the download.
 */
export function previewKind(mime: string): 'pdf' | 'image' | null {
  if (mime === 'application/pdf') return 'pdf'
  if (mime === 'image/jpeg' || mime === 'image/png') return 'image'
  return null
}
