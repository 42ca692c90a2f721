import busboy from 'busboy'
import { Readable } from 'node:stream'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { SettlementFileTooLarge, SettlementUploadInvalid } from './errors'
import { defaultMaxSettlementBytes, importSettlementFile, type ImportFileResult } from './import-file.server'

/**
 * The /finance/reconciliation upload, so the route stays thin: a multipart form with a `provider` field
 * (stripe | vnpay) sent BEFORE the `report` file part, streamed straight into importSettlementFile (never held
 * whole in memory, never written to disk). Contract: returns the import's result; throws
 * SettlementFileTooLarge past `maxBytes` (→ 413; the route must answer with `Connection: close` because the rest
 * of the body is left unread) and SettlementUploadInvalid for a body that is not such a form (→ 422).
 */
export async function receiveSettlementUpload(
  db: Kysely<Database>,
  request: Request,
  options: { importedBy: string; maxBytes?: number },
): Promise<ImportFileResult> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) {
    throw new SettlementUploadInvalid('malformed')
  }
  const maxBytes = options.maxBytes ?? defaultMaxSettlementBytes
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > maxBytes + 64 * 1024) throw new SettlementFileTooLarge(maxBytes)
  const parser = busboy({
    headers: { 'content-type': contentType },
    limits: { files: 1, fields: 5, fieldSize: 1000, fileSize: maxBytes + 1, parts: 10 },
  })
  return new Promise<ImportFileResult>((resolve, reject) => {
    let provider: string | null = null
    let started = false
    const fail = (error: Error) => reject(error)
    parser.on('field', (name, value) => {
      if (name === 'provider') provider = value
    })
    parser.on('file', (name, file, info) => {
      if (name !== 'report' || started || (provider !== 'stripe' && provider !== 'vnpay')) {
        file.resume()
        if (!started) fail(new SettlementUploadInvalid(name !== 'report' ? 'no-file' : 'format'))
        return
      }
      started = true
      importSettlementFile(db, {
        provider,
        fileName: (info.filename || 'report.csv').slice(0, 255),
        body: file,
        importedBy: options.importedBy,
        maxBytes,
      }).then(resolve, fail)
    })
    parser.on('error', () => fail(new SettlementUploadInvalid('malformed')))
    parser.on('close', () => {
      if (!started) fail(new SettlementUploadInvalid('no-file'))
    })
    Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>).pipe(parser)
  })
}
