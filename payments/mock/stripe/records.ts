import { randomBytes } from 'node:crypto'
import type { CardDecline } from './test-cards'

/**
 * What the mock Stripe holds in memory, and how each record is shown on the wire. Records keep only what the
 * portal and the official client use; the JSON adds the constant fields a Stripe object always has (`object`,
 * `livemode`…). Times are unix seconds and amounts integers in the currency's smallest unit (đồng for VND).
 * `seq` orders lists newest first even within one second.
 */

export type Json = Record<string, unknown>

export interface SessionRecord {
  id: string
  seq: number
  created: number
  expiresAt: number
  amount: number
  currency: string
  description: string
  clientReferenceId: string | null
  metadata: Record<string, string>
  paymentIntentData: { metadata: Record<string, string>; description: string | null }
  successUrl: string
  cancelUrl: string | null
  locale: string | null
  status: 'open' | 'complete' | 'expired'
  paymentStatus: 'unpaid' | 'paid'
  /** set once the payer first submits a card (Stripe creates the PaymentIntent then) */
  paymentIntentId: string | null
  /** the hosted page, served by the portal in mock mode */
  url: string
}

export type PaymentIntentStatus = 'requires_payment_method' | 'requires_action' | 'succeeded' | 'canceled'

export interface PaymentIntentRecord {
  id: string
  seq: number
  created: number
  amount: number
  currency: string
  description: string | null
  metadata: Record<string, string>
  status: PaymentIntentStatus
  lastPaymentError: CardDecline | null
  latestChargeId: string | null
  sessionId: string
  canceledAt: number | null
}

export interface ChargeRecord {
  id: string
  seq: number
  created: number
  amount: number
  amountRefunded: number
  currency: string
  paymentIntentId: string
  balanceTransactionId: string
  metadata: Record<string, string>
  description: string | null
}

export interface RefundRecord {
  id: string
  seq: number
  created: number
  amount: number
  currency: string
  chargeId: string
  paymentIntentId: string
  reason: string | null
  metadata: Record<string, string>
  status: 'succeeded'
  balanceTransactionId: string
}

export interface BalanceTransactionRecord {
  id: string
  seq: number
  created: number
  availableOn: number
  /** signed: refunds and payouts negative */
  amount: number
  fee: number
  currency: string
  type: 'charge' | 'refund' | 'payout'
  reportingCategory: 'charge' | 'refund' | 'payout'
  /** ch_, re_ or po_ */
  sourceId: string
  description: string | null
  /** the payout that swept it (automatic payouts only, which is what the mock's payouts are) */
  payoutId: string | null
}

export interface PayoutRecord {
  id: string
  seq: number
  created: number
  arrivalDate: number
  amount: number
  currency: string
  balanceTransactionId: string
}

export interface EventRecord {
  id: string
  seq: number
  created: number
  type: string
  /** the object's JSON as it was when the event happened */
  object: Json
  request: { id: string | null; idempotency_key: string | null }
}

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Ids with Stripe's prefixes (cs_test_, pi_, ch_, re_, evt_, txn_, po_, req_) and 24 random characters. */
export function newId(prefix: string): string {
  const bytes = randomBytes(24)
  let text = ''
  for (const byte of bytes) text += alphabet[byte % alphabet.length]
  return `${prefix}_${text}`
}

export function createState() {
  return {
    sessions: new Map<string, SessionRecord>(),
    paymentIntents: new Map<string, PaymentIntentRecord>(),
    charges: new Map<string, ChargeRecord>(),
    refunds: new Map<string, RefundRecord>(),
    balanceTransactions: new Map<string, BalanceTransactionRecord>(),
    payouts: new Map<string, PayoutRecord>(),
    events: new Map<string, EventRecord>(),
  }
}

export type State = ReturnType<typeof createState>

/**
 * Which fields a caller may expand, per object; a path like `payment_intent.latest_charge` expands through.
 * Anything else is refused as Stripe refuses it, so an adapter asking for something the mock cannot give
 * finds out in its tests rather than against the real API.
 */
export const expandable = {
  session: ['payment_intent', 'payment_intent.latest_charge'],
  paymentIntent: ['latest_charge'],
  refund: ['charge', 'payment_intent'],
  balanceTransaction: ['source'],
  payout: ['balance_transaction'],
  event: [],
  charge: ['balance_transaction', 'payment_intent'],
} as const

/** The paths below `field` (for `a.b.c` and field `a`: `b.c`). */
function below(expand: readonly string[], field: string): string[] {
  return expand.filter((p) => p.startsWith(`${field}.`)).map((p) => p.slice(field.length + 1))
}

export function createSerializers(state: State, nowSeconds: () => number) {
  function sessionJson(s: SessionRecord, expand: readonly string[] = []): Json {
    const pi = s.paymentIntentId ? state.paymentIntents.get(s.paymentIntentId) : undefined
    return {
      id: s.id,
      object: 'checkout.session',
      amount_subtotal: s.amount,
      amount_total: s.amount,
      cancel_url: s.cancelUrl,
      client_reference_id: s.clientReferenceId,
      created: s.created,
      currency: s.currency,
      customer: null,
      customer_email: null,
      expires_at: s.expiresAt,
      livemode: false,
      locale: s.locale,
      metadata: { ...s.metadata },
      mode: 'payment',
      payment_intent:
        pi && expand.includes('payment_intent')
          ? piJson(pi, below(expand, 'payment_intent'))
          : (pi?.id ?? null),
      payment_method_types: ['card'],
      payment_status: s.paymentStatus,
      status: s.status,
      submit_type: null,
      success_url: s.successUrl,
      ui_mode: 'hosted',
      // Stripe withdraws the hosted page once the session is closed.
      url: s.status === 'open' ? s.url : null,
    }
  }

  function piJson(pi: PaymentIntentRecord, expand: readonly string[] = []): Json {
    const charge = pi.latestChargeId ? state.charges.get(pi.latestChargeId) : undefined
    return {
      id: pi.id,
      object: 'payment_intent',
      amount: pi.amount,
      amount_capturable: 0,
      amount_received: pi.status === 'succeeded' ? pi.amount : 0,
      canceled_at: pi.canceledAt,
      cancellation_reason: pi.canceledAt ? 'abandoned' : null,
      capture_method: 'automatic_async',
      client_secret: `${pi.id}_secret_mock`,
      created: pi.created,
      currency: pi.currency,
      description: pi.description,
      last_payment_error: pi.lastPaymentError
        ? {
            type: 'card_error',
            code: pi.lastPaymentError.code,
            decline_code: pi.lastPaymentError.declineCode,
            message: pi.lastPaymentError.message,
          }
        : null,
      latest_charge: charge && expand.includes('latest_charge') ? chargeJson(charge) : (charge?.id ?? null),
      livemode: false,
      metadata: { ...pi.metadata },
      next_action: pi.status === 'requires_action' ? { type: 'use_stripe_sdk', use_stripe_sdk: {} } : null,
      payment_method_types: ['card'],
      status: pi.status,
    }
  }

  function chargeJson(c: ChargeRecord, expand: readonly string[] = []): Json {
    const txn = state.balanceTransactions.get(c.balanceTransactionId)
    const pi = state.paymentIntents.get(c.paymentIntentId)
    return {
      id: c.id,
      object: 'charge',
      amount: c.amount,
      amount_captured: c.amount,
      amount_refunded: c.amountRefunded,
      balance_transaction:
        txn && expand.includes('balance_transaction') ? balanceTransactionJson(txn) : c.balanceTransactionId,
      captured: true,
      created: c.created,
      currency: c.currency,
      description: c.description,
      livemode: false,
      metadata: { ...c.metadata },
      outcome: {
        network_status: 'approved_by_network',
        type: 'authorized',
        seller_message: 'Payment complete.',
      },
      paid: true,
      payment_intent: pi && expand.includes('payment_intent') ? piJson(pi) : c.paymentIntentId,
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', funding: 'credit' } },
      refunded: c.amountRefunded >= c.amount,
      status: 'succeeded',
    }
  }

  function refundJson(r: RefundRecord, expand: readonly string[] = []): Json {
    const charge = state.charges.get(r.chargeId)
    const pi = state.paymentIntents.get(r.paymentIntentId)
    return {
      id: r.id,
      object: 'refund',
      amount: r.amount,
      balance_transaction: r.balanceTransactionId,
      charge: charge && expand.includes('charge') ? chargeJson(charge) : r.chargeId,
      created: r.created,
      currency: r.currency,
      metadata: { ...r.metadata },
      payment_intent: pi && expand.includes('payment_intent') ? piJson(pi) : r.paymentIntentId,
      reason: r.reason,
      status: r.status,
    }
  }

  function sourceJson(id: string): Json | undefined {
    const charge = state.charges.get(id)
    if (charge) return chargeJson(charge)
    const refund = state.refunds.get(id)
    if (refund) return refundJson(refund)
    const payout = state.payouts.get(id)
    if (payout) return payoutJson(payout)
    return undefined
  }

  function balanceTransactionJson(t: BalanceTransactionRecord, expand: readonly string[] = []): Json {
    const source = expand.includes('source') ? sourceJson(t.sourceId) : undefined
    return {
      id: t.id,
      object: 'balance_transaction',
      amount: t.amount,
      available_on: t.availableOn,
      created: t.created,
      currency: t.currency,
      description: t.description,
      exchange_rate: null,
      fee: t.fee,
      fee_details: t.fee
        ? [{ amount: t.fee, currency: t.currency, description: 'Stripe processing fees', type: 'stripe_fee' }]
        : [],
      net: t.amount - t.fee,
      reporting_category: t.reportingCategory,
      source: source ?? t.sourceId,
      status: t.availableOn <= nowSeconds() ? 'available' : 'pending',
      type: t.type,
    }
  }

  function payoutJson(p: PayoutRecord, expand: readonly string[] = []): Json {
    const txn = state.balanceTransactions.get(p.balanceTransactionId)
    return {
      id: p.id,
      object: 'payout',
      amount: p.amount,
      arrival_date: p.arrivalDate,
      automatic: true,
      balance_transaction:
        txn && expand.includes('balance_transaction') ? balanceTransactionJson(txn) : p.balanceTransactionId,
      created: p.created,
      currency: p.currency,
      livemode: false,
      metadata: {},
      method: 'standard',
      reconciliation_status: 'completed',
      status: 'paid',
      type: 'bank_account',
    }
  }

  function eventJson(e: EventRecord): Json {
    return {
      id: e.id,
      object: 'event',
      api_version: apiVersion,
      created: e.created,
      data: { object: e.object },
      livemode: false,
      pending_webhooks: 1,
      request: e.request,
      type: e.type,
    }
  }

  return { sessionJson, piJson, chargeJson, refundJson, balanceTransactionJson, payoutJson, eventJson }
}

/** The API version the mock's events are rendered in: the one the installed official client is pinned to. */
export const apiVersion = '2026-10-28.endive'
