import { Readable } from 'node:stream'
import { FileNotFoundError } from './errors'
import { previewKind } from './preview'
import type { FileStorage } from './storage.server'
import { fallbackFileName, nameForType, sanitizeFileName } from './upload.server'

export type StoredFile = { storageKey: string; originalName: string; mime: string; size: number }

/**
 * Streams a stored attachment as a download. The caller has already checked that the user may see the dossier.
 *
 * An `attachment` (with `inline`, PDF and images only: `inline`, see previewKind), with the sniffed type, `nosniff`, a CSP that sandboxes the document
 * should a browser render it anyway, and no caching. The file name is the stored original name ending in the
 * sniffed type's extension (`nameForType`, so a file stored before that rule as `bien-lai.html` still downloads
 * as `bien-lai.pdf`): an ASCII fallback in `filename` and the exact UTF-8 name in `filename*` (RFC 6266 / 8187).
 *
 * Throws FileNotFoundError when the object is missing, and an Error when its size differs from the record (a
 * truncated or replaced object would otherwise be sent with a wrong Content-Length).
 */
export async function fileResponse(
  storage: FileStorage,
  file: StoredFile,
  options: { inline?: boolean } = {},
): Promise<Response> {
  const inline = options.inline === true && previewKind(file.mime) !== null
  const stat = await storage.stat(file.storageKey)
  if (!stat) throw new FileNotFoundError(file.storageKey)
  if (stat.size !== file.size) {
    throw new Error(`stored object ${file.storageKey} has ${stat.size} bytes, the record says ${file.size}`)
  }
  const body = await storage.get(file.storageKey)
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      'Content-Type': safeMime(file.mime),
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(
        nameForType(file.originalName, file.mime),
        inline ? 'inline' : 'attachment',
      ),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': inline ? inlineCsp(file.mime) : "sandbox; default-src 'none'",
      ...(inline ? { 'X-Frame-Options': 'SAMEORIGIN' } : {}),
      'Cache-Control': 'private, no-store',
    },
  })
}

/**
 * An image keeps the download's sandboxing CSP (an <img> is not a document). A PDF may be framed by our own pages
 * only, and is not sandboxed: Chromium refuses to start its PDF viewer in any sandboxed document (a `sandbox`
 * attribute or CSP), see decision 44. nosniff and the sniffed type (checked at upload, polyglots refused) keep it
 * a PDF: it can never be read as a page of our origin.
 */
function inlineCsp(mime: string): string {
  return previewKind(mime) === 'pdf'
    ? "frame-ancestors 'self'"
    : "sandbox; default-src 'none'; frame-ancestors 'self'"
}

/** `attachment; filename="<ASCII>"; filename*=UTF-8''<percent-encoded UTF-8>` (or `inline; …`). */
export function contentDisposition(
  originalName: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const name = sanitizeFileName(originalName)
  return `${disposition}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`
}

/** Vietnamese without its marks ("Tờ khai.pdf" → "To khai.pdf"); anything else outside printable ASCII → `_`. */
function asciiFallback(name: string): string {
  const ascii = name
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    // `"` and `\` would end or escape the quoted string; `%` is decoded by some clients.
    .replace(/[^\x20-\x7e]|["\\%]/g, '_')
  return ascii.trim() || fallbackFileName
}

/** RFC 8187 value-chars: encodeURIComponent leaves `'()*` alone, which are not attr-chars. */
function encodeRfc8187(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** A type from the record, re-checked so a header can never carry anything but `type/subtype`. */
function safeMime(mime: string): string {
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i.test(mime)
    ? mime
    : 'application/octet-stream'
}
