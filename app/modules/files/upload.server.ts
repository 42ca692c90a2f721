import busboy from 'busboy'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  ActiveContentError,
  EmptyFileError,
  FileTooLargeError,
  FileTypeNotAllowedError,
  TooManyFilesError,
  UploadFormatError,
} from './errors'
import {
  activeContentMarker,
  assertDetectableTypes,
  extensionOf,
  markerScanBytes,
  sniff,
} from './sniff.server'
import { assertStorageKey, newStorageKey, type FileStorage } from './storage.server'

/*
 * Receives a multipart form, streaming each file into storage under a generated key.
 *
 * Contract: returns every text field and every stored file, or throws and never leaves a stored file behind
 * (short of the storage itself failing to delete). Memory stays bounded whatever the body's size: files are
 * streamed, a file is cut off the moment it passes its input's `maxBytes`, text fields are capped by
 * `maxFieldBytes` each and 1 MB in all (or `maxFieldBytes` if larger), and the number of parts by 1000.
 *
 * When it throws before the end, the rest of the body is left unread: no more is pulled from `request.body`, but
 * it is not cancelled either, because cancelling it makes @remix-run/node destroy the socket, and the client would
 * see a reset instead of the 413 page. The route's error response must therefore carry `Connection: close`, so
 * Node closes the connection after answering instead of keeping a half-read request on it.
 *
 * Per file part:
 * - its input name must be in `rules`; a file under another name → UploadFormatError('unexpected-file')
 *   (refused rather than drained, so a stale form never silently loses a document);
 * - a part without a file name and without bytes is an input left empty and is skipped (whether a file was
 *   required is the caller's rule); a named file of zero bytes → EmptyFileError;
 * - more than `maxFiles` files → TooManyFilesError, before the extra file is read;
 * - more than `maxBytes` bytes → FileTooLargeError;
 * - its type is decided by content only (sniff.server.ts), never by the claimed type or the name; not on the
 *   rule's `accept` list → FileTypeNotAllowedError, before anything is written;
 * - HTML or script markers (`activeContentMarker`) in its first or last `markerScanBytes` → ActiveContentError
 *   (a polyglot: a PDF or an image that is also a web page), before anything is written for the first, and the
 *   stored object deleted for the last;
 * - the original name is kept as data only (`sanitizeFileName`), its extension replaced by the sniffed type's
 *   (`nameForType`: `bien-lai.html` holding a PDF is kept as `bien-lai.pdf`); the storage key never derives
 *   from it.
 * A broken body → UploadFormatError('malformed'); a client that goes away → UploadFormatError('aborted').
 * A wrong `options` (an allow-list of undetectable types, a bad `keyPrefix`) is a bug: TypeError.
 *
 * Files come back in the order they were sent; a repeated text field keeps its last value.
 */
export type UploadRule = { accept: readonly string[]; maxBytes: number }

export type StoredUpload = {
  field: string
  /** Sanitised and ending in the sniffed type's extension, for display and the download's file name only. */
  originalName: string
  storageKey: string
  /** Sniffed from the content. */
  mime: string
  size: number
  /** Lowercase hex. */
  sha256: string
}

export type ReceiveUploadOptions = {
  /** Keyed by the file input's name. */
  rules: Record<string, UploadRule>
  storage: FileStorage
  /** For example `dossiers`; keys become `dossiers/yyyy/mm/<uuid>`. */
  keyPrefix: string
  /** Default 10. */
  maxFiles?: number
  /** Per text field, default 100 KB. */
  maxFieldBytes?: number
}

const maxParts = 1000
const maxAllFieldBytes = 1_000_000
const bodyChunkBytes = 64 * 1024

/** Streams a multipart form into `storage`; see the contract at the top of this file. */
export async function receiveUpload(
  request: Request,
  options: ReceiveUploadOptions,
): Promise<{ fields: Record<string, string>; files: StoredUpload[] }> {
  const { rules, storage, keyPrefix } = options
  const maxFiles = options.maxFiles ?? 10
  const maxFieldBytes = options.maxFieldBytes ?? 100_000
  checkOptions(rules, keyPrefix, maxFiles, maxFieldBytes)

  const contentType = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) {
    throw new UploadFormatError('not-multipart')
  }
  if (request.bodyUsed) throw new TypeError('the request body was already read')
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      // Browsers send file names as raw UTF-8; busboy's default (latin1) would garble Vietnamese names.
      defParamCharset: 'utf8',
      // Paths are stripped by sanitizeFileName, the same way for every client.
      preservePath: true,
      limits: {
        // Backstops only: the per-input limit is counted below, and must trip first.
        fileSize: Math.max(...Object.values(rules).map((r) => r.maxBytes)) + 1,
        fieldSize: maxFieldBytes + 1,
        parts: maxParts,
      },
    })
  } catch (err) {
    throw new UploadFormatError('not-multipart', { cause: err })
  }

  // The first failure wins; it stops the parser and the reading of the body at once. From inside busboy's own events
  // (`soon`), the teardown waits a tick: destroying the parser while it is still in its loop makes it throw.
  const abort = new AbortController()
  let failure: Error | null = null
  const fail = (err: unknown, when: 'now' | 'soon' = 'now') => {
    if (failure) return
    const error = err instanceof Error ? err : new Error(String(err))
    failure = error
    if (when === 'now') abort.abort(error)
    else process.nextTick(() => abort.abort(error))
  }

  const stored: string[] = []
  const tasks: Promise<StoredUpload | null>[] = []
  const fields = new Map<string, string>()
  let allFieldBytes = 0
  let fileCount = 0

  async function receiveFile(
    field: string,
    rule: UploadRule | undefined,
    stream: Readable,
    filename: string | undefined,
  ) {
    const named = filename !== undefined && filename !== ''
    const countFile = () => {
      fileCount += 1
      if (fileCount > maxFiles) throw new TooManyFilesError(maxFiles)
    }
    if (named) {
      if (!rule) throw new UploadFormatError('unexpected-file')
      countFile()
    }

    const hash = createHash('sha256')
    let size = 0
    const take = (chunk: Buffer) => {
      size += chunk.length
      if (!rule) throw new UploadFormatError('unexpected-file')
      if (size > rule.maxBytes) {
        const err = new FileTooLargeError(field, rule.maxBytes)
        fail(err) // stop reading now, not once the storage has cleaned up
        throw err
      }
      hash.update(chunk)
    }

    const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>
    const head: Buffer[] = []
    let headBytes = 0
    while (headBytes < markerScanBytes) {
      const next = await chunks.next()
      if (next.done) break
      take(next.value)
      head.push(next.value)
      headBytes += next.value.length
    }
    if (size === 0) {
      if (!named) return null // an input left empty
      throw new EmptyFileError(field)
    }
    if (!named) countFile()
    // `rule` is set here: take() refused any byte without one.
    const accepted = rule as UploadRule

    const headBuffer = Buffer.concat(head, headBytes)
    const type = await sniff(headBuffer, accepted.accept)
    if (!type.allowed) throw new FileTypeNotAllowedError(field, type.detected)
    const inHead = activeContentMarker(headBuffer)
    if (inHead) throw new ActiveContentError(field, inHead)

    // The last markerScanBytes seen, searched once the whole file is stored.
    let tail: Buffer = Buffer.alloc(0)
    const keepTail = (chunk: Buffer) => {
      tail =
        chunk.length >= markerScanBytes
          ? chunk.subarray(chunk.length - markerScanBytes)
          : Buffer.concat([tail, chunk]).subarray(-markerScanBytes)
    }
    async function* body() {
      for (const chunk of head) {
        keepTail(chunk)
        yield chunk
      }
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        take(next.value)
        keepTail(next.value)
        yield next.value
      }
    }
    const storageKey = newStorageKey(keyPrefix)
    const { size: written } = await storage.put(
      storageKey,
      Readable.from(body(), { objectMode: false, highWaterMark: bodyChunkBytes }),
    )
    stored.push(storageKey)
    if (written !== size) throw new Error(`storage wrote ${written} bytes of ${size}`)
    const inTail = activeContentMarker(tail)
    if (inTail) throw new ActiveContentError(field, inTail)
    return {
      field,
      originalName: nameForType(filename ?? '', type.mime),
      storageKey,
      mime: type.mime,
      size,
      sha256: hash.digest('hex'),
    }
  }

  parser.on('file', (field, stream, info) => {
    // A part's stream fails when the parser is torn down; that is seen through the parser or the reader below.
    stream.on('error', () => {})
    if (failure) {
      stream.resume()
      return
    }
    const rule = Object.hasOwn(rules, field) ? rules[field] : undefined
    // busboy's own limit (the largest maxBytes + 1) stops the part and would then skip the rest of it without
    // back-pressure, reading on at full speed: fail at once rather than after the reader catches up.
    stream.once('limit', () =>
      fail(
        rule ? new FileTooLargeError(field, rule.maxBytes) : new UploadFormatError('unexpected-file'),
        'soon',
      ),
    )
    const task = receiveFile(field, rule, stream, info.filename)
    task.catch((err: unknown) => fail(err))
    tasks.push(task)
  })
  parser.on('field', (name, value, info) => {
    allFieldBytes += Buffer.byteLength(value)
    if (info.valueTruncated || allFieldBytes > Math.max(maxAllFieldBytes, maxFieldBytes)) {
      fail(new UploadFormatError('field-too-large'), 'soon')
      return
    }
    fields.set(name, value)
  })
  parser.on('partsLimit', () => fail(new UploadFormatError('too-many-parts'), 'soon'))
  // Registered before pipeline's own listeners, so the cause is known before the pipeline tears down.
  parser.on('error', (err) => fail(new UploadFormatError('malformed', { cause: err })))
  const source = unreadOnDestroy(request.body)
  source.on('error', (err) => fail(new UploadFormatError('aborted', { cause: err })))

  try {
    await pipeline(source, parser, { signal: abort.signal })
    const results = await Promise.all(tasks)
    if (failure) throw failure
    return {
      fields: Object.fromEntries(fields),
      files: results.filter((r): r is StoredUpload => r !== null),
    }
  } catch (err) {
    fail(err)
    await Promise.allSettled(tasks)
    await Promise.allSettled(stored.map((key) => storage.delete(key)))
    throw failure ?? err
  }
}

/**
 * A Node stream over a web body. Unlike `Readable.fromWeb`, destroying it stops pulling without cancelling the
 * web stream (see the contract above); the one read in flight, if any, settles when the connection ends.
 */
function unreadOnDestroy(body: ReadableStream<Uint8Array>): Readable {
  const reader = body.getReader()
  return new Readable({
    highWaterMark: bodyChunkBytes,
    read() {
      reader.read().then(
        ({ done, value }) => {
          if (!this.destroyed) this.push(done ? null : value)
        },
        (err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))),
      )
    },
  })
}

function checkOptions(
  rules: Record<string, UploadRule>,
  keyPrefix: string,
  maxFiles: number,
  maxFieldBytes: number,
) {
  const entries = Object.entries(rules)
  if (entries.length === 0) throw new TypeError('receiveUpload needs at least one file rule')
  for (const [name, rule] of entries) {
    assertDetectableTypes(rule.accept)
    if (!Number.isSafeInteger(rule.maxBytes) || rule.maxBytes < 1) {
      throw new TypeError(`maxBytes of "${name}" must be a positive integer`)
    }
  }
  assertStorageKey(keyPrefix)
  if (!Number.isSafeInteger(maxFiles) || maxFiles < 1)
    throw new TypeError('maxFiles must be a positive integer')
  if (!Number.isSafeInteger(maxFieldBytes) || maxFieldBytes < 1) {
    throw new TypeError('maxFieldBytes must be a positive integer')
  }
}

export const fallbackFileName = 'tep-dinh-kem'
const maxNameLength = 200

/**
 * A file name fit to keep as data and to show: NFC (macOS sends decomposed Vietnamese), only the part after the
 * last `/` or `\`, no control, format (bidi overrides) or unpaired surrogate characters, spaces collapsed, no
 * leading dots or trailing dots and spaces, at most 200 characters (the extension kept when cut), and never empty
 * (`tep-dinh-kem`). Vietnamese letters and other printable characters stay as they are.
 */
export function sanitizeFileName(raw: string): string {
  let name = raw.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/gu, '').normalize('NFC')
  name = name.split(/[/\\]/).pop() ?? ''
  name = name
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+/u, '')
    .replace(/[\s.]+$/u, '')
  const chars = [...name]
  if (chars.length > maxNameLength) {
    const ext = /\.[\p{L}\p{N}]{1,10}$/u.exec(name)?.[0] ?? ''
    const extLength = [...ext].length
    name =
      chars
        .slice(0, maxNameLength - extLength)
        .join('')
        .trimEnd() + ext
  }
  return name || fallbackFileName
}

/**
 * The sanitised name with its last extension replaced by the one of the sniffed `mime`: `bien-lai.html` holding
 * a PDF → `bien-lai.pdf`, `scan.exe` → `scan.pdf`, `Ảnh.JPEG` → `Ảnh.jpg`, `to-khai` → `to-khai.pdf`. Used
 * for the stored name and again for every download, so files stored before this rule download safely too.
 */
export function nameForType(raw: string, mime: string): string {
  const name = sanitizeFileName(raw)
  const ext = extensionOf(mime)
  const base = name.replace(/\.[\p{L}\p{N}]{1,10}$/u, '').replace(/[\s.]+$/u, '') || fallbackFileName
  const chars = [...base]
  return `${chars
    .slice(0, maxNameLength - ext.length - 1)
    .join('')
    .trimEnd()}.${ext}`
}
