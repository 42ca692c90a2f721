/**
 * The one interface every payment provider implements (DESIGN §6), kept as small as Kysely's `Dialect`.
 *
 * Contracts shared by every adapter:
 * - Money is an integer number of đồng (VND has no minor unit). Adapters convert at their edge
 *   (VNPay's ×100, Stripe's zero-decimal `vnd`).
 * - Declines, pending and expiry are *statuses*; infrastructure failures (network, 5xx, bad config, a response
 *   whose own signature does not verify) are thrown `GatewayError`s. A rejected notification throws
 *   `NotificationRejected` and must change nothing.
 * - Every POST carries the caller's idempotency key, so a retry after a timeout never charges or refunds twice.
 * - `payments/` imports nothing from `app/` or `db/`.
 */

export const providers = ['stripe', 'vnpay'] as const
export type Provider = (typeof providers)[number]

/** Normalised state of one payment attempt. Every adapter maps its provider's states here with an exhaustive switch. */
export const paymentStatuses = [
  /** created; waiting for the payer */
  'pending',
  /** the payer acted; the provider has not concluded yet (3-D Secure, bank processing) */
  'processing',
  /** money taken */
  'succeeded',
  /** definitively not paid (declined at the end, cancelled by the payer at VNPay, reversed) */
  'failed',
  /** the checkout closed unpaid */
  'expired',
] as const
export type PaymentStatus = (typeof paymentStatuses)[number]

export const refundStatuses = ['pending', 'succeeded', 'failed'] as const
export type RefundStatus = (typeof refundStatuses)[number]

export interface CreateCheckoutInput {
  /** our attempt id: Stripe's client_reference_id, VNPay's vnp_TxnRef (≤ 100 chars, unique) */
  attemptId: string
  /** a UUID stored with the attempt before the call and reused on retry */
  idempotencyKey: string
  /** đồng, > 0 */
  amount: number
  /** what is paid for, shown by the provider (VNPay: stripped of diacritics by the adapter) */
  description: string
  locale: 'vi' | 'en'
  /** where the payer's browser comes back to; display only */
  returnUrl: string
  /** where the payer goes when they give up (Stripe's cancel_url; VNPay has none) */
  cancelUrl: string
  payerIp: string
  /** when we created the attempt; VNPay needs it again for querydr (vnp_CreateDate) */
  createdAt: Date
  expiresAt: Date
  /** opaque strings carried by the provider (dossier code, fee id) */
  metadata: Record<string, string>
}

export interface Checkout {
  /** the provider's handle for this attempt (Stripe `cs_…`; VNPay: the TxnRef) */
  providerRef: string
  /** where to send the payer's browser */
  redirectUrl: string
  expiresAt: Date
}

/** What we hold about an attempt, enough for any adapter to look it up again. */
export interface PaymentRef {
  providerRef: string
  attemptId: string
  createdAt: Date
  payerIp: string
}

/** One payment as the provider sees it now. */
export interface PaymentSnapshot {
  providerRef: string
  /** our attempt id, echoed back by the provider (null when it did not carry one) */
  attemptId: string | null
  status: PaymentStatus
  /** đồng */
  amount: number
  currency: 'VND'
  /** the provider's id of the money movement (Stripe payment intent `pi_…`; VNPay vnp_TransactionNo) */
  transactionId: string | null
  paidAt: Date | null
  /** provider's decline or failure code, when there is one (card_declined, VNPay response code 24…) */
  failureCode: string | null
}

export interface RefundInput {
  /** our refund id (VNPay's vnp_TxnRef of the refund request is the payment's; this goes in the request id) */
  refundId: string
  idempotencyKey: string
  payment: PaymentRef & { transactionId: string | null; amount: number; paidAt: Date | null }
  /** đồng; at most the payment's amount */
  amount: number
  reason: string
  /** who asked (VNPay's vnp_CreateBy) */
  requestedBy: string
  requesterIp: string
}

export interface RefundResult {
  providerRef: string
  status: RefundStatus
}

/** A notification that passed verification, normalised. */
export type GatewayNotification =
  | { kind: 'payment'; eventId: string; occurredAt: Date; payment: PaymentSnapshot }
  | {
      kind: 'refund'
      eventId: string
      occurredAt: Date
      refund: {
        providerRef: string
        paymentTransactionId: string | null
        amount: number
        status: RefundStatus
      }
    }
  /** verified, but not something we act on (recorded and acknowledged) */
  | { kind: 'ignored'; eventId: string; occurredAt: Date; type: string }

/** The incoming HTTP request as the server received it. `rawBody` must be the bytes on the wire. */
export interface IncomingNotification {
  method: string
  /** full URL including the query string */
  url: string
  headers: Record<string, string | undefined>
  rawBody: Buffer
}

/** How the portal dealt with a notification; the adapter turns it into the answer its provider expects. */
export type NotificationOutcome =
  'applied' | 'duplicate' | 'already_settled' | 'unknown_order' | 'amount_mismatch' | 'rejected' | 'error'

export interface NotificationAnswer {
  status: number
  contentType: 'application/json'
  body: string
}

export interface SettlementLine {
  /** unique per provider: Stripe `txn_…`; VNPay transaction no + type */
  lineId: string
  kind: 'payment' | 'refund' | 'fee' | 'payout' | 'other'
  /** our attempt id when the provider carried it */
  attemptId: string | null
  /** the provider's money-movement id (pi_ / charge / vnp_TransactionNo) the line belongs to */
  transactionId: string | null
  /** đồng, signed: refunds negative */
  gross: number
  fee: number
  net: number
  occurredAt: Date
  payoutId: string | null
  /** a refund's own id at the provider (Stripe `re_…`), null for other lines */
  refundId: string | null
}

/** Which settlement lines to list: those created in [from, to), or those of one payout (Stripe `po_…`). */
export type SettlementQuery = { from: Date; to: Date } | { payoutId: string }

export interface PaymentGateway {
  readonly provider: Provider
  createCheckout(input: CreateCheckoutInput): Promise<Checkout>
  retrieve(ref: PaymentRef): Promise<PaymentSnapshot>
  refund(input: RefundInput): Promise<RefundResult>
  /** Verifies (signature, timestamp) and normalises; throws NotificationRejected without side effects. */
  parseNotification(request: IncomingNotification): Promise<GatewayNotification>
  /** The answer the provider expects for an outcome (VNPay's RspCode rules; Stripe's 2xx/4xx/5xx). */
  answer(outcome: NotificationOutcome): NotificationAnswer
  /**
   * Settlement lines created in [from, to), or of one payout, oldest first, every page read (Stripe balance
   * transactions; VNPay offers no settlement API and returns []: its report file is the only source).
   */
  listSettlement(query: SettlementQuery): Promise<SettlementLine[]>
}

export class GatewayError extends Error {
  constructor(
    message: string,
    readonly detail: { provider: Provider; status?: number; code?: string; retryable: boolean },
  ) {
    super(message)
    this.name = 'GatewayError'
  }
}

export class NotificationRejected extends Error {
  constructor(readonly reason: 'signature' | 'timestamp' | 'malformed') {
    super(`notification rejected: ${reason}`)
    this.name = 'NotificationRejected'
  }
}

/** Compile-time exhaustiveness for the adapters' switches. */
export function unreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`)
}
