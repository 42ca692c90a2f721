import Stripe from 'stripe'
import {
  GatewayError,
  NotificationRejected,
  unreachable,
  type NotificationAnswer,
  type NotificationOutcome,
  type PaymentGateway,
  type PaymentRef,
  type PaymentSnapshot,
  type SettlementLine,
} from '../../gateway'
import { stripeCall } from './errors'
import { isVnd, notificationOf, refundStatusOf, settlementLineOf, snapshotOfSession } from './normalise'

/**
 * The Stripe adapter (DESIGN §6): Checkout Sessions for payment, the Refunds API, signed webhooks, balance
 * transactions for settlement, through the official `stripe` client. The client runs on `fetch` (so msw can
 * answer it in the tests and in mock mode) with its own retries off: the portal retries with the same
 * idempotency key, and a caller must see a failure as it happened. The API host comes from configuration alone,
 * so the same code talks to the mock (`https://api.stripe.invalid`) or to Stripe.
 */

export interface StripeConfig {
  /** `sk_live_…` / `sk_test_…` (or a restricted key with Checkout, Refunds and Balance rights) */
  secretKey: string
  /** the webhook endpoint's `whsec_…` signing secret */
  webhookSecret: string
  /** default 'https://api.stripe.com'; scheme, host and port only (the client cannot add a path prefix) */
  apiBase?: string
  /** per request; default 20 000 ms */
  timeoutMs?: number
}

export const stripeDefaults = {
  apiBase: 'https://api.stripe.com',
  timeoutMs: 20_000,
  /** how old a webhook's signed timestamp may be (the official client's default) */
  signatureToleranceSeconds: 300,
} as const

const minute = 60
/** Stripe accepts expires_at between 30 minutes and 24 hours after it creates the session. */
const minExpiry = 30 * minute
const maxExpiry = 24 * 60 * minute
/** Room for the request to arrive, and for a retry after an outage, while still inside Stripe's window. */
const expirySlack = 5 * minute

/**
 * The session's expires_at, within Stripe's window. Computed from the attempt's own times only (never the clock),
 * so a retry with the same idempotency key sends the same parameters — a different expires_at would be an
 * `idempotency_error`. A first request sent more than 5 minutes after the attempt was created may therefore be
 * refused (expires_at too soon); the portal then starts a new attempt.
 */
export function checkoutExpiry(createdAt: Date, expiresAt: Date): number {
  const created = Math.floor(createdAt.getTime() / 1000)
  const wanted = Math.floor(expiresAt.getTime() / 1000)
  return Math.min(Math.max(wanted, created + minExpiry + expirySlack), created + maxExpiry)
}

function clientOptions(config: StripeConfig) {
  const base = new URL(config.apiBase ?? stripeDefaults.apiBase)
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new Error(`Stripe apiBase must be an http(s) URL, not ${base.protocol}`)
  }
  if (base.pathname !== '/' || base.search) throw new Error('Stripe apiBase must not have a path or query')
  const protocol = base.protocol === 'http:' ? ('http' as const) : ('https' as const)
  return {
    host: base.hostname,
    protocol,
    port: base.port || (protocol === 'https' ? 443 : 80),
    // Looks `fetch` up on every call rather than capturing it now, so interception installed after the gateway
    // was built (msw in mock mode and in the tests) still sees the requests.
    httpClient: Stripe.createFetchHttpClient((input, init) => globalThis.fetch(input, init)),
    maxNetworkRetries: 0,
    timeout: config.timeoutMs ?? stripeDefaults.timeoutMs,
  }
}

const ok: NotificationAnswer = {
  status: 200,
  contentType: 'application/json',
  body: JSON.stringify({ received: true }),
}

function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
  return key === undefined ? undefined : headers[key]
}

/** Which rejection a failed verification is: a stale timestamp, or anything else about the signature. */
function rejectionOf(error: unknown): NotificationRejected {
  if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
    return new NotificationRejected(/tolerance/i.test(error.message) ? 'timestamp' : 'signature')
  }
  // Verified but not JSON, or not an event at all.
  return new NotificationRejected('malformed')
}

function isEvent(value: unknown): value is Stripe.Event {
  if (typeof value !== 'object' || value === null) return false
  const e = value as { id?: unknown; type?: unknown; created?: unknown; data?: { object?: unknown } }
  return (
    typeof e.id === 'string' &&
    typeof e.type === 'string' &&
    typeof e.created === 'number' &&
    typeof e.data?.object === 'object' &&
    e.data.object !== null
  )
}

function unexpectedCurrency(what: string, currency: string | null): GatewayError {
  return new GatewayError(`Stripe ${what} is in ${currency}, not vnd`, {
    provider: 'stripe',
    code: 'unexpected_currency',
    retryable: false,
  })
}

export function createStripeGateway(config: StripeConfig): PaymentGateway {
  if (!config.secretKey.trim()) throw new Error('Stripe secretKey is empty')
  if (!config.webhookSecret.trim()) throw new Error('Stripe webhookSecret is empty')
  const stripe = new Stripe(config.secretKey, clientOptions(config))

  async function retrieve(ref: PaymentRef): Promise<PaymentSnapshot> {
    const session = await stripeCall('retrieve checkout session', () =>
      stripe.checkout.sessions.retrieve(ref.providerRef, {
        // The charge gives the time the money was taken.
        expand: ['payment_intent', 'payment_intent.latest_charge'],
      }),
    )
    if (!isVnd(session.currency)) throw unexpectedCurrency(`session ${session.id}`, session.currency)
    const pi = typeof session.payment_intent === 'object' ? session.payment_intent : null
    return snapshotOfSession(session, { paidAtFallback: pi ? new Date(pi.created * 1000) : null })
  }

  return {
    provider: 'stripe',

    async createCheckout(input) {
      if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
        throw new GatewayError('amount must be a positive whole number of đồng', {
          provider: 'stripe',
          code: 'invalid_amount',
          retryable: false,
        })
      }
      const session = await stripeCall('create checkout session', () =>
        stripe.checkout.sessions.create(
          {
            mode: 'payment',
            line_items: [
              {
                quantity: 1,
                // VND is zero-decimal at Stripe: unit_amount is the amount in đồng.
                price_data: {
                  currency: 'vnd',
                  unit_amount: input.amount,
                  product_data: { name: input.description },
                },
              },
            ],
            client_reference_id: input.attemptId,
            metadata: input.metadata,
            payment_intent_data: {
              description: input.description,
              // Charges inherit these, so settlement lines find the attempt; our attempt id wins over a
              // caller's key of the same name.
              metadata: { ...input.metadata, attempt_id: input.attemptId },
            },
            success_url: input.returnUrl,
            cancel_url: input.cancelUrl,
            locale: input.locale,
            expires_at: checkoutExpiry(input.createdAt, input.expiresAt),
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      )
      if (!session.url) {
        throw new GatewayError(`Stripe session ${session.id} has no hosted page URL`, {
          provider: 'stripe',
          code: 'no_redirect_url',
          retryable: false,
        })
      }
      return {
        providerRef: session.id,
        redirectUrl: session.url,
        expiresAt: new Date(session.expires_at * 1000),
      }
    },

    retrieve,

    async refund(input) {
      if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
        throw new GatewayError('refund amount must be a positive whole number of đồng', {
          provider: 'stripe',
          code: 'invalid_amount',
          retryable: false,
        })
      }
      // Normally known; if not, the session knows it (same answer on every retry, so the key still matches).
      const transactionId = input.payment.transactionId ?? (await retrieve(input.payment)).transactionId
      if (!transactionId) {
        throw new GatewayError(`nothing was paid on ${input.payment.providerRef}`, {
          provider: 'stripe',
          code: 'no_transaction',
          retryable: false,
        })
      }
      const refund = await stripeCall('create refund', () =>
        stripe.refunds.create(
          {
            payment_intent: transactionId,
            amount: input.amount,
            // Stripe takes only duplicate | fraudulent | requested_by_customer; our own reason goes in metadata.
            reason: 'requested_by_customer',
            metadata: {
              refund_id: input.refundId,
              attempt_id: input.payment.attemptId,
              requested_by: input.requestedBy.slice(0, 500),
              reason: input.reason.slice(0, 500),
            },
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      )
      return { providerRef: refund.id, status: refundStatusOf(refund.status) }
    },

    async parseNotification(request) {
      const header = headerValue(request.headers, 'stripe-signature')
      if (!header) throw new NotificationRejected('signature')
      if (request.rawBody.length === 0) throw new NotificationRejected('malformed')
      let event: unknown
      try {
        // Verifies over the raw bytes: any v1 may match (secret rotation), v0 is ignored, older than 300 s fails.
        event = await stripe.webhooks.constructEventAsync(
          request.rawBody,
          header,
          config.webhookSecret,
          stripeDefaults.signatureToleranceSeconds,
        )
      } catch (error) {
        throw rejectionOf(error)
      }
      if (!isEvent(event)) throw new NotificationRejected('malformed')
      return notificationOf(event)
    },

    answer(outcome: NotificationOutcome): NotificationAnswer {
      switch (outcome) {
        case 'applied':
        case 'duplicate':
        case 'already_settled':
        case 'unknown_order':
        case 'amount_mismatch': // recorded for finance; Stripe retrying the same event would not change it
          return ok
        case 'rejected':
          return { status: 400, contentType: 'application/json', body: JSON.stringify({ error: 'rejected' }) }
        case 'error':
          // Stripe retries a 5xx, which is what a failure on our side needs.
          return { status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'error' }) }
        default:
          return unreachable(outcome)
      }
    },

    async listSettlement(query) {
      // `created` is whole seconds: [from, to) becomes created >= ceil(from) and created < ceil(to).
      const filter =
        'payoutId' in query
          ? { payout: query.payoutId }
          : {
              created: {
                gte: Math.ceil(query.from.getTime() / 1000),
                lt: Math.ceil(query.to.getTime() / 1000),
              },
            }
      const lines = await stripeCall('list balance transactions', async () => {
        const found: SettlementLine[] = []
        // The official client's auto-pagination: every page, 100 at a time (starting_after).
        const list = stripe.balanceTransactions.list({ ...filter, limit: 100, expand: ['data.source'] })
        for await (const txn of list) {
          const line = settlementLineOf(txn)
          found.push('payoutId' in query ? { ...line, payoutId: line.payoutId ?? query.payoutId } : line)
        }
        return found
      })
      // Stripe lists newest first; reports read oldest first.
      return lines.reverse()
    },
  }
}
