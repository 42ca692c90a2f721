import { derive, type Figures } from './figures'
import type { AgencyFigures } from './stats.server'

/** The CSV's column headings, translated by the caller, in this order. */
export const csvColumns = [
  'month',
  'agencyCode',
  'agency',
  'procedureCode',
  'procedure',
  'received',
  'completed',
  'onTime',
  'onTimeRate',
  'early',
  'late',
  'online',
  'onlineShare',
  'supplementRounds',
  'supplementDossiers',
  'avgDays',
  'rated',
  'avgRating',
] as const
export type CsvColumn = (typeof csvColumns)[number]

const cell = (value: string | number | null) => {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function figureCells(f: Figures) {
  const d = derive(f)
  return [
    f.received,
    f.completed,
    f.onTime,
    d.onTimeRate,
    f.early,
    f.late,
    f.online,
    d.onlineShare,
    f.supplementRounds,
    f.supplement,
    d.avgDays,
    f.rated,
    d.avgRating,
  ]
}

/**
 * The dashboard as CSV: a row per agency and procedure, then the agency's total (procedure code empty, the
 * procedure column says `totalLabel`). Same figures as the page (rates in percent and averages to one decimal,
 * with a dot). UTF-8 with a byte-order mark and CRLF lines, so Excel opens Vietnamese text correctly.
 */
export function dashboardCsv(
  stats: AgencyFigures[],
  month: string,
  lng: 'vi' | 'en',
  headings: Record<CsvColumn, string>,
  totalLabel: string,
): string {
  const lines = [csvColumns.map((c) => cell(headings[c])).join(',')]
  for (const a of stats) {
    const agency = lng === 'en' ? a.name_en : a.name_vi
    for (const p of a.procedures)
      lines.push(
        [month, a.code, agency, p.code, lng === 'en' ? p.name_en : p.name_vi, ...figureCells(p.figures)]
          .map(cell)
          .join(','),
      )
    lines.push([month, a.code, agency, '', totalLabel, ...figureCells(a.total)].map(cell).join(','))
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
