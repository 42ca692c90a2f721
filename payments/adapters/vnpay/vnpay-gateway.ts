import { createHash, randomUUID } from 'node:crypto'
import {
  GatewayError,
  NotificationRejected,
  unreachable,
  type GatewayNotification,
  type NotificationAnswer,
  type NotificationOutcome,
  type PaymentGateway,
  type PaymentRef,
  type PaymentSnapshot,
  type PaymentStatus,
  type RefundResult,
} from '../../gateway'
import {
  isTransactionStatus,
  vnpVersion,
  type ApiResponse,
  type QuerydrRequest,
  type RefundRequest,
  type TransactionStatus,
} from './messages'
import { querydrHash, refundHash, signedQuery, verifyParams, verifyResponse } from './sign'
import { orderInfoText, stripDiacritics } from './strip-diacritics'
import { parseVnpDate, vnpDate } from './vnp-date'

/**
 * The VNPay 2.1.0 adapter (DESIGN §6, reference/payment-protocols.md): a signed redirect to VNPay's pay page,
 * the IPN as the authority, querydr to look a payment up, refund. The Return URL is display-only: see
 * `verifyReturn`.
 */

export interface VnpayConfig {
  /** vnp_TmnCode, 8 characters */
  tmnCode: string
  hashSecret: string
  /** default 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html' */
  payUrl?: string
  /** querydr and refund; default 'https://sandbox.vnpayment.vn/merchant_webapi/api/transaction' */
  apiUrl?: string
  /** how long to wait for an API answer before giving up (retryable); default 20000 */
  timeoutMs?: number
}

export const vnpayDefaults = {
  payUrl: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html',
  apiUrl: 'https://sandbox.vnpayment.vn/merchant_webapi/api/transaction',
  timeoutMs: 20_000,
} as const

const provider = 'vnpay' as const

/**
 * vnp_RequestId of a refund, derived from the caller's idempotency key (32 hex characters, VNPay's limit), so a
 * retry with the same key reaches VNPay as the same request and is answered 94 instead of refunding twice.
 * VNPay only keeps request ids for the day (GMT+7): a retry must happen the same day, later ones reconcile first.
 */
export function refundRequestId(idempotencyKey: string): string {
  return createHash('sha256').update(`vnpay-refund:${idempotencyKey}`).digest('hex').slice(0, 32)
}

/** A positive whole number of đồng that still fits once VNPay multiplies it by 100. */
const isVnpAmount = (amount: number) =>
  Number.isSafeInteger(amount) && amount > 0 && Number.isSafeInteger(amount * 100)

/** đồng from VNPay's ×100 amount, or null when it is not a whole number of đồng. */
export function amountFromVnp(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,17}$/.test(value)) return null
  const hundredths = Number(value)
  return Number.isSafeInteger(hundredths) && hundredths % 100 === 0 ? hundredths / 100 : null
}

/** VNPay writes '0' (or nothing) when no transaction number was given, e.g. for a payment cancelled at once. */
function transactionNoOf(value: string | null | undefined): string | null {
  return value && value !== '0' ? value : null
}

/** Every vnp_TransactionStatus mapped; a payment whose refund is under way or refused was still paid. */
function paymentStatusOf(status: TransactionStatus): PaymentStatus {
  switch (status) {
    case '00':
    case '05':
    case '06':
    case '09':
      return 'succeeded'
    case '01':
      return 'pending'
    case '02':
    case '04':
      return 'failed'
    case '07':
      return 'processing'
    default:
      return unreachable(status)
  }
}

/**
 * An IPN's (or Return URL's) verdict: paid only when both codes are 00. Code 07 (money taken, transaction held
 * as suspicious) is not concluded yet, so it is 'processing', not a failure the payer could pay again after.
 */
export function callbackStatus(responseCode: string, transactionStatus: string): PaymentStatus {
  if (responseCode === '00' && transactionStatus === '00') return 'succeeded'
  if (responseCode === '07' || transactionStatus === '07') return 'processing'
  return 'failed'
}

/** The IPN answers VNPay expects, decided by the portal in the order 97, 01, 04, 02, 00 and 99 for the rest. */
function ipnAnswer(outcome: NotificationOutcome): { RspCode: string; Message: string } {
  switch (outcome) {
    case 'rejected':
      return { RspCode: '97', Message: 'Invalid Checksum' }
    case 'unknown_order':
      return { RspCode: '01', Message: 'Order not Found' }
    case 'amount_mismatch':
      return { RspCode: '04', Message: 'invalid amount' }
    case 'already_settled':
    case 'duplicate':
      return { RspCode: '02', Message: 'Order already confirmed' }
    case 'applied':
      return { RspCode: '00', Message: 'Confirm Success' }
    case 'error':
      // sic: VNPay's documented message
      return { RspCode: '99', Message: 'Unknow error' }
    default:
      return unreachable(outcome)
  }
}

export function createVnpayGateway(config: VnpayConfig): PaymentGateway {
  const payUrl = config.payUrl ?? vnpayDefaults.payUrl
  const apiUrl = config.apiUrl ?? vnpayDefaults.apiUrl
  const timeoutMs = config.timeoutMs ?? vnpayDefaults.timeoutMs
  const secret = config.hashSecret

  const fail = (message: string, detail: { code: string; status?: number; retryable: boolean }) =>
    new GatewayError(`VNPay: ${message}`, { provider, ...detail })

  /**
   * A response code VNPay answered instead of doing the work. By default only 99 (other error) may pass on a
   * retry; 02, 03, 91, 95 and 97 will not change by asking again.
   */
  function refusal(
    command: string,
    response: ApiResponse,
    retryableCodes: readonly string[] = ['99'],
  ): GatewayError {
    const code = response.vnp_ResponseCode ?? 'missing'
    return fail(`${command} answered ${code} (${response.vnp_Message ?? 'no message'})`, {
      code,
      retryable: retryableCodes.includes(code),
    })
  }

  /**
   * POSTs one JSON request and returns the response once its own signature verifies. Network errors, timeouts
   * and 5xx are retryable; a response that does not verify is not (it is a misconfiguration or an attack).
   */
  async function call(
    command: 'querydr' | 'refund',
    request: QuerydrRequest | RefundRequest,
  ): Promise<ApiResponse> {
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    // Racing a timer as well as aborting: the answer must not wait on a transport that ignores the signal.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort()
        reject(fail(`${command}: no answer within ${timeoutMs} ms`, { code: 'timeout', retryable: true }))
      }, timeoutMs)
    })
    const exchange = (async () => {
      const response = await fetch(apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        signal: controller.signal,
      })
      return { status: response.status, text: await response.text() }
    })()
    exchange.catch(() => {}) // when the timer wins, the aborted exchange's rejection is expected
    let status: number
    let text: string
    try {
      ;({ status, text } = await Promise.race([exchange, timedOut]))
    } catch (error) {
      if (error instanceof GatewayError) throw error
      throw fail(`${command}: ${error instanceof Error ? error.message : String(error)}`, {
        code: 'network',
        retryable: true,
      })
    } finally {
      clearTimeout(timer)
    }
    if (status < 200 || status >= 300) {
      const retryable = status >= 500 || status === 429
      throw fail(`${command}: HTTP ${status}`, { code: 'http', status, retryable })
    }
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = null
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      // A 200 that is not JSON comes from something in between (a proxy's error page): worth another try.
      throw fail(`${command}: the answer is not a JSON object`, {
        code: 'malformed_response',
        status,
        retryable: true,
      })
    }
    const raw = body as Record<string, unknown>
    if (!verifyResponse(command, raw, secret)) {
      throw fail(
        `${command}: the answer's vnp_SecureHash does not verify (response code ${String(raw.vnp_ResponseCode)})`,
        {
          code: 'response_signature',
          status,
          retryable: false,
        },
      )
    }
    const response: ApiResponse = {}
    for (const [name, value] of Object.entries(raw)) {
      if (typeof value === 'string' || typeof value === 'number') {
        response[name as keyof ApiResponse] = String(value)
      }
    }
    if (response.vnp_TxnRef && response.vnp_TxnRef !== request.vnp_TxnRef) {
      throw fail(`${command}: the answer is about ${response.vnp_TxnRef}, not ${request.vnp_TxnRef}`, {
        code: 'response_mismatch',
        retryable: false,
      })
    }
    return response
  }

  function querydr(ref: PaymentRef): Promise<ApiResponse> {
    const fields = {
      vnp_RequestId: randomUUID().replaceAll('-', ''),
      vnp_Version: vnpVersion,
      vnp_Command: 'querydr' as const,
      vnp_TmnCode: config.tmnCode,
      vnp_TxnRef: ref.providerRef,
      vnp_OrderInfo: orderInfoText(`Truy van giao dich ${ref.providerRef}`),
      vnp_TransactionDate: vnpDate(ref.createdAt),
      vnp_CreateDate: vnpDate(new Date()),
      vnp_IpAddr: ref.payerIp,
    }
    return call('querydr', { ...fields, vnp_SecureHash: querydrHash(fields, secret) })
  }

  /**
   * VNPay answered 94: it already holds a refund request with this id, which only an earlier call with the same
   * idempotency key can have sent. Before reporting that earlier request's success, check that the payment now
   * shows a refund (05 in progress, 06 sent to the bank); 09 means VNPay refused it.
   */
  async function confirmEarlierRefund(payment: PaymentRef, requestId: string): Promise<RefundResult> {
    const response = await querydr(payment)
    if (response.vnp_ResponseCode !== '00') throw refusal('querydr', response)
    switch (response.vnp_TransactionStatus) {
      case '05':
      case '06':
        return { providerRef: requestId, status: 'succeeded' }
      case '09':
        return { providerRef: requestId, status: 'failed' }
      default:
        throw fail('refund answered 94 (duplicate request) but the payment shows no refund yet', {
          code: 'refund_not_confirmed',
          retryable: true,
        })
    }
  }

  return {
    provider,

    /**
     * The signed pay URL. No network call: VNPay learns of the order when the payer's browser opens it. The same
     * input always gives the same URL (vnp_CreateDate is the attempt's createdAt), so a retried call is harmless.
     */
    async createCheckout(input) {
      if (!isVnpAmount(input.amount)) {
        throw fail(`amount ${input.amount} is not a positive whole number of đồng`, {
          code: 'invalid_amount',
          retryable: false,
        })
      }
      if (!input.attemptId || input.attemptId.length > 100) {
        throw fail('the attempt id must be 1 to 100 characters (vnp_TxnRef)', {
          code: 'invalid_request',
          retryable: false,
        })
      }
      const params = {
        vnp_Version: vnpVersion,
        vnp_Command: 'pay',
        vnp_TmnCode: config.tmnCode,
        vnp_Amount: String(input.amount * 100),
        vnp_CurrCode: 'VND',
        vnp_TxnRef: input.attemptId,
        vnp_OrderInfo: orderInfoText(input.description) || orderInfoText(`Thanh toan ${input.attemptId}`),
        vnp_OrderType: 'other',
        vnp_Locale: input.locale === 'en' ? 'en' : 'vn',
        vnp_ReturnUrl: input.returnUrl,
        vnp_IpAddr: input.payerIp,
        vnp_CreateDate: vnpDate(input.createdAt),
        vnp_ExpireDate: vnpDate(input.expiresAt),
      }
      const separator = payUrl.includes('?') ? '&' : '?'
      return {
        providerRef: input.attemptId,
        redirectUrl: `${payUrl}${separator}${signedQuery(params, secret)}`,
        expiresAt: input.expiresAt,
      }
    },

    /**
     * querydr. VNPay never reports 'expired': an order it does not know (91: the payer never reached its page)
     * or one left unfinished (01) stays 'pending', and the portal expires the attempt itself once its expiresAt
     * has passed (VNPay refuses payment after vnp_ExpireDate). For 91 VNPay states no amount, so amount is 0.
     */
    async retrieve(ref): Promise<PaymentSnapshot> {
      const response = await querydr(ref)
      const base = { providerRef: ref.providerRef, attemptId: ref.attemptId, currency: 'VND' as const }
      switch (response.vnp_ResponseCode) {
        case '00':
          break
        case '91':
          return {
            ...base,
            status: 'pending',
            amount: 0,
            transactionId: null,
            paidAt: null,
            failureCode: null,
          }
        default:
          // Our querydr request ids are random, so a duplicate (94) is a fluke that another try does not repeat.
          throw refusal('querydr', response, ['94', '99'])
      }
      const transactionStatus = response.vnp_TransactionStatus
      if (!isTransactionStatus(transactionStatus)) {
        throw fail(`querydr: unknown vnp_TransactionStatus ${String(transactionStatus)}`, {
          code: 'unknown_status',
          retryable: false,
        })
      }
      const amount = amountFromVnp(response.vnp_Amount)
      if (amount === null) {
        throw fail(`querydr: vnp_Amount ${String(response.vnp_Amount)} is not an amount`, {
          code: 'malformed_response',
          retryable: false,
        })
      }
      const status = paymentStatusOf(transactionStatus)
      return {
        ...base,
        attemptId: response.vnp_TxnRef ?? ref.attemptId,
        status,
        amount,
        transactionId: transactionNoOf(response.vnp_TransactionNo),
        paidAt: status === 'succeeded' ? parseVnpDate(response.vnp_PayDate) : null,
        // querydr carries no payer-facing response code, only the transaction status: 'status_02', 'status_04'
        failureCode: status === 'failed' ? `status_${transactionStatus}` : null,
      }
    },

    /**
     * A full (02) or partial (03) refund. providerRef is the vnp_RequestId, derived from the idempotency key, so
     * the first call and any retry return the same one. Response 00 means VNPay took the refund on (it carries
     * it out and sends no notification later), so it is 'succeeded' unless the status says refused (09).
     */
    async refund(input): Promise<RefundResult> {
      const { payment, amount } = input
      if (!isVnpAmount(amount)) {
        throw fail(`refund amount ${amount} is not a positive whole number of đồng`, {
          code: 'invalid_amount',
          retryable: false,
        })
      }
      if (amount > payment.amount) {
        throw fail(`refund of ${amount} is above the payment's ${payment.amount}`, {
          code: 'amount_exceeds_payment',
          retryable: false,
        })
      }
      const requestId = refundRequestId(input.idempotencyKey)
      const fields = {
        vnp_RequestId: requestId,
        vnp_Version: vnpVersion,
        vnp_Command: 'refund' as const,
        vnp_TmnCode: config.tmnCode,
        vnp_TransactionType: amount === payment.amount ? ('02' as const) : ('03' as const),
        vnp_TxnRef: payment.attemptId,
        vnp_Amount: String(amount * 100),
        vnp_TransactionNo: payment.transactionId ?? '',
        vnp_TransactionDate: vnpDate(payment.createdAt),
        vnp_CreateBy: stripDiacritics(input.requestedBy).slice(0, 250) || 'portal',
        vnp_CreateDate: vnpDate(new Date()),
        vnp_IpAddr: input.requesterIp,
        vnp_OrderInfo: orderInfoText(`Hoan tien ${payment.attemptId} ${input.reason}`),
      }
      const response = await call('refund', { ...fields, vnp_SecureHash: refundHash(fields, secret) })
      switch (response.vnp_ResponseCode) {
        case '00':
          return {
            providerRef: requestId,
            status: response.vnp_TransactionStatus === '09' ? 'failed' : 'succeeded',
          }
        case '94':
          return confirmEarlierRefund(payment, requestId)
        default:
          // 95 (payment not successful), 03 (e.g. above what is left to refund), 91, 97, 02: retrying cannot help.
          throw refusal('refund', response)
      }
    },

    /**
     * The IPN: a GET whose query string VNPay signed. Signature first (nothing else is read from an unverified
     * request), then the fields. Every VNPay retry of one IPN carries the same values, so the eventId (which
     * includes the amount: a differently signed amount is another notification) is stable.
     */
    async parseNotification(request): Promise<GatewayNotification> {
      let query: URLSearchParams
      try {
        query = new URL(request.url, 'http://notification.invalid').searchParams
      } catch {
        throw new NotificationRejected('malformed')
      }
      if (!verifyParams(query, secret)) throw new NotificationRejected('signature')
      const txnRef = query.get('vnp_TxnRef')
      const responseCode = query.get('vnp_ResponseCode')
      const transactionStatus = query.get('vnp_TransactionStatus')
      const amount = amountFromVnp(query.get('vnp_Amount'))
      const payDateText = query.get('vnp_PayDate')
      const payDate = payDateText ? parseVnpDate(payDateText) : null
      if (
        !txnRef ||
        !responseCode ||
        !transactionStatus ||
        amount === null ||
        query.get('vnp_TmnCode') !== config.tmnCode ||
        (payDateText && !payDate)
      ) {
        throw new NotificationRejected('malformed')
      }
      const transactionNo = query.get('vnp_TransactionNo') ?? ''
      const status = callbackStatus(responseCode, transactionStatus)
      return {
        kind: 'payment',
        eventId: `${txnRef}:${transactionNo}:${responseCode}:${transactionStatus}:${query.get('vnp_Amount') ?? ''}`,
        occurredAt: payDate ?? new Date(),
        payment: {
          providerRef: txnRef,
          attemptId: txnRef,
          status,
          amount,
          currency: 'VND',
          transactionId: transactionNoOf(transactionNo),
          paidAt: status === 'succeeded' ? payDate : null,
          failureCode: status === 'succeeded' ? null : responseCode,
        },
      }
    },

    /** Always HTTP 200: VNPay reads RspCode, and retries unless it is 00 or 02. */
    answer(outcome): NotificationAnswer {
      return { status: 200, contentType: 'application/json', body: JSON.stringify(ipnAnswer(outcome)) }
    },

    /**
     * VNPay 2.1.0 offers no settlement or payout API to merchants (reconciliation files come from its merchant
     * portal and are imported as CSV by finance), so there is nothing to pull.
     */
    async listSettlement() {
      return []
    },
  }
}
