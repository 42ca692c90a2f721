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
import {
  fastAttemptRefSql,
  reportFormats,
  type FastSql,
  type LineProblem,
  type ReportFormat,
  type ReportFormatName,
} from './report-formats'

/**
 * Uploading a settlement report file (issue 10 §1). Contract:
 * - streamed end to end: the body goes through a byte counter and sha256; its header line is read by `csv-parse`
 *   (column names, any order, a byte-order mark allowed); every following byte goes straight to PostgreSQL's own
 *   CSV reader by `COPY … FROM STDIN (FORMAT csv)` (pg-copy-streams) into a temporary staging table of text
 *   cells. Memory stays bounded whatever the file's size;
 * - then the fast path (importFast): one INSERT … SELECT reads every staging row with the format's cheap tests and
 *   casts (no regular expression, no per-cell function) and writes the lines; anything it cannot vouch for (class
 *   22, raised by a cast or finance_checked_path()) rolls it back to a savepoint and the checked path decides:
 *   every row checked in SQL, set-based (report-formats.ts), with the per-line report. A file COPY itself refuses
 *   (a quote left open, a wrong number of cells) is reported at its line straight away;
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
  /** skip the fast path (tests compare the two paths) */
  checkedPath?: boolean
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
      /** how the rows were read: `fast` (cheap tests and casts) or `checked` (every check, see report-formats) */
      path: 'fast' | 'checked'
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
    const copied = copy as unknown as { rowCount: number | null }
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
    const cells = `ARRAY[${staging.map((c) => `s.${c}`).join(', ')}]`
    const rows = copied.rowCount ?? 0
    if (format.fast && !input.checkedPath) {
      const cell = (name: string) => {
        const i = names.indexOf(name)
        return i >= 0 ? `t${i + 1}` : `''`
      }
      const fastSql = format.fast(cell)
      const fast = await importFast(client, input, fastSql, { sha256, names, staging, rows })
      if (fast) return fast
    }
    // One pass over the staging table: every cell check and every settlement line expression, each evaluated
    // once per row (the line's expressions only on a good, settled row, so a bad cell never raises).
    const checks = format.checks(col)
    const line = format.line(col)
    const when = (e: string) => `CASE WHEN s.ok THEN ${e} END`
    await client.query(
      `CREATE TEMP TABLE settlement_read ON COMMIT DROP AS
       SELECT line_no, bad, ok AS settled, line_id, our_reference,
              CASE WHEN our_reference ~* ${uuidPattern} THEN our_reference::uuid END AS attempt_ref,
              transaction_id, refund_ref, type, gross, fee, settled_at, payout_id, bank_code, cells
         FROM (SELECT s.line_no, s.bad, s.ok, ${when(line.line_id)} AS line_id,
                      ${when(line.our_reference)} AS our_reference, ${when(line.transaction_id)} AS transaction_id,
                      ${when(line.refund_ref)} AS refund_ref, ${when(line.type)} AS type,
                      ${when(line.gross)} AS gross, ${when(line.fee)} AS fee, ${when(line.settled_at)} AS settled_at,
                      ${when(line.payout_id)} AS payout_id, ${when(line.bank_code)} AS bank_code,
                      ${when(cells)} AS cells
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
                                       line_count, status, imported_by,
                                       columns)
       VALUES ($1, 'file', $2, $3, $4, $5, $6, 'imported', $7, $8)
       ON CONFLICT DO NOTHING RETURNING id`,
      [input.provider, input.fileName, sha256, t.first, t.last, lineCount, input.importedBy, names],
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
                                       refund_ref, type, gross, fee, net, settled_at, payout_id, bank_code, cells)
         SELECT $1, r.line_id, $2::uuid, r.our_reference, r.attempt_ref, r.transaction_id, r.refund_ref, r.type,
                r.gross, r.fee, r.gross - r.fee, r.settled_at, r.payout_id, r.bank_code, r.cells
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
      path: 'checked',
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

interface FastContext {
  sha256: string
  names: string[]
  /** the staging table's cell columns */
  staging: string[]
  /** rows COPY read */
  rows: number
}

/**
 * The fast path (a good file, the usual case): one statement reads every staging row with the format's cheap
 * tests and casts and inserts its settlement lines, its own period and count coming back from the insert. No
 * regular expression, no intermediate table, no ANALYZE of the staging rows (each measured seconds at
 * 1,000,000 lines). The unique key on (provider, line_id) dedupes: when a line is already known (an overlapping
 * file) the insert is run again with ON CONFLICT DO NOTHING, which only that case pays for. Returns null — the
 * transaction back as it was before — when a row is one the fast tests cannot vouch for (class 22, raised by a
 * cast or finance_checked_path()), so the checked path decides and reports.
 */
async function importFast(
  client: pg.PoolClient,
  input: ImportFileInput,
  fast: FastSql,
  ctx: FastContext,
): Promise<ImportFileResult | null> {
  const l = fast.line
  // No JIT (a million rows' estimated cost passes its thresholds; compiling costs more than it saves here).
  await client.query('SET LOCAL jit = off')
  await client.query('SAVEPOINT settlement_fast')
  try {
    const created = await client.query<{ id: string }>(
      `INSERT INTO settlement_imports (provider, source, file_name, content_sha256, line_count, status,
                                       imported_by, columns)
       VALUES ($1, 'file', $2, $3, 0, 'imported', $4, $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [input.provider, input.fileName, ctx.sha256, input.importedBy, ctx.names],
    )
    if (!created.rows[0]) {
      // The same file, imported by someone else meanwhile.
      await client.query('ROLLBACK')
      const other = await findPrevious(client, input.provider, ctx.sha256)
      return { status: 'already_imported', importId: other.rows[0].id }
    }
    const importId = created.rows[0].id
    // Three levels, each computed once per row (PostgreSQL does not share a repeated expression): the cells
    // trimmed; the guard and the derived values (the instant, the type) for every row, settled or not, as the
    // checks would; the line itself only for the settled rows inserted.
    const trimmed = ctx.staging.map((c, i) => `coalesce(btrim(s.${c}), '') AS t${i + 1}`).join(', ')
    const derived = Object.entries(fast.derived)
      .map(([name, e]) => `${e} AS ${name}`)
      .join(', ')
    const read = `SELECT t.*, CASE WHEN ${fast.guard} THEN true ELSE finance_checked_path() END AS ok,
                         ${l.settled} AS settled, ${derived}
                    FROM (SELECT s.*, ${trimmed} FROM settlement_staging s OFFSET 0) AS t OFFSET 0`
    const cells = `ARRAY[${ctx.staging.map((c) => `d.${c}`).join(', ')}]`
    const insert = (onConflict: string) => `
      WITH ins AS (
        INSERT INTO settlement_lines (provider, line_id, import_id, our_reference, attempt_ref, transaction_id,
                                      refund_ref, type, gross, fee, net, settled_at, payout_id, bank_code, cells)
        SELECT $1, ${l.line_id}, $2::uuid, ${l.our_reference}, ${fastAttemptRefSql(l.our_reference)},
               ${l.transaction_id}, ${l.refund_ref}, ${l.type}, ${l.gross}, ${l.fee}, ${l.gross} - ${l.fee},
               ${l.settled_at}, ${l.payout_id}, ${l.bank_code}, ${cells}
          FROM (${read}) AS d
         WHERE d.ok AND d.settled
        ${onConflict}
        RETURNING settled_at)
      SELECT count(*) AS n, min(settled_at) AS first, max(settled_at) AS last FROM ins`
    type Totals = { n: string; first: Date | null; last: Date | null }
    await client.query('SAVEPOINT settlement_lines_new')
    let inserted: Totals
    let settled: Totals
    try {
      inserted = (await client.query<Totals>(insert(''), [input.provider, importId])).rows[0]
      settled = inserted
      await client.query('RELEASE SAVEPOINT settlement_lines_new')
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error
      await client.query('ROLLBACK TO SAVEPOINT settlement_lines_new')
      inserted = (
        await client.query<Totals>(insert('ON CONFLICT (provider, line_id) DO NOTHING'), [
          input.provider,
          importId,
        ])
      ).rows[0]
      settled = (
        await client.query<Totals>(
          `SELECT count(*) AS n, min(${l.settled_at}) AS first, max(${l.settled_at}) AS last FROM (${read}) AS d
            WHERE d.ok AND d.settled`,
        )
      ).rows[0]
    }
    const lineCount = Number(settled.n)
    const newLines = Number(inserted.n)
    await client.query(
      `UPDATE settlement_imports SET line_count = $2, new_lines = $3, period_from = $4, period_to = $5
        WHERE id = $1`,
      [importId, lineCount, newLines, settled.first, settled.last],
    )
    // Fresh statistics of the columns the matching filters and joins on, so it plans for the real number of lines.
    await client.query('ANALYZE settlement_lines (provider, type, settled_at, attempt_ref, transaction_id)')
    await client.query('COMMIT')
    return {
      status: 'imported',
      importId,
      lineCount,
      newLines,
      duplicateLines: lineCount - newLines,
      skippedRows: ctx.rows - lineCount,
      path: 'fast',
    }
  } catch (error) {
    if (!(error as { code?: string }).code?.startsWith('22')) throw error
    await client.query('ROLLBACK TO SAVEPOINT settlement_fast')
    return null
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
