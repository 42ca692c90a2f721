import type { SettlementLineType, SettlementProvider } from '../../../db/schema'

/**
 * The two settlement report files finance uploads (reference: signatures-and-identity "Finance files"):
 * - `stripe`: Stripe's itemised payout reconciliation report (balance_transaction_id, created_utc, currency, gross,
 *   fee, net, reporting_category, … — amounts of a zero-decimal currency in đồng);
 * - `vnpay`: VNPay's merchant transaction report (TxnRef, TransactionNo, Amount, BankCode, PayDate, TransactionType,
 *   TransactionStatus — Amount in đồng, PayDate `yyyyMMddHHmmss` in GMT+7). VNPay has no settlement API.
 * Each row is checked here, one at a time while the file streams, into a normalised line or a list of problems.
 */

/** A problem with one cell, shown translated: `reason` is a key in locales/<lng>/finance.json. */
export interface LineProblem {
  /** the line of the file (the header is line 1) */
  line: number
  column: string
  reason: string
  values?: Record<string, string | number>
}

export interface NormalisedLine {
  line_id: string
  our_reference: string | null
  transaction_id: string | null
  refund_ref: string | null
  type: SettlementLineType
  gross: number
  fee: number
  net: number
  settled_at: string
  payout_id: string | null
  bank_code: string | null
}

export type RowResult =
  { ok: true; line: NormalisedLine } | { ok: false; problems: LineProblem[] } | { ok: 'skip' }

export interface ReportFormat {
  provider: SettlementProvider
  required: readonly string[]
  optional: readonly string[]
  check(row: Record<string, string>, line: number): RowResult
}

const reasons = {
  required: 'finance:import.errors.required',
  integer: 'finance:import.errors.integer',
  positive: 'finance:import.errors.positive',
  date: 'finance:import.errors.date',
  currency: 'finance:import.errors.currency',
  net: 'finance:import.errors.net',
  choice: 'finance:import.errors.choice',
  tooLong: 'finance:import.errors.tooLong',
} as const

const integerPattern = /^-?\d{1,15}$/

function integerCell(
  row: Record<string, string>,
  column: string,
  line: number,
  problems: LineProblem[],
): number {
  const text = (row[column] ?? '').trim().replace(/\.0+$/, '')
  if (text === '') {
    problems.push({ line, column, reason: reasons.required })
    return 0
  }
  if (!integerPattern.test(text)) {
    problems.push({ line, column, reason: reasons.integer, values: { value: text.slice(0, 40) } })
    return 0
  }
  return Number(text)
}

function textCell(
  row: Record<string, string>,
  column: string,
  line: number,
  problems: LineProblem[],
  options: { required?: boolean; max?: number } = {},
): string | null {
  const text = (row[column] ?? '').trim()
  if (text === '') {
    if (options.required) problems.push({ line, column, reason: reasons.required })
    return null
  }
  if (text.length > (options.max ?? 255)) {
    problems.push({ line, column, reason: reasons.tooLong, values: { max: options.max ?? 255 } })
    return null
  }
  return text
}

const stripeDate = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/

function validInstant(iso: string): boolean {
  const ms = Date.parse(iso)
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === iso.slice(0, 19)
}

const stripeCategories: Record<string, SettlementLineType> = {
  charge: 'payment',
  payment: 'payment',
  refund: 'refund',
  refund_failure: 'refund',
  fee: 'fee',
  stripe_fee: 'fee',
  payout: 'payout',
  payout_reversal: 'payout',
  adjustment: 'adjustment',
  dispute: 'adjustment',
  dispute_reversal: 'adjustment',
  other_adjustment: 'adjustment',
}

export const stripeReport: ReportFormat = {
  provider: 'stripe',
  required: [
    'balance_transaction_id',
    'created_utc',
    'currency',
    'gross',
    'fee',
    'net',
    'reporting_category',
  ],
  optional: [
    'available_on_utc',
    'source_id',
    'description',
    'automatic_payout_id',
    'payment_intent_id',
    'charge_id',
    'refund_id',
    'customer_facing_amount',
    'payment_metadata[attempt_id]',
  ],
  check(row, line) {
    const problems: LineProblem[] = []
    const id = textCell(row, 'balance_transaction_id', line, problems, { required: true, max: 255 })
    const created = (row.created_utc ?? '').trim()
    const m = stripeDate.exec(created)
    const iso = m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : ''
    if (!m || !validInstant(iso)) {
      problems.push({ line, column: 'created_utc', reason: created ? reasons.date : reasons.required })
    }
    const currency = (row.currency ?? '').trim().toLowerCase()
    if (currency !== 'vnd') {
      problems.push({
        line,
        column: 'currency',
        reason: reasons.currency,
        values: { value: currency.slice(0, 10) },
      })
    }
    const gross = integerCell(row, 'gross', line, problems)
    const fee = integerCell(row, 'fee', line, problems)
    const net = integerCell(row, 'net', line, problems)
    if (problems.length === 0 && net !== gross - fee) {
      problems.push({ line, column: 'net', reason: reasons.net, values: { gross, fee, net } })
    }
    const category = (row.reporting_category ?? '').trim()
    const type = stripeCategories[category]
    if (!type) {
      problems.push({
        line,
        column: 'reporting_category',
        reason: category ? reasons.choice : reasons.required,
        values: { value: category.slice(0, 40) },
      })
    }
    const reference = textCell(row, 'payment_metadata[attempt_id]', line, problems, { max: 100 })
    const intent = textCell(row, 'payment_intent_id', line, problems)
    const charge = textCell(row, 'charge_id', line, problems)
    const refund = textCell(row, 'refund_id', line, problems)
    const payout = textCell(row, 'automatic_payout_id', line, problems)
    if (problems.length) return { ok: false, problems }
    return {
      ok: true,
      line: {
        line_id: id!,
        our_reference: reference,
        transaction_id: intent ?? charge,
        refund_ref: refund ?? (type === 'refund' ? textCell(row, 'source_id', line, []) : null),
        type: type!,
        gross,
        fee,
        net,
        settled_at: iso,
        payout_id: payout,
        bank_code: null,
      },
    }
  },
}

const vnpayTypes: Record<string, 'payment' | 'refund'> = {
  '01': 'payment',
  '02': 'refund',
  '03': 'refund',
  payment: 'payment',
  refund: 'refund',
}
const vnpayDate = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/

export const vnpayReport: ReportFormat = {
  provider: 'vnpay',
  required: ['TxnRef', 'TransactionNo', 'Amount', 'PayDate', 'TransactionType', 'TransactionStatus'],
  optional: ['BankCode', 'Fee', 'OrderInfo'],
  check(row, line) {
    const problems: LineProblem[] = []
    const ref = textCell(row, 'TxnRef', line, problems, { required: true, max: 100 })
    const no = (row.TransactionNo ?? '').trim()
    if (!/^\d{1,20}$/.test(no)) {
      problems.push({ line, column: 'TransactionNo', reason: no ? reasons.integer : reasons.required })
    }
    const amount = integerCell(row, 'Amount', line, problems)
    if (amount <= 0 && !problems.some((p) => p.column === 'Amount')) {
      problems.push({ line, column: 'Amount', reason: reasons.positive })
    }
    const fee = (row.Fee ?? '').trim() === '' ? 0 : integerCell(row, 'Fee', line, problems)
    const paid = (row.PayDate ?? '').trim()
    const m = vnpayDate.exec(paid)
    // GMT+7, no daylight saving
    const iso = m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00` : ''
    const instant = m ? new Date(iso) : null
    const local = m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : ''
    if (
      !instant ||
      !Number.isFinite(instant.getTime()) ||
      new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 19) !== local
    ) {
      problems.push({ line, column: 'PayDate', reason: paid ? reasons.date : reasons.required })
    }
    const typeText = (row.TransactionType ?? '').trim().toLowerCase()
    const type = vnpayTypes[typeText]
    if (!type) {
      problems.push({
        line,
        column: 'TransactionType',
        reason: typeText ? reasons.choice : reasons.required,
        values: { value: typeText.slice(0, 20) },
      })
    }
    const status = (row.TransactionStatus ?? '').trim()
    if (!/^\d{2}$/.test(status)) {
      problems.push({
        line,
        column: 'TransactionStatus',
        reason: status ? reasons.choice : reasons.required,
        values: { value: status.slice(0, 10) },
      })
    }
    const bank = textCell(row, 'BankCode', line, problems, { max: 20 })
    if (problems.length) return { ok: false, problems }
    // Only money that moved is settled: a row in another state (cancelled, failed) is listed but not a line.
    if (status !== '00') return { ok: 'skip' }
    const gross = type === 'refund' ? -amount : amount
    return {
      ok: true,
      line: {
        line_id: `${no}:${type}`,
        our_reference: ref,
        transaction_id: no,
        refund_ref: null,
        type: type!,
        gross,
        fee,
        net: gross - fee,
        settled_at: instant!.toISOString(),
        payout_id: null,
        bank_code: bank,
      },
    }
  },
}

export const reportFormats = { stripe: stripeReport, vnpay: vnpayReport } as const
export type ReportFormatName = keyof typeof reportFormats
