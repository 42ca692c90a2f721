import type { LoaderFunctionArgs } from '@remix-run/node'
import { getT } from '../i18n/i18next.server'
import { toCsv, type ExportColumn } from '../utils/csv'
import { ledgerExportRows, type LedgerExportRow } from '../modules/finance/export-rows.server'
import { toXlsx } from '../modules/finance/export-xlsx.server'
import { financeAgencies, isDay } from '../modules/finance/pages.server'
import { requireArea } from '../utils/auth.server'
import { badRequest, notFound, rethrowAsHttp } from '../utils/http-errors.server'

/** At most a year per export (a range is one query and one file in memory). */
const maxDays = 366

/**
 * The accounts' export of one agency for a day or a range (?agency&from&to&format=csv|xlsx): every receipt and
 * refund with its ledger code, as a download (CSV: UTF-8 with BOM, formula-safe; XLSX by exceljs).
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'finance')
  const q = new URL(args.request.url).searchParams
  const from = q.get('from')
  const to = q.get('to') ?? from
  const format = q.get('format') ?? 'csv'
  if (!isDay(from) || !isDay(to) || to < from || (format !== 'csv' && format !== 'xlsx')) throw badRequest()
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= maxDays) throw badRequest('range too long')
  const agencies = await financeAgencies(args.context.db, user)
  const code = q.get('agency')
  const agency = code ? agencies.find((a) => a.code === code) : agencies[0]
  if (!agency) throw notFound()
  const [{ t }, rows] = await Promise.all([
    getT(args.request, 'finance'),
    ledgerExportRows(args.context.db, user, { agencyId: agency.id, fromDay: from, toDay: to }).catch(
      rethrowAsHttp,
    ),
  ])
  const h = (key: string) => t(`pages.export.column.${key}`)
  const columns: ExportColumn<LedgerExportRow>[] = [
    { header: h('businessDay'), value: (r) => r.businessDay },
    { header: h('at'), value: (r) => r.at.toISOString() },
    { header: h('kind'), value: (r) => t(`pages.export.kind.${r.kind}`) },
    { header: h('ledgerCode'), value: (r) => r.ledgerCode },
    { header: h('procedure'), value: (r) => r.procedureCode },
    { header: h('feeKind'), value: (r) => t(`pages.feeKind.${r.feeKind}`, { defaultValue: r.feeKind }) },
    { header: h('dossier'), value: (r) => r.dossierCode },
    { header: h('receipt'), value: (r) => r.receiptNumber },
    { header: h('payer'), value: (r) => r.payerName },
    { header: h('method'), value: (r) => t(`providers.${r.method}`, { defaultValue: r.method }) },
    { header: h('amount'), value: (r) => r.amount },
    { header: h('gatewayFee'), value: (r) => r.gatewayFee },
    { header: h('transaction'), value: (r) => r.transactionId },
    { header: h('settlementLine'), value: (r) => r.settlementLineId },
  ]
  const name = `finance-${agency.code}-${from}${to === from ? '' : `_${to}`}.${format}`
  const headers = {
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  }
  if (format === 'csv')
    return new Response(toCsv(rows, columns), {
      headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' },
    })
  const body = await toXlsx(rows, columns, `${agency.code} ${from}`)
  return new Response(new Uint8Array(body), {
    headers: {
      ...headers,
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  })
}
