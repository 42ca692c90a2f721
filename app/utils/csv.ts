/**
 * CSV for every export (the accounts' exports, the tracking book): UTF-8 with a byte-order mark (Excel then
 * reads Vietnamese correctly), CRLF line ends, every cell quoted when needed, and every text cell that a
 * spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) prefixed with a single
 * quote (OWASP "CSV injection"). Numbers stay numbers.
 */

export interface ExportColumn<Row> {
  /** the header, already translated by the caller */
  header: string
  value: (row: Row) => string | number | null
}

const formulaStart = /^[=+\-@\t\r]/

/** A cell made safe for spreadsheets: text starting like a formula gets a leading quote. */
export function safeCell(value: string | number | null): string | number {
  if (value === null) return ''
  if (typeof value === 'number') return value
  return formulaStart.test(value) ? `'${value}` : value
}

function csvField(value: string | number): string {
  const text = String(value)
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv<Row>(rows: readonly Row[], columns: readonly ExportColumn<Row>[]): string {
  const lines = [columns.map((c) => csvField(safeCell(c.header))).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvField(safeCell(c.value(row)))).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
