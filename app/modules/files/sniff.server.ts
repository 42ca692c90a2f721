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

/** Throws a TypeError for an allow-list naming a type content sniffing can never recognise (a programming error). */
export function assertDetectableTypes(accept: readonly string[]): void {
  if (accept.length === 0) throw new TypeError('an allow-list of file types must not be empty')
  for (const mime of accept) {
    if (!supportedMimeTypes.has(mime))
      throw new TypeError(`file type ${mime} cannot be recognised by content`)
  }
}
