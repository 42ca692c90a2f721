import { parse, CsvError } from 'csv-parse'
import { createHash } from 'node:crypto'
import { Transform, Writable, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { poolOf } from '../../../db/create-db'
import type { Database } from '../../../db/schema'
import { SettlementFileTooLarge } from './errors'
import { reportFormats, type LineProblem, type NormalisedLine, type ReportFormatName } from './report-formats'

/**
 * Uploading a settlement report file (issue 10 §1). Contract:
 * - streamed end to end: the body goes through a byte counter and sha256, `csv-parse`, a per-row check
 *   (report-formats.ts), and `COPY … FROM STDIN` (pg-copy-streams) into a temporary staging table; memory stays
 *   bounded whatever the file's size;
 * - all or nothing: any bad row (or a missing column, or a broken CSV) → nothing imported, status `rejected` with
 *   the first `maxReported` problems (line, column, reason key, values), and the rejection is kept with its report;
 * - idempotent: a file whose content hash was imported before → `already_imported`, nothing changes; lines already
 *   known by their provider line id (an overlapping file) are skipped, counted in `duplicateLines`;
 * - more than `maxBytes` bytes → throws SettlementFileTooLarge (the route answers 413) and keeps nothing.
 * Other failures (the database) are thrown after rolling back.
 */

export interface ImportFileInput {
  provider: ReportFormatName
  fileName: string
  body: Readable | AsyncIterable<Uint8Array>
  importedBy: string | null
  /** default 200 MB */
  maxBytes?: number
}

export type ImportFileResult =
  | {
      status: 'imported'
      importId: string
      /** rows that are settlement lines */
      lineCount: number
      newLines: number
      duplicateLines: number
      /** rows listed but not settled (VNPay rows in another status than 00) */
      skippedRows: number
    }
  | { status: 'already_imported'; importId: string }
  | { status: 'rejected'; importId: string; errorCount: number; errors: LineProblem[] }

export const defaultMaxSettlementBytes = 200 * 1024 * 1024
const maxReported = 200

const stagingColumns = [
  'line_no',
  'line_id',
  'our_reference',
  'transaction_id',
  'refund_ref',
  'type',
  'gross',
  'fee',
  'net',
  'settled_at',
  'payout_id',
  'bank_code',
  'raw',
] as const

function csvCell(value: string | number | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) || text === '' ? `"${text.replaceAll('"', '""')}"` : text
}

function stagingRow(lineNo: number, line: NormalisedLine, raw: Record<string, string>): string {
  return (
    [
      lineNo,
      line.line_id,
      line.our_reference,
      line.transaction_id,
      line.refund_ref,
      line.type,
      line.gross,
      line.fee,
      line.net,
      line.settled_at,
      line.payout_id,
      line.bank_code,
      JSON.stringify(raw),
    ]
      .map(csvCell)
      .join(',') + '\n'
  )
}

export async function importSettlementFile(
  db: Kysely<Database>,
  input: ImportFileInput,
): Promise<ImportFileResult> {
  const pool = poolOf(db)
  if (!pool)
    throw new TypeError('importSettlementFile needs a database made by createDb (its pool runs COPY)')
  const format = reportFormats[input.provider]
  const maxBytes = input.maxBytes ?? defaultMaxSettlementBytes
  const client = await pool.connect()
  let released = false
  const release = (error?: Error) => {
    if (!released) client.release(error)
    released = true
  }
  try {
    await client.query('BEGIN')
    await client.query(`CREATE TEMP TABLE settlement_staging (
        line_no integer NOT NULL, line_id text NOT NULL, our_reference text, transaction_id text, refund_ref text,
        type text NOT NULL, gross bigint NOT NULL, fee bigint NOT NULL, net bigint NOT NULL,
        settled_at timestamptz NOT NULL, payout_id text, bank_code text, raw jsonb NOT NULL) ON COMMIT DROP`)

    const hash = createHash('sha256')
    let bytes = 0
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length
        if (bytes > maxBytes) return done(new SettlementFileTooLarge(maxBytes))
        hash.update(chunk)
        done(null, chunk)
      },
    })
    const problems: LineProblem[] = []
    let errorCount = 0
    let lineCount = 0
    let skippedRows = 0
    const note = (p: LineProblem) => {
      errorCount++
      if (problems.length < maxReported) problems.push(p)
    }
    const columns = [...format.required, ...format.optional]
    let headerBad = false
    const parser = parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim())
        for (const column of format.required) {
          if (!names.includes(column)) {
            headerBad = true
            note({ line: 1, column, reason: 'finance:import.errors.missingColumn', values: { column } })
          }
        }
        // unknown columns are kept in `raw` but never read
        return names
      },
    })
    const toStaging = new Transform({
      writableObjectMode: true,
      transform(entry: { record: Record<string, string>; info: { lines: number } }, _encoding, done) {
        // A file without its columns is refused on its header alone.
        if (headerBad) return done()
        const checked = format.check(entry.record, entry.info.lines)
        if (checked.ok === 'skip') {
          skippedRows++
          return done()
        }
        if (checked.ok === false) {
          for (const p of checked.problems) note(p)
          return done()
        }
        lineCount++
        // Once the file is known bad nothing more goes to the database; the rest is only checked.
        if (errorCount > 0) return done()
        const raw: Record<string, string> = {}
        for (const c of columns) if (entry.record[c] !== undefined) raw[c] = entry.record[c]
        done(null, stagingRow(entry.info.lines, checked.line, raw))
      },
    })
    const copy = client.query(
      copyFrom(`COPY settlement_staging (${stagingColumns.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
    )
    try {
      await pipeline(input.body, limiter, parser, toStaging, copy as unknown as Writable)
    } catch (error) {
      if (error instanceof CsvError) {
        note({
          line: (error as CsvError & { lines?: number }).lines ?? 0,
          column: '',
          reason: 'finance:import.errors.malformed',
          values: { code: error.code },
        })
      } else {
        throw error
      }
    }
    const sha256 = hash.digest('hex')

    const previous = await client.query<{ id: string }>(
      `SELECT id FROM settlement_imports WHERE provider = $1 AND content_sha256 = $2 AND status = 'imported'`,
      [input.provider, sha256],
    )
    if (previous.rows[0]) {
      await client.query('ROLLBACK')
      return { status: 'already_imported', importId: previous.rows[0].id }
    }
    if (errorCount > 0) {
      await client.query('ROLLBACK')
      const kept = await client.query<{ id: string }>(
        `INSERT INTO settlement_imports (provider, source, file_name, content_sha256, line_count, status,
                                         error_report, imported_by)
         VALUES ($1, 'file', $2, $3, $4, 'rejected', $5, $6) RETURNING id`,
        [
          input.provider,
          input.fileName,
          sha256,
          lineCount,
          JSON.stringify({ errorCount, errors: problems }),
          input.importedBy,
        ],
      )
      return { status: 'rejected', importId: kept.rows[0].id, errorCount, errors: problems }
    }
    const created = await client.query<{ id: string }>(
      `INSERT INTO settlement_imports (provider, source, file_name, content_sha256, period_from, period_to,
                                       line_count, status, imported_by)
       SELECT $1, 'file', $2, $3, min(settled_at), max(settled_at), count(*), 'imported', $4 FROM settlement_staging
       ON CONFLICT DO NOTHING RETURNING id`,
      [input.provider, input.fileName, sha256, input.importedBy],
    )
    if (!created.rows[0]) {
      // The same file, imported by someone else meanwhile.
      await client.query('ROLLBACK')
      const other = await client.query<{ id: string }>(
        `SELECT id FROM settlement_imports WHERE provider = $1 AND content_sha256 = $2 AND status = 'imported'`,
        [input.provider, sha256],
      )
      return { status: 'already_imported', importId: other.rows[0].id }
    }
    const importId = created.rows[0].id
    const inserted = await insertFromStaging(client, input.provider, importId)
    await client.query(`UPDATE settlement_imports SET new_lines = $2 WHERE id = $1`, [importId, inserted])
    await client.query('COMMIT')
    return {
      status: 'imported',
      importId,
      lineCount,
      newLines: inserted,
      duplicateLines: lineCount - inserted,
      skippedRows,
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    release()
  }
}

/**
 * Staging → settlement lines, once per provider line id (a line repeated inside the file counts once; one known
 * from an earlier file is skipped). Our reference becomes an attempt id where it is one (VNPay's TxnRef is the
 * attempt id without dashes, which PostgreSQL reads as a uuid). Returns the number of new lines.
 */
async function insertFromStaging(client: pg.PoolClient, provider: string, importId: string): Promise<number> {
  const result = await client.query(
    `INSERT INTO settlement_lines (provider, line_id, import_id, our_reference, attempt_ref, transaction_id,
                                   refund_ref, type, gross, fee, net, settled_at, payout_id, bank_code, raw)
     SELECT DISTINCT ON (line_id) $1, line_id, $2::uuid, our_reference,
            CASE WHEN our_reference ~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$'
                 THEN our_reference::uuid END,
            transaction_id, refund_ref, type, gross, fee, net, settled_at, payout_id, bank_code, raw
       FROM settlement_staging
      ORDER BY line_id, line_no
     ON CONFLICT (provider, line_id) DO NOTHING`,
    [provider, importId],
  )
  return result.rowCount ?? 0
}
