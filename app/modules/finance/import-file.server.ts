import { parse } from 'csv-parse/sync'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { poolOf } from '../../../db/create-db'
import type { Database } from '../../../db/schema'
import { SettlementFileTooLarge } from './errors'
import { reportFormats, type LineProblem, type ReportFormat, type ReportFormatName } from './report-formats'

/**
 * Uploading a settlement report file (issue 10 §1). Contract:
 * - streamed end to end: the body goes through a byte counter and sha256; its header line is read by `csv-parse`
 *   (column names, any order, a byte-order mark allowed); every following byte goes straight to PostgreSQL's own
 *   CSV reader by `COPY … FROM STDIN (FORMAT csv)` (pg-copy-streams) into a temporary staging table of text
 *   cells, and every row is then checked in SQL, set-based (report-formats.ts). Memory stays bounded whatever the
 *   file's size, and the cost stays close to a plain COPY (the per-row JavaScript parse measured 6× slower);
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
const maxHeaderBytes = 64 * 1024
const uuidPattern = `'^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$'`

const findPrevious = (client: pg.PoolClient, provider: string, sha256: string) =>
  client.query<{ id: string }>(
    `SELECT id FROM settlement_imports WHERE provider = $1 AND content_sha256 = $2 AND status = 'imported'`,
    [provider, sha256],
  )

export async function importSettlementFile(
  db: Kysely<Database>,
  input: ImportFileInput,
): Promise<ImportFileResult> {
  const pool = poolOf(db)
  if (!pool)
    throw new TypeError('importSettlementFile needs a database made by createDb (its pool runs COPY)')
  const format = reportFormats[input.provider]
  const maxBytes = input.maxBytes ?? defaultMaxSettlementBytes
  const hash = createHash('sha256')
  let bytes = 0
  async function* counted() {
    for await (const chunk of input.body as AsyncIterable<Uint8Array | string>) {
      const buffer =
        typeof chunk === 'string'
          ? Buffer.from(chunk)
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
      bytes += buffer.length
      if (bytes > maxBytes) throw new SettlementFileTooLarge(maxBytes)
      hash.update(buffer)
      yield buffer
    }
  }
  const source = counted()
  const problems: LineProblem[] = []
  let errorCount = 0
  const note = (p: LineProblem) => {
    errorCount++
    if (problems.length < maxReported) problems.push(p)
  }

  // The header line, read here; the rest goes to COPY untouched.
  let head = Buffer.alloc(0)
  let rest: Buffer | null = null
  for (;;) {
    const next = await source.next()
    if (next.done) break
    head = Buffer.concat([head, next.value])
    const end = head.indexOf(10)
    if (end >= 0) {
      rest = head.subarray(end + 1)
      head = head.subarray(0, end)
      break
    }
    if (head.length > maxHeaderBytes) break
  }
  let names: string[] = []
  try {
    names = ((parse(head, { bom: true, relax_quotes: false }) as string[][])[0] ?? []).map((n) => n.trim())
  } catch {
    note({ line: 1, column: '', reason: 'finance:import.errors.malformed', values: { code: 'header' } })
  }
  for (const column of format.required) {
    if (!names.includes(column)) {
      note({ line: 1, column, reason: 'finance:import.errors.missingColumn', values: { column } })
    }
  }
  const rejectedEarly = errorCount > 0

  const client = await pool.connect()
  try {
    if (rejectedEarly) {
      // Read (and hash) the rest, so the rejection names the file it was.
      for await (const _ of { [Symbol.asyncIterator]: () => source }) void _
      return await reject(client, input, hash.digest('hex'), 0, errorCount, problems)
    }
    await client.query('BEGIN')
    const staging = names.map((_, i) => `c${i + 1}`)
    await client.query(
      `CREATE TEMP TABLE settlement_staging (line_no bigserial, ${staging.map((c) => `${c} text`).join(', ')})
       ON COMMIT DROP`,
    )
    const copy = client.query(
      copyFrom(`COPY settlement_staging (${staging.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
    )
    async function* body() {
      if (rest?.length) yield rest
      for await (const chunk of { [Symbol.asyncIterator]: () => source }) yield chunk
    }
    try {
      await pipeline(Readable.from(body()), copy)
    } catch (error) {
      if (error instanceof SettlementFileTooLarge) throw error
      const pgError = error as { code?: string; where?: string }
      if (!pgError.code?.startsWith('22')) throw error
      // PostgreSQL's CSV reader refused a row (a quote left open, too many or too few cells, a NUL byte).
      await client.query('ROLLBACK')
      for await (const _ of { [Symbol.asyncIterator]: () => source }) void _
      const line = Number(/line (\d+)/.exec(pgError.where ?? '')?.[1] ?? 0)
      note({
        line: line ? line + 1 : 0,
        column: '',
        reason: 'finance:import.errors.malformed',
        values: { code: pgError.code },
      })
      return await reject(client, input, hash.digest('hex'), 0, errorCount, problems)
    }
    const sha256 = hash.digest('hex')
    const previous = await findPrevious(client, input.provider, sha256)
    if (previous.rows[0]) {
      await client.query('ROLLBACK')
      return { status: 'already_imported', importId: previous.rows[0].id }
    }
    const col = (name: string) => {
      const i = names.indexOf(name)
      return i >= 0 ? `s.c${i + 1}` : 'NULL::text'
    }
    // One pass over the staging table: every cell check and every settlement line expression, each evaluated
    // once per row (the line's expressions only on a good, settled row, so a bad cell never raises).
    const checks = format.checks(col)
    const line = format.line(col)
    const known = [...format.required, ...format.optional].filter((n) => names.includes(n))
    const raw = `jsonb_build_object(${known.map((n) => `'${n.replaceAll("'", "''")}', ${col(n)}`).join(', ')})`
    const when = (e: string) => `CASE WHEN s.ok THEN ${e} END`
    await client.query(
      `CREATE TEMP TABLE settlement_read ON COMMIT DROP AS
       SELECT line_no, bad, ok AS settled, line_id, our_reference,
              CASE WHEN our_reference ~* ${uuidPattern} THEN our_reference::uuid END AS attempt_ref,
              transaction_id, refund_ref, type, gross, fee, settled_at, payout_id, bank_code, raw
         FROM (SELECT s.line_no, s.bad, s.ok, ${when(line.line_id)} AS line_id,
                      ${when(line.our_reference)} AS our_reference, ${when(line.transaction_id)} AS transaction_id,
                      ${when(line.refund_ref)} AS refund_ref, ${when(line.type)} AS type,
                      ${when(line.gross)} AS gross, ${when(line.fee)} AS fee, ${when(line.settled_at)} AS settled_at,
                      ${when(line.payout_id)} AS payout_id, ${when(line.bank_code)} AS bank_code,
                      ${when(raw)} AS raw
                 FROM (SELECT s.*, NOT s.bad AND ${line.settled} AS ok
                         FROM (SELECT s.*, (${checks.map((c) => `coalesce(${c.bad}, true)`).join(' OR ')}) AS bad
                                 FROM settlement_staging s OFFSET 0) AS s OFFSET 0) AS s) AS x`,
    )
    const totals = await client.query<{
      rows: string
      bad: string
      lines: string
      first: Date | null
      last: Date | null
    }>(
      `SELECT count(*) AS rows, count(*) FILTER (WHERE bad) AS bad, count(*) FILTER (WHERE settled) AS lines,
              min(settled_at) AS first, max(settled_at) AS last
         FROM settlement_read`,
    )
    const t = totals.rows[0]
    if (Number(t.bad) > 0) {
      const bad = await explainBadRows(client, checks)
      await client.query('ROLLBACK')
      for (const p of bad.problems) problems.push(p)
      return await reject(client, input, sha256, Number(t.rows), bad.count, problems)
    }
    const lineCount = Number(t.lines)
    const created = await client.query<{ id: string }>(
      `INSERT INTO settlement_imports (provider, source, file_name, content_sha256, period_from, period_to,
                                       line_count, status, imported_by)
       VALUES ($1, 'file', $2, $3, $4, $5, $6, 'imported', $7)
       ON CONFLICT DO NOTHING RETURNING id`,
      [input.provider, input.fileName, sha256, t.first, t.last, lineCount, input.importedBy],
    )
    if (!created.rows[0]) {
      // The same file, imported by someone else meanwhile.
      await client.query('ROLLBACK')
      const other = await findPrevious(client, input.provider, sha256)
      return { status: 'already_imported', importId: other.rows[0].id }
    }
    const importId = created.rows[0].id
    // Once per provider line id: a line known from an earlier file is skipped (taken out of the read rows first,
    // so the insert reads nothing of the table it writes). The plain insert of the new lines costs half the per-row
    // speculative insertion of ON CONFLICT; a line repeated within the file (or written by another import
    // meanwhile) breaks the unique key, and then the insert runs again with ON CONFLICT DO NOTHING.
    await client.query('ANALYZE settlement_read')
    await client.query(
      `DELETE FROM settlement_read r USING settlement_lines o
        WHERE r.settled AND o.provider = $1 AND o.line_id = r.line_id`,
      [input.provider],
    )
    const insertLines = (onConflict: string) =>
      client.query(
        `INSERT INTO settlement_lines (provider, line_id, import_id, our_reference, attempt_ref, transaction_id,
                                       refund_ref, type, gross, fee, net, settled_at, payout_id, bank_code, raw)
         SELECT $1, r.line_id, $2::uuid, r.our_reference, r.attempt_ref, r.transaction_id, r.refund_ref, r.type,
                r.gross, r.fee, r.gross - r.fee, r.settled_at, r.payout_id, r.bank_code, r.raw
           FROM settlement_read r
          WHERE r.settled
         ${onConflict}`,
        [input.provider, importId],
      )
    await client.query('SAVEPOINT settlement_lines_new')
    let inserted
    try {
      inserted = await insertLines('')
      await client.query('RELEASE SAVEPOINT settlement_lines_new')
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error
      await client.query('ROLLBACK TO SAVEPOINT settlement_lines_new')
      inserted = await insertLines('ON CONFLICT (provider, line_id) DO NOTHING')
    }
    const newLines = inserted.rowCount ?? 0
    await client.query(`UPDATE settlement_imports SET new_lines = $2 WHERE id = $1`, [importId, newLines])
    // Fresh statistics of the columns the matching filters and joins on, so it plans for the real number of lines.
    await client.query('ANALYZE settlement_lines (provider, type, settled_at, attempt_ref, transaction_id)')
    await client.query('COMMIT')
    return {
      status: 'imported',
      importId,
      lineCount,
      newLines,
      duplicateLines: lineCount - newLines,
      skippedRows: Number(t.rows) - lineCount,
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** The bad rows found by the one pass, explained: every failed check of each, the first `maxReported` kept. */
async function explainBadRows(client: pg.PoolClient, checks: ReturnType<ReportFormat['checks']>) {
  await client.query(
    `CREATE TEMP TABLE settlement_bad ON COMMIT DROP AS
     SELECT s.* FROM settlement_staging s WHERE s.line_no IN (SELECT line_no FROM settlement_read WHERE bad)`,
  )
  const found = await client.query<{
    line: string
    col: string
    reason: string
    vals: Record<string, string | number> | null
    total: string
  }>(
    `SELECT line_no + 1 AS line, col, reason, vals, count(*) OVER () AS total FROM (
       ${checks
         .map(
           (
             c,
             i,
           ) => `SELECT s.line_no, ${i} AS ord, '${c.column.replaceAll("'", "''")}' AS col, ${c.reason} AS reason,
                             ${c.values ?? 'NULL::jsonb'} AS vals
                        FROM settlement_bad s WHERE coalesce(${c.bad}, true)`,
         )
         .join('\n UNION ALL ')}
     ) AS e ORDER BY line_no, ord LIMIT ${maxReported}`,
  )
  return {
    count: Number(found.rows[0]?.total ?? 0),
    problems: found.rows.map((r) => {
      const p: LineProblem = { line: Number(r.line), column: r.col, reason: r.reason }
      if (r.vals) p.values = r.vals
      return p
    }),
  }
}

/** A refused file is kept, with its report (a corrected file has another hash and may be sent again). */
async function reject(
  client: pg.PoolClient,
  input: ImportFileInput,
  sha256: string,
  lineCount: number,
  errorCount: number,
  problems: LineProblem[],
): Promise<ImportFileResult> {
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
