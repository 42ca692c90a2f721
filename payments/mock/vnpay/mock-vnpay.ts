import { randomUUID } from 'node:crypto'
import { delay, http, HttpResponse } from 'msw'
import { vnpVersion, type TransactionStatus } from '../../adapters/vnpay/messages'
import {
  querydrHash,
  querydrResponseHash,
  refundHash,
  refundResponseHash,
  sameSignature,
  signedQuery,
  verifyParams,
} from '../../adapters/vnpay/sign'
import { parseVnpDate, vnpDate } from '../../adapters/vnpay/vnp-date'
import { amountFromVnp } from '../../adapters/vnpay/vnpay-gateway'
import { unreachable } from '../../gateway'
import type { Delivery } from '../delivery'

/**
 * VNPay 2.1.0 imitated in memory (DESIGN §6): the merchant API (querydr, refund) as msw handlers, and the pay
 * page's decisions as payer controls that the portal's mock page calls (it serves the page in mock mode only).
 * Like VNPay it verifies every signature, signs every answer, sends the IPN on the payer's action with VNPay's
 * retry rule (until RspCode 00 or 02, at most the delivery's 10 calls) and refuses what VNPay refuses.
 *
 * The mock signs with the adapter's helpers; the test vectors in the adapter's tests, computed independently,
 * keep both honest.
 */

export interface MockVnpayOptions {
  /** default 'https://sandbox.vnpay.invalid/merchant_webapi/api/transaction' */
  apiUrl?: string
  tmnCode: string
  hashSecret: string
  /** the merchant's IPN URL as registered with VNPay (VNPay does not take it from the pay URL) */
  ipnUrl: string
  delivery: Delivery
  now?: () => Date
}

/**
 * Why the pay page refuses an order, with VNPay's error-page codes: 97 bad signature, 02 unknown terminal,
 * 03 malformed, 15 expired, 01 the order (vnp_TxnRef) already exists — paid, failed, or opened with other data.
 */
export type PageRefusal = '97' | '02' | '03' | '15' | '01'

export interface MockVnpayOrder {
  txnRef: string
  /** đồng */
  amount: number
  orderInfo: string
  returnUrl: string
  locale: 'vn' | 'en'
  expiresAt: Date | null
  /** the bank the merchant chose in advance (vnp_BankCode), or null to let the payer pick */
  bankCode: string | null
}

export type DescribeResult = { ok: true; order: MockVnpayOrder } | { ok: false; code: PageRefusal }

export interface PayChoice {
  bankCode: string
  /** success: 00/00 · cancel: the payer gave up (24/02) · insufficient: the bank declined (51/02) */
  outcome: 'success' | 'cancel' | 'insufficient'
}

/** `returnUrl`: where the payer's browser goes next, VNPay's signed Return redirect. */
export type PayResult = { ok: true; returnUrl: string } | { ok: false; code: PageRefusal }

export const mockVnpayApiUrl = 'https://sandbox.vnpay.invalid/merchant_webapi/api/transaction'

/** VNPay's IPN retry rule: the merchant's answer ends the retries only when its RspCode is 00 or 02. */
export function vnpayIpnAcknowledged(_status: number, body: string): boolean {
  try {
    const answer: unknown = JSON.parse(body)
    const code =
      typeof answer === 'object' && answer !== null ? (answer as { RspCode?: unknown }).RspCode : null
    return code === '00' || code === '02'
  } catch {
    return false
  }
}

interface Refund {
  requestId: string
  transactionNo: string
  /** đồng */
  amount: number
  type: '02' | '03'
}

interface Transaction {
  order: MockVnpayOrder
  /** the order's vnp_CreateDate: querydr and refund must quote it as vnp_TransactionDate */
  createDate: string
  /** 01 until the payer acts; 05 once a refund was taken on */
  status: TransactionStatus
  responseCode: string | null
  transactionNo: string | null
  payDate: string | null
  bankCode: string | null
  cardType: string | null
  bankTranNo: string | null
  refunds: Refund[]
}

const apiMessages: Record<string, string> = {
  '00': 'Success',
  '02': 'Merchant is not valid',
  '03': 'Invalid data format',
  '91': 'Transaction not found',
  '94': 'Duplicate request',
  '95': 'Transaction is not successful at VNPAY, refund refused',
  '97': 'Invalid checksum',
  '99': 'Unknown error',
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

function cardTypeOf(bankCode: string): string {
  if (bankCode === 'VNPAYQR') return 'QRCODE'
  if (bankCode === 'INTCARD') return 'VISA'
  return 'ATM'
}

export function createMockVnpay(options: MockVnpayOptions) {
  const apiUrl = options.apiUrl ?? mockVnpayApiUrl
  const { tmnCode, hashSecret: secret, ipnUrl, delivery } = options
  const now = options.now ?? (() => new Date())

  const transactions = new Map<string, Transaction>()
  /** vnp_RequestIds seen, per GMT+7 day (VNPay's uniqueness window) */
  const requestIds = new Set<string>()
  let nextFailure: { kind: '500' } | { kind: 'timeout'; delayMs: number } | null = null
  // Not reset with the state: transaction numbers stay unique for the life of the process.
  let lastTransactionNo = 14_000_000
  const newTransactionNo = () => String(++lastTransactionNo)

  // ---- the pay page ----

  function open(query: URLSearchParams): { ok: true; tx: Transaction } | { ok: false; code: PageRefusal } {
    const refuse = (code: PageRefusal) => ({ ok: false as const, code })
    if (!verifyParams(query, secret)) return refuse('97')
    if (query.get('vnp_TmnCode') !== tmnCode) return refuse('02')
    const get = (name: string) => query.get(name) ?? ''
    const txnRef = get('vnp_TxnRef')
    const amount = amountFromVnp(get('vnp_Amount'))
    const orderInfo = get('vnp_OrderInfo')
    const locale = get('vnp_Locale')
    const returnUrl = get('vnp_ReturnUrl')
    const createDate = get('vnp_CreateDate')
    const expireDate = get('vnp_ExpireDate')
    const expiresAt = expireDate ? parseVnpDate(expireDate) : null
    const wellFormed =
      get('vnp_Version') === vnpVersion &&
      get('vnp_Command') === 'pay' &&
      get('vnp_CurrCode') === 'VND' &&
      txnRef.length >= 1 &&
      txnRef.length <= 100 &&
      amount !== null &&
      amount > 0 &&
      /^[\x20-\x7e]{1,255}$/.test(orderInfo) &&
      get('vnp_OrderType') !== '' &&
      (locale === 'vn' || locale === 'en') &&
      isHttpUrl(returnUrl) &&
      get('vnp_IpAddr') !== '' &&
      parseVnpDate(createDate) !== null &&
      (expireDate === '' || expiresAt !== null)
    if (!wellFormed) return refuse('03')
    const existing = transactions.get(txnRef)
    if (existing) {
      // TxnRef is unique: the same pay URL opened again (a reload) is fine, anything else is a second order.
      const same = existing.order.amount === amount && existing.createDate === createDate
      if (existing.status !== '01' || !same) return refuse('01')
    }
    if (expiresAt && now().getTime() > expiresAt.getTime()) return refuse('15')
    if (existing) return { ok: true, tx: existing }
    // Opening the page creates the transaction at VNPay: querydr finds it from now on, not completed (01).
    const tx: Transaction = {
      order: {
        txnRef,
        amount,
        orderInfo,
        returnUrl,
        locale: locale === 'en' ? 'en' : 'vn',
        expiresAt,
        bankCode: get('vnp_BankCode') || null,
      },
      createDate,
      status: '01',
      responseCode: null,
      transactionNo: null,
      payDate: null,
      bankCode: null,
      cardType: null,
      bankTranNo: null,
      refunds: [],
    }
    transactions.set(txnRef, tx)
    return { ok: true, tx }
  }

  /** What VNPay's page would show for a pay URL, or why it refuses it. Opening registers the order, as at VNPay. */
  function describe(query: URLSearchParams): DescribeResult {
    const opened = open(query)
    return opened.ok ? { ok: true, order: { ...opened.tx.order } } : opened
  }

  /**
   * The payer's decision on the page: concludes the transaction, queues the IPN (a GET to the IPN URL with the
   * signed result) and returns the signed Return redirect. An order already concluded is refused (01).
   */
  function pay(query: URLSearchParams, choice: PayChoice): PayResult {
    const opened = open(query)
    if (!opened.ok) return opened
    if (!/^[A-Z0-9]{2,20}$/.test(choice.bankCode)) return { ok: false, code: '03' }
    const tx = opened.tx
    const bankCode = tx.order.bankCode ?? choice.bankCode
    tx.bankCode = bankCode
    tx.payDate = vnpDate(now())
    switch (choice.outcome) {
      case 'success':
        tx.status = '00'
        tx.responseCode = '00'
        tx.transactionNo = newTransactionNo()
        tx.cardType = cardTypeOf(bankCode)
        tx.bankTranNo = `VNP${tx.transactionNo}`
        break
      case 'cancel':
        // Given up before any bank was involved: VNPay numbers nothing.
        tx.status = '02'
        tx.responseCode = '24'
        tx.transactionNo = '0'
        break
      case 'insufficient':
        tx.status = '02'
        tx.responseCode = '51'
        tx.transactionNo = newTransactionNo()
        tx.cardType = cardTypeOf(bankCode)
        break
      default:
        unreachable(choice.outcome)
    }
    const result = signedQuery(
      {
        vnp_Amount: String(tx.order.amount * 100),
        vnp_BankCode: tx.bankCode,
        vnp_BankTranNo: tx.bankTranNo,
        vnp_CardType: tx.cardType,
        vnp_OrderInfo: tx.order.orderInfo,
        vnp_PayDate: tx.payDate,
        vnp_ResponseCode: tx.responseCode,
        vnp_TmnCode: tmnCode,
        vnp_TransactionNo: tx.transactionNo,
        vnp_TransactionStatus: tx.status,
        vnp_TxnRef: tx.order.txnRef,
      },
      secret,
    )
    const withQuery = (url: string) => `${url}${url.includes('?') ? '&' : '?'}${result}`
    delivery.enqueue({
      provider: 'vnpay',
      id: tx.order.txnRef,
      method: 'GET',
      url: withQuery(ipnUrl),
      headers: {},
      acknowledged: vnpayIpnAcknowledged,
    })
    return { ok: true, returnUrl: withQuery(tx.order.returnUrl) }
  }

  // ---- the merchant API ----

  function respond(command: 'querydr' | 'refund', code: string, fields: Record<string, string> = {}) {
    const body: Record<string, string> = {
      vnp_ResponseId: randomUUID().replaceAll('-', ''),
      vnp_Command: command,
      vnp_ResponseCode: code,
      vnp_Message: apiMessages[code] ?? apiMessages['99'],
      vnp_TmnCode: tmnCode,
      ...fields,
    }
    body.vnp_SecureHash =
      command === 'querydr' ? querydrResponseHash(body, secret) : refundResponseHash(body, secret)
    return body
  }

  function wellFormedRequest(r: Record<string, string>): boolean {
    const common =
      /^[A-Za-z0-9]{1,32}$/.test(r.vnp_RequestId ?? '') &&
      r.vnp_Version === vnpVersion &&
      /^.{1,100}$/.test(r.vnp_TxnRef ?? '') &&
      /^.{1,255}$/.test(r.vnp_OrderInfo ?? '') &&
      parseVnpDate(r.vnp_TransactionDate) !== null &&
      parseVnpDate(r.vnp_CreateDate) !== null &&
      /^.{1,45}$/.test(r.vnp_IpAddr ?? '') &&
      /^\d*$/.test(r.vnp_TransactionNo ?? '')
    if (!common || r.vnp_Command === 'querydr') return common
    const amount = amountFromVnp(r.vnp_Amount)
    return (
      (r.vnp_TransactionType === '02' || r.vnp_TransactionType === '03') &&
      amount !== null &&
      amount > 0 &&
      /^.{1,250}$/.test(r.vnp_CreateBy ?? '')
    )
  }

  /** One API request, checked in VNPay's order: format, terminal, signature, duplicate id, then the command. */
  function answerApi(payload: unknown): Record<string, string> {
    if (!isRecord(payload)) return respond('querydr', '03')
    const r: Record<string, string> = {}
    for (const [name, value] of Object.entries(payload)) {
      if (typeof value === 'string' || typeof value === 'number') r[name] = String(value)
    }
    const command = r.vnp_Command === 'refund' ? 'refund' : 'querydr'
    const echo: Record<string, string> = r.vnp_TxnRef ? { vnp_TxnRef: r.vnp_TxnRef } : {}
    if (r.vnp_Command !== 'querydr' && r.vnp_Command !== 'refund') return respond(command, '03', echo)
    if (r.vnp_TmnCode !== tmnCode) return respond(command, '02', echo)
    if (!wellFormedRequest(r)) return respond(command, '03', echo)
    const expected = command === 'querydr' ? querydrHash(r, secret) : refundHash(r, secret)
    if (!sameSignature(expected, r.vnp_SecureHash)) return respond(command, '97', echo)
    const requestKey = `${vnpDate(now()).slice(0, 8)}:${r.vnp_RequestId}`
    if (requestIds.has(requestKey)) return respond(command, '94', echo)
    const tx = transactions.get(r.vnp_TxnRef)
    // VNPay finds a transaction by its TxnRef and the date it was created.
    const found = tx && tx.createDate === r.vnp_TransactionDate ? tx : null
    return command === 'querydr' ? querydr(r, requestKey, found) : refund(r, requestKey, found)
  }

  function querydr(r: Record<string, string>, requestKey: string, tx: Transaction | null) {
    requestIds.add(requestKey)
    if (!tx) return respond('querydr', '91', { vnp_TxnRef: r.vnp_TxnRef })
    return respond('querydr', '00', {
      vnp_TxnRef: tx.order.txnRef,
      vnp_Amount: String(tx.order.amount * 100),
      vnp_OrderInfo: tx.order.orderInfo,
      vnp_BankCode: tx.bankCode ?? '',
      vnp_PayDate: tx.payDate ?? '',
      vnp_TransactionNo: tx.transactionNo ?? '',
      vnp_TransactionType: '01',
      vnp_TransactionStatus: tx.status,
      vnp_PromotionCode: '',
      vnp_PromotionAmount: '',
    })
  }

  /**
   * A refund is taken on at once (status 05). A refused one stores nothing, its request id included, so only an
   * accepted request makes a later one with the same id a duplicate (94).
   */
  function refund(r: Record<string, string>, requestKey: string, tx: Transaction | null) {
    const echo = { vnp_TxnRef: r.vnp_TxnRef }
    if (!tx || (r.vnp_TransactionNo && r.vnp_TransactionNo !== tx.transactionNo))
      return respond('refund', '91', echo)
    if (tx.status !== '00' && tx.status !== '05') return respond('refund', '95', echo)
    const amount = amountFromVnp(r.vnp_Amount)!
    const refunded = tx.refunds.reduce((sum, x) => sum + x.amount, 0)
    const type = r.vnp_TransactionType as '02' | '03'
    const fullRefundOk = type === '03' || (amount === tx.order.amount && refunded === 0)
    if (amount > tx.order.amount - refunded || !fullRefundOk) {
      return respond('refund', '03', { ...echo, vnp_Message: 'Invalid refund amount' })
    }
    const entry: Refund = { requestId: r.vnp_RequestId, transactionNo: newTransactionNo(), amount, type }
    tx.refunds.push(entry)
    tx.status = '05'
    requestIds.add(requestKey)
    return respond('refund', '00', {
      ...echo,
      vnp_Amount: r.vnp_Amount,
      vnp_OrderInfo: r.vnp_OrderInfo,
      vnp_BankCode: tx.bankCode ?? '',
      vnp_PayDate: vnpDate(now()),
      vnp_TransactionNo: entry.transactionNo,
      vnp_TransactionType: type,
      vnp_TransactionStatus: '05',
    })
  }

  const handlers = [
    http.post(apiUrl, async ({ request }) => {
      const failure = nextFailure
      nextFailure = null
      if (failure?.kind === '500') {
        return new HttpResponse('Internal Server Error', {
          status: 500,
          headers: { 'content-type': 'text/plain' },
        })
      }
      let payload: unknown = null
      try {
        payload = await request.json()
      } catch {
        // not JSON: answered 03 below
      }
      const body = answerApi(payload)
      // The work is done; only the answer is late, as when a response is lost on the way back.
      if (failure?.kind === 'timeout') await delay(failure.delayMs)
      return HttpResponse.json(body)
    }),
  ]

  return {
    handlers,
    describe,
    pay,
    /**
     * The next API request fails: '500' answers HTTP 500 and does nothing; 'timeout' does the work but holds the
     * answer for delayMs (default 25 s, beyond the adapter's default 20 s timeout).
     */
    failNext(kind: '500' | 'timeout', delayMs = 25_000) {
      nextFailure = kind === '500' ? { kind } : { kind, delayMs }
    },
    /** successful payments held for an attempt (0 or 1: TxnRef is unique) */
    chargesFor(attemptId: string): number {
      const tx = transactions.get(attemptId)
      return tx && (tx.status === '00' || tx.status === '05') ? 1 : 0
    },
    refundsFor(attemptId: string): number {
      return transactions.get(attemptId)?.refunds.length ?? 0
    },
    reset() {
      transactions.clear()
      requestIds.clear()
      nextFailure = null
    },
  }
}

export type MockVnpay = ReturnType<typeof createMockVnpay>
