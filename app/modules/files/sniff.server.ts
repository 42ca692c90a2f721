import { fileTypeFromBuffer, supportedMimeTypes } from 'file-type'

/**
 * Decides a file's type by its content alone (magic bytes, via file-type). The Content-Type the browser claimed
 * and the file name's extension are never consulted: `scan.pdf` holding `MZ…` is an executable, an SVG named
 * `.png` is XML text, and neither is recognised as anything on a PDF/JPEG/PNG allow-list.
 *
 * Only binary formats with a signature can be recognised; text formats (SVG, HTML, CSV, plain text) never are,
 * so an allow-list cannot contain them (`assertDetectableTypes` refuses such a list).
 */

/** How many leading bytes the decision looks at (file-type's own "reasonable detection size"). */
export const sniffBytes = 4100

/** The detected MIME type of `head` (the first up to `sniffBytes` bytes), or null when nothing is recognised. */
export async function detectMime(head: Uint8Array): Promise<string | null> {
  if (head.length === 0) return null
  const result = await fileTypeFromBuffer(head.subarray(0, sniffBytes))
  return result?.mime ?? null
}

export type SniffResult = { allowed: true; mime: string } | { allowed: false; detected: string | null }

/** Never throws for any content: the caller turns `allowed: false` into its own error. */
export async function sniff(head: Uint8Array, accept: readonly string[]): Promise<SniffResult> {
  const detected = await detectMime(head)
  return detected !== null && accept.includes(detected)
    ? { allowed: true, mime: detected }
    : { allowed: false, detected }
}

/**
 * The file name extension of each type an allow-list may hold. Stored and downloaded names always end in the
 * extension of the sniffed type, so a PDF named `bien-lai.html` or `scan.exe` is saved and served as `.pdf` and
 * never opens as a web page or a program from a download folder. A type missing here gets `.bin`.
 */
const extensions: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/tiff': 'tif',
  'image/heic': 'heic',
  'application/zip': 'zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
}

export function extensionOf(mime: string): string {
  return extensions[mime] ?? 'bin'
}

/**
 * How many bytes at each end of an accepted file are searched for markup (`activeContentMarker`). Browsers and
 * PDF readers find HTML within the first kilobytes (content sniffing) and PDF readers accept a document whose
 * header lies within the first 1 KB and whose trailer is at the end, so a polyglot puts its markup at either end.
 */
export const markerScanBytes = 8 * 1024

/*
 * Markers of HTML, SVG or script, case-insensitive. A PDF or an image has no reason to carry any of them as raw
 * bytes (PDF's own JavaScript actions are spelled `/JavaScript`, without the colon, and are not matched).
 */
const markers = [
  '<script',
  '<html',
  '<svg',
  '<!doctype html',
  'javascript:',
  '<iframe',
  '<body',
  '<object',
  '<embed',
]

/**
 * The first HTML/script marker found in `bytes` (the first or the last `markerScanBytes` of a file), or null.
 * An accepted file holding one is a polyglot (a PDF that is also a web page) and is refused.
 */
export function activeContentMarker(bytes: Uint8Array): string | null {
  // latin1 maps each byte to one character, so binary data cannot hide a marker behind a decoding error.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').toLowerCase()
  return markers.find((m) => text.includes(m)) ?? null
}

/** Throws a TypeError for an allow-list naming a type content sniffing can never recognise (a programming error). */
export function assertDetectableTypes(accept: readonly string[]): void {
  if (accept.length === 0) throw new TypeError('an allow-list of file types must not be empty')
  for (const mime of accept) {
    if (!supportedMimeTypes.has(mime))
      throw new TypeError(`file type ${mime} cannot be recognised by content`)
  }
}
