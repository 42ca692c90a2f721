import type { SettlementProvider } from '../../../db/schema'

/**
 * The two settlement report files finance uploads (reference: signatures-and-identity "Finance files"), checked
 * and read in SQL over the staging table the file was COPYed into (every cell text):
 * - `stripe`: Stripe's itemised payout reconciliation report (balance_transaction_id, created_utc, currency, gross,
 *   fee, net, reporting_category, … — amounts of a zero-decimal currency, in đồng);
 * - `vnpay`: VNPay's merchant transaction report (TxnRef, TransactionNo, Amount, BankCode, PayDate, TransactionType,
 *   TransactionStatus — Amount in đồng, PayDate `yyyyMMddHHmmss` in GMT+7). VNPay has no settlement API.
 *
 * A format is a list of checks (a cell that fails one is a line error: column, reason key, values) and the SQL
 * that reads a good row as a settlement line. `col(name)` gives the staging column of a header name (NULL when an
 * optional column is absent). SQL only; identifiers come from `col`, never from the file.
 */

/** A problem with one cell, shown translated: `reason` is a key in locales/<lng>/finance.json. */
export interface LineProblem {
  /** the line of the file (the header is line 1) */
  line: number
  column: string
  reason: string
  values?: Record<string, string | number>
}

export interface CellCheck {
  column: string
  /** SQL, true when the cell is bad */
  bad: string
  /** SQL giving the reason key */
  reason: string
  /** SQL giving a jsonb of values for the message, or null */
  values: string | null
}

/** The SQL expressions of one settlement line. */
export interface LineSql {
  /** rows that are settlement lines (others are listed but not settled: skipped) */
  settled: string
  line_id: string
  our_reference: string
  transaction_id: string
  refund_ref: string
  type: string
  gross: string
  fee: string
  settled_at: string
  payout_id: string
  bank_code: string
}

/**
 * The fast reading of a file (no regular expression, no function call per cell: each measured several µs a row,
 * tens of seconds at 1,000,000 lines). `guard` is SQL, true for a row the cheap tests vouch for; `line` reads it
 * with casts that raise on what the guard let through but the checks would refuse. A row not vouched for, or a
 * cast raising, sends the whole file to the checked path (`checks` and `line`), which decides and reports. So the
 * fast path may refuse more than the checks (a file it refuses is still imported, more slowly) but never accepts
 * a row the checks refuse, and reads every row it accepts to the same values as `line`
 * (tests/integration/settlement-fast-path.test.ts).
 */
export interface FastSql {
  guard: string
  /** expressions computed once per row (every row, settled or not), which `line` reads as `d.<name>` */
  derived: Record<string, string>
  line: LineSql
}

export interface ReportFormat {
  provider: SettlementProvider
  required: readonly string[]
  optional: readonly string[]
  checks(col: (name: string) => string): CellCheck[]
  line(col: (name: string) => string): LineSql
  /** absent: every file takes the checked path. `cell(name)` is the cell already trimmed ('' when absent). */
  fast?(cell: (name: string) => string): FastSql
}

const key = (reason: string) => `'finance:import.errors.${reason}'`

/**
 * A report's date and time as an instant, or NULL when the text is not a real one (month 13, 30 February), in
 * plain expressions PostgreSQL evaluates fast (a function call per row costs ten times more) and that never
 * raise. `pattern` captures nothing; `at` gives the substring positions of year, month, day, hour, minute, second.
 */
function instantSql(cell: string, pattern: string, at: readonly number[], offsetHours: number): string {
  const c = `btrim(${cell})`
  const part = (i: number) => `substr(${c}, ${at[i]}, ${i === 0 ? 4 : 2})::int`
  return `(CASE WHEN ${c} ~ '${pattern}' THEN
    CASE WHEN ${part(2)} <= extract(day FROM make_date(${part(0)}, ${part(1)}, 1) + interval '1 month - 1 day') THEN
      (make_timestamp(${part(0)}, ${part(1)}, ${part(2)}, ${part(3)}, ${part(4)}, ${part(5)}) AT TIME ZONE 'UTC')
        - interval '${offsetHours} hours'
    END END)`
}
const month = '(0[1-9]|1[0-2])'
const day = '(0[1-9]|[12][0-9]|3[01])'
const hour = '([01][0-9]|2[0-3])'
const minute = '[0-5][0-9]'
/** VNPay: yyyyMMddHHmmss in GMT+7 */
const vnpayInstant = (cell: string) =>
  instantSql(cell, `^20[0-9]{2}${month}${day}${hour}${minute}${minute}$`, [1, 5, 7, 9, 11, 13], 7)
/** Stripe reports: yyyy-MM-dd HH:mm:ss in UTC (a T, fractions and a Z accepted) */
const utcInstant = (cell: string) =>
  instantSql(
    cell,
    `^20[0-9]{2}-${month}-${day}[ T]${hour}:${minute}:${minute}(\\.[0-9]+)?Z?$`,
    [1, 6, 9, 12, 15, 18],
    0,
  )
const trimmed = (c: string) => `coalesce(btrim(${c}), '')`

/**
 * Fast-path tests, each a plain comparison or cast (see FastSql). `digits`: only the characters 0-9, 1 to `max`
 * (≤ 18) of them, no leading zero (a round trip through bigint, which PostgreSQL 16+ would let read `0x1F` or
 * `1_000`, is compared with the text, so those fail here and go to the checked path like a leading zero does).
 * Lengths are `octet_length` (bytes, known without reading the text; `length` counts UTF-8 characters, measured a
 * sixth of the fast read at 100,000 lines): never fewer than the characters, so a bound only refuses more.
 */
const fastDigits = (c: string, max: number) =>
  // an absent column is the constant '' (its cast would be folded, and raise, at planning)
  c === `''` ? 'false' : `(octet_length(${c}) BETWEEN 1 AND ${max} AND (${c})::bigint::text = ${c})`
/** one ASCII digit at `pos` */
const fastDigitAt = (c: string, pos: number) => `ascii(substr(${c}, ${pos}, 1)) BETWEEN 48 AND 57`
/** our attempt reference as a uuid (32 hex, or 8-4-4-4-12), NULL for another length; raises on a bad hex digit */
const fastAttemptRef = (r: string) => `(CASE
  WHEN octet_length(${r}) = 32 THEN (${r})::uuid
  WHEN octet_length(${r}) = 36 AND substr(${r}, 9, 1) = '-' AND substr(${r}, 14, 1) = '-'
       AND substr(${r}, 19, 1) = '-' AND substr(${r}, 24, 1) = '-' THEN (${r})::uuid
  WHEN octet_length(${r}) BETWEEN 33 AND 36 THEN finance_checked_path()::text::uuid
END)`
export const fastAttemptRefSql = fastAttemptRef
const integer = `'^-?[0-9]{1,15}$'`

/** Required cell, a whole number of đồng. */
function integerCheck(col: (n: string) => string, name: string, optional = false): CellCheck {
  const c = trimmed(col(name))
  return {
    column: name,
    bad: optional ? `(${c} <> '' AND ${c} !~ ${integer})` : `${c} !~ ${integer}`,
    reason: `CASE WHEN ${c} = '' THEN ${key('required')} ELSE ${key('integer')} END`,
    values: `CASE WHEN ${c} <> '' THEN jsonb_build_object('value', left(${c}, 40)) END`,
  }
}

function requiredText(col: (n: string) => string, name: string, max: number): CellCheck {
  const c = trimmed(col(name))
  return {
    column: name,
    bad: `(${c} = '' OR length(${c}) > ${max})`,
    reason: `CASE WHEN ${c} = '' THEN ${key('required')} ELSE ${key('tooLong')} END`,
    values: `CASE WHEN ${c} <> '' THEN jsonb_build_object('max', ${max}) END`,
  }
}

function optionalText(col: (n: string) => string, name: string, max: number): CellCheck {
  const c = trimmed(col(name))
  return {
    column: name,
    bad: `length(${c}) > ${max}`,
    reason: key('tooLong'),
    values: `jsonb_build_object('max', ${max})`,
  }
}

function choice(
  col: (n: string) => string,
  name: string,
  allowed: readonly string[],
  lower = true,
): CellCheck {
  const c = lower ? `lower(${trimmed(col(name))})` : trimmed(col(name))
  return {
    column: name,
    bad: `${c} NOT IN (${allowed.map((a) => `'${a}'`).join(', ')})`,
    reason: `CASE WHEN ${c} = '' THEN ${key('required')} ELSE ${key('choice')} END`,
    values: `CASE WHEN ${c} <> '' THEN jsonb_build_object('value', left(${c}, 40)) END`,
  }
}

const stripeCategories: Record<string, string> = {
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
  checks(col) {
    const g = trimmed(col('gross'))
    const f = trimmed(col('fee'))
    const n = trimmed(col('net'))
    const numbers = `${g} ~ ${integer} AND ${f} ~ ${integer} AND ${n} ~ ${integer}`
    return [
      requiredText(col, 'balance_transaction_id', 255),
      {
        column: 'created_utc',
        bad: `${utcInstant(col('created_utc'))} IS NULL`,
        reason: `CASE WHEN ${trimmed(col('created_utc'))} = '' THEN ${key('required')} ELSE ${key('date')} END`,
        values: null,
      },
      {
        column: 'currency',
        bad: `lower(${trimmed(col('currency'))}) <> 'vnd'`,
        reason: key('currency'),
        values: `jsonb_build_object('value', left(${trimmed(col('currency'))}, 10))`,
      },
      integerCheck(col, 'gross'),
      integerCheck(col, 'fee'),
      integerCheck(col, 'net'),
      {
        column: 'net',
        bad: `(CASE WHEN ${numbers} THEN ${n}::bigint <> ${g}::bigint - ${f}::bigint ELSE false END)`,
        reason: key('net'),
        values: `jsonb_build_object('gross', ${g}, 'fee', ${f}, 'net', ${n})`,
      },
      choice(col, 'reporting_category', Object.keys(stripeCategories)),
      optionalText(col, 'payment_metadata[attempt_id]', 100),
      optionalText(col, 'payment_intent_id', 255),
      optionalText(col, 'charge_id', 255),
      optionalText(col, 'refund_id', 255),
      optionalText(col, 'automatic_payout_id', 255),
    ]
  },
  line(col) {
    const category = `lower(${trimmed(col('reporting_category'))})`
    const type = `(CASE ${category} ${Object.entries(stripeCategories)
      .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
      .join(' ')} END)`
    const nullable = (c: string) => `nullif(${trimmed(col(c))}, '')`
    return {
      settled: 'true',
      line_id: trimmed(col('balance_transaction_id')),
      our_reference: nullable('payment_metadata[attempt_id]'),
      transaction_id: `coalesce(${nullable('payment_intent_id')}, ${nullable('charge_id')})`,
      refund_ref: `coalesce(${nullable('refund_id')}, CASE WHEN ${type} = 'refund' THEN ${nullable('source_id')} END)`,
      type,
      gross: `${trimmed(col('gross'))}::bigint`,
      fee: `${trimmed(col('fee'))}::bigint`,
      settled_at: utcInstant(col('created_utc')),
      payout_id: nullable('automatic_payout_id'),
      bank_code: 'NULL::text',
    }
  },
}

export const vnpayReport: ReportFormat = {
  provider: 'vnpay',
  required: ['TxnRef', 'TransactionNo', 'Amount', 'PayDate', 'TransactionType', 'TransactionStatus'],
  optional: ['BankCode', 'Fee', 'OrderInfo'],
  checks(col) {
    const amount = trimmed(col('Amount'))
    const no = trimmed(col('TransactionNo'))
    return [
      requiredText(col, 'TxnRef', 100),
      {
        column: 'TransactionNo',
        bad: `${no} !~ '^[0-9]{1,20}$'`,
        reason: `CASE WHEN ${no} = '' THEN ${key('required')} ELSE ${key('integer')} END`,
        values: `CASE WHEN ${no} <> '' THEN jsonb_build_object('value', left(${no}, 40)) END`,
      },
      integerCheck(col, 'Amount'),
      {
        column: 'Amount',
        bad: `(CASE WHEN ${amount} ~ ${integer} THEN ${amount}::bigint <= 0 ELSE false END)`,
        reason: key('positive'),
        values: null,
      },
      integerCheck(col, 'Fee', true),
      {
        column: 'PayDate',
        bad: `${vnpayInstant(col('PayDate'))} IS NULL`,
        reason: `CASE WHEN ${trimmed(col('PayDate'))} = '' THEN ${key('required')} ELSE ${key('date')} END`,
        values: null,
      },
      choice(col, 'TransactionType', ['01', '02', '03', 'payment', 'refund']),
      {
        column: 'TransactionStatus',
        bad: `${trimmed(col('TransactionStatus'))} !~ '^[0-9]{2}$'`,
        reason: `CASE WHEN ${trimmed(col('TransactionStatus'))} = '' THEN ${key('required')} ELSE ${key('choice')} END`,
        values: `CASE WHEN ${trimmed(col('TransactionStatus'))} <> '' THEN jsonb_build_object('value', left(${trimmed(col('TransactionStatus'))}, 10)) END`,
      },
      optionalText(col, 'BankCode', 20),
    ]
  },
  line(col) {
    const type = `(CASE WHEN lower(${trimmed(col('TransactionType'))}) IN ('01', 'payment') THEN 'payment' ELSE 'refund' END)`
    const amount = `${trimmed(col('Amount'))}::bigint`
    return {
      // Only money that moved is settled: a row in another status (cancelled, failed) is listed, not a line.
      settled: `${trimmed(col('TransactionStatus'))} = '00'`,
      line_id: `${trimmed(col('TransactionNo'))} || ':' || ${type}`,
      our_reference: trimmed(col('TxnRef')),
      transaction_id: trimmed(col('TransactionNo')),
      refund_ref: 'NULL::text',
      type,
      gross: `(CASE WHEN ${type} = 'refund' THEN -${amount} ELSE ${amount} END)`,
      fee: `coalesce(nullif(${trimmed(col('Fee'))}, '')::bigint, 0)`,
      settled_at: vnpayInstant(col('PayDate')),
      payout_id: 'NULL::text',
      bank_code: `nullif(${trimmed(col('BankCode'))}, '')`,
    }
  },
  fast(cell) {
    const ref = cell('TxnRef')
    const no = cell('TransactionNo')
    const amount = cell('Amount')
    const fee = cell('Fee')
    const date = cell('PayDate')
    const kind = `lower(${cell('TransactionType')})`
    const status = cell('TransactionStatus')
    const bank = cell('BankCode')
    const part = (at: number, len: number) => `substr(${date}, ${at}, ${len})`
    return {
      guard: `(octet_length(${ref}) BETWEEN 1 AND 100
        AND ${fastDigits(no, 18)}
        AND ${fastDigits(amount, 15)} AND (${amount})::bigint > 0
        AND (${fee} = '' OR ${fastDigits(fee, 15)})
        AND octet_length(${date}) = 14 AND ${fastDigits(date, 14)} AND left(${date}, 2) = '20'
        AND ${part(9, 2)} COLLATE "C" < '24' AND ${part(11, 2)} COLLATE "C" < '60'
        AND ${part(13, 2)} COLLATE "C" < '60'
        AND ${kind} IN ('01', '02', '03', 'payment', 'refund')
        AND octet_length(${status}) = 2 AND ${fastDigitAt(status, 1)} AND ${fastDigitAt(status, 2)}
        AND octet_length(${bank}) <= 20)`,
      derived: {
        // make_timestamp raises on a day the month does not have (30 February) or month 13
        settled_at: `((make_timestamp(${part(1, 4)}::int, ${part(5, 2)}::int, ${part(7, 2)}::int,
                       ${part(9, 2)}::int, ${part(11, 2)}::int, ${part(13, 2)}::int) AT TIME ZONE 'UTC')
                      - interval '7 hours')`,
        type: `(CASE WHEN ${kind} IN ('01', 'payment') THEN 'payment' ELSE 'refund' END)`,
        amount: `(CASE WHEN ${kind} IN ('01', 'payment') THEN 1 ELSE -1 END) * (${amount})::bigint`,
      },
      line: {
        settled: `${status} = '00'`,
        line_id: `${no} || ':' || d.type`,
        our_reference: ref,
        transaction_id: no,
        refund_ref: 'NULL::text',
        type: 'd.type',
        gross: 'd.amount',
        fee: fee === `''` ? '0::bigint' : `coalesce(nullif(${fee}, '')::bigint, 0)`,
        settled_at: 'd.settled_at',
        payout_id: 'NULL::text',
        bank_code: `nullif(${bank}, '')`,
      },
    }
  },
}

export const reportFormats = { stripe: stripeReport, vnpay: vnpayReport } as const
export type ReportFormatName = keyof typeof reportFormats
