import type Stripe from 'stripe'
import {
  GatewayError,
  NotificationRejected,
  unreachable,
  type GatewayNotification,
  type PaymentSnapshot,
  type PaymentStatus,
  type RefundStatus,
  type SettlementLine,
} from '../../gateway'

/**
 * Stripe's objects in the portal's terms, as pure functions (payment-protocols.md). Stripe's enums are open
 * (new values appear), so each is first narrowed to the values known here, plus 'unknown', and then mapped with
 * an exhaustive switch: an unknown value never counts as money taken.
 */

const sessionStatuses = ['open', 'complete', 'expired'] as const
const sessionPaymentStatuses = ['paid', 'unpaid', 'no_payment_required'] as const
const intentStatuses = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'succeeded',
  'canceled',
] as const
const stripeRefundStatuses = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const

function known<T extends string>(values: readonly T[], value: string | null | undefined): T | 'unknown' {
  return values.find((v) => v === value) ?? 'unknown'
}

/** The id of a field that is either an id or, when expanded, the object. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value == null) return null
  return typeof value === 'string' ? value : value.id
}

function expanded<T extends { id: string }>(value: string | T | null | undefined): T | null {
  return value != null && typeof value === 'object' ? value : null
}

/** Zero-decimal: Stripe's `vnd` amounts are đồng already. Anything else is not one of ours. */
export const isVnd = (currency: string | null | undefined) => currency?.toLowerCase() === 'vnd'

function declineOf(pi: Stripe.PaymentIntent | null): string | null {
  const error = pi?.last_payment_error
  return error?.decline_code ?? error?.code ?? null
}

interface Outcome {
  status: PaymentStatus
  failureCode: string | null
}

/** While the session is open, its PaymentIntent tells whether the payer acted and how it went. */
function openOutcome(pi: Stripe.PaymentIntent | null): Outcome {
  if (!pi) return { status: 'pending', failureCode: null }
  const status = known(intentStatuses, pi.status)
  switch (status) {
    case 'requires_payment_method':
      // Not tried yet, or declined: the payer may try another card on the same page.
      return { status: 'pending', failureCode: declineOf(pi) }
    case 'requires_confirmation':
    case 'requires_action':
    case 'processing':
    case 'requires_capture':
      return { status: 'processing', failureCode: null }
    case 'canceled':
      return { status: 'failed', failureCode: declineOf(pi) ?? pi.cancellation_reason ?? 'canceled' }
    // succeeded: money taken but the session not yet complete; it completes a moment later and says so.
    case 'succeeded':
    case 'unknown':
      return { status: 'processing', failureCode: null }
    default:
      return unreachable(status)
  }
}

function sessionOutcome(
  session: Stripe.Checkout.Session,
  pi: Stripe.PaymentIntent | null,
  asyncFailed: boolean,
): Outcome {
  const status = known(sessionStatuses, session.status)
  switch (status) {
    case 'expired':
      return { status: 'expired', failureCode: declineOf(pi) }
    case 'open':
      return openOutcome(pi)
    case 'complete': {
      if (asyncFailed) return { status: 'failed', failureCode: declineOf(pi) ?? 'async_payment_failed' }
      const paid = known(sessionPaymentStatuses, session.payment_status)
      switch (paid) {
        case 'paid':
        case 'no_payment_required':
          return { status: 'succeeded', failureCode: null }
        case 'unpaid':
        case 'unknown': {
          // A delayed method (bank debit) still settling, unless its PaymentIntent already gave up.
          const intent = known(intentStatuses, pi?.status)
          const gaveUp = intent === 'canceled' || intent === 'requires_payment_method'
          return gaveUp
            ? { status: 'failed', failureCode: declineOf(pi) ?? 'async_payment_failed' }
            : { status: 'processing', failureCode: null }
        }
        default:
          return unreachable(paid)
      }
    }
    case 'unknown':
      return { status: 'processing', failureCode: null }
    default:
      return unreachable(status)
  }
}

/**
 * A Checkout Session as a snapshot. `payment_intent` may be expanded (retrieve: its status, decline and charge
 * time) or an id (webhooks). paidAt is the charge's time when known, else `paidAtFallback` (the event's time).
 */
export function snapshotOfSession(
  session: Stripe.Checkout.Session,
  options: { paidAtFallback: Date | null; asyncFailed?: boolean },
): PaymentSnapshot {
  const pi = expanded(session.payment_intent)
  const outcome = sessionOutcome(session, pi, options.asyncFailed ?? false)
  const charge = expanded(pi?.latest_charge)
  const paidAt = charge ? new Date(charge.created * 1000) : options.paidAtFallback
  return {
    providerRef: session.id,
    attemptId: session.client_reference_id,
    status: outcome.status,
    amount: session.amount_total ?? pi?.amount ?? 0,
    currency: 'VND',
    transactionId: idOf(session.payment_intent),
    paidAt: outcome.status === 'succeeded' ? paidAt : null,
    failureCode: outcome.failureCode,
  }
}

export function refundStatusOf(status: string | null): RefundStatus {
  const s = known(stripeRefundStatuses, status)
  switch (s) {
    case 'pending':
    case 'requires_action':
    case 'unknown':
      return 'pending'
    case 'succeeded':
      return 'succeeded'
    case 'failed':
    case 'canceled':
      return 'failed'
    default:
      return unreachable(s)
  }
}

function refundOf(refund: Stripe.Refund, failed: boolean) {
  return {
    providerRef: refund.id,
    paymentTransactionId: idOf(refund.payment_intent),
    amount: refund.amount,
    status: failed ? ('failed' as const) : refundStatusOf(refund.status),
  }
}

/**
 * A verified event, normalised. Checkout Session events are the payment's (the session carries our attempt id
 * and the amount); refund events are the refunds'. `charge.refunded` counts only when the charge lists its
 * refunds (older API versions, or expanded); current versions leave them out, and `refund.created|updated`
 * carry the same news. Everything else is acknowledged and ignored.
 */
export function notificationOf(event: Stripe.Event): GatewayNotification {
  const eventId = event.id
  const occurredAt = new Date(event.created * 1000)
  const ignored: GatewayNotification = { kind: 'ignored', eventId, occurredAt, type: event.type }
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired': {
      const session = event.data.object
      if (typeof session?.id !== 'string') throw new NotificationRejected('malformed')
      if (!isVnd(session.currency)) return ignored
      const payment = snapshotOfSession(session, {
        paidAtFallback: occurredAt,
        asyncFailed: event.type === 'checkout.session.async_payment_failed',
      })
      return { kind: 'payment', eventId, occurredAt, payment }
    }
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed': {
      const refund = event.data.object
      if (typeof refund?.id !== 'string') throw new NotificationRejected('malformed')
      if (!isVnd(refund.currency)) return ignored
      return { kind: 'refund', eventId, occurredAt, refund: refundOf(refund, event.type === 'refund.failed') }
    }
    case 'charge.refunded': {
      const charge = event.data.object
      if (typeof charge?.id !== 'string') throw new NotificationRejected('malformed')
      const latest = [...(charge.refunds?.data ?? [])].sort((a, b) => b.created - a.created)[0]
      if (!latest || !isVnd(latest.currency)) return ignored
      return { kind: 'refund', eventId, occurredAt, refund: refundOf(latest, false) }
    }
    default:
      return ignored
  }
}

function lineKind(txn: Stripe.BalanceTransaction): SettlementLine['kind'] {
  switch (txn.reporting_category) {
    case 'charge':
      return 'payment'
    case 'refund':
    case 'refund_failure':
      return 'refund'
    case 'fee':
      return 'fee'
    case 'payout':
    case 'payout_reversal':
      return 'payout'
    default:
      return 'other'
  }
}

/**
 * A balance transaction (listed with `expand[]=data.source`) as a settlement line. The source charge or refund
 * gives the payment intent and our attempt id (the charge carries the PaymentIntent's metadata; refunds carry
 * attempt_id in their own). A payout's own line names the payout.
 */
export function settlementLineOf(txn: Stripe.BalanceTransaction): SettlementLine {
  if (!isVnd(txn.currency)) {
    throw new GatewayError(`Stripe balance transaction ${txn.id} is in ${txn.currency}, not vnd`, {
      provider: 'stripe',
      code: 'unexpected_currency',
      retryable: false,
    })
  }
  const source = expanded(txn.source)
  let transactionId: string | null = null
  let attemptId: string | null = null
  let payoutId: string | null = null
  let refundId: string | null = null
  if (source?.object === 'charge') {
    transactionId = idOf(source.payment_intent) ?? source.id
    attemptId = source.metadata?.attempt_id ?? null
  } else if (source?.object === 'refund') {
    transactionId = idOf(source.payment_intent) ?? idOf(source.charge)
    attemptId = source.metadata?.attempt_id ?? null
    refundId = source.id
  } else if (source?.object === 'payout') {
    payoutId = source.id
  } else if (typeof txn.source === 'string' && txn.source.startsWith('po_')) {
    payoutId = txn.source
  }
  return {
    lineId: txn.id,
    kind: lineKind(txn),
    attemptId,
    transactionId,
    gross: txn.amount,
    fee: txn.fee,
    net: txn.net,
    occurredAt: new Date(txn.created * 1000),
    payoutId,
    refundId,
  }
}
