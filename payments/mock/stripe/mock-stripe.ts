import type { HttpHandler } from 'msw'
import type { Delivery } from '../delivery'
import {
  createdFilter,
  httpUrl,
  int,
  invalidParam,
  metadata,
  notFound,
  obj,
  objects,
  onlyKnown,
  refused,
  str,
  strings,
} from './params'
import {
  createSerializers,
  createState,
  expandable,
  newId,
  type Json,
  type PaymentIntentRecord,
  type SessionRecord,
} from './records'
import { stripeSignatureHeader } from './sign'
import { cardBehaviour, threeDSecureFailure, type CardDecline } from './test-cards'
import { createWire, expansions, listParams, page, type RequestContext } from './wire'

/**
 * Stripe imitated in memory (DESIGN §6): the slice of the REST API the portal and its reconciliation use, as msw
 * handlers that the official `stripe` client works against unchanged (form-encoded requests, Bearer auth,
 * idempotency keys, Stripe's error shapes and statuses, zero-decimal VND, real id prefixes), and the hosted
 * Checkout page's decisions as payer controls that the portal's mock page calls.
 *
 * Every state change emits an event: stored (GET /v1/events) and handed to `delivery`, which POSTs it to the
 * portal's webhook with a `Stripe-Signature` header, at least once, retried on non-2xx like Stripe.
 */

export interface MockStripeOptions {
  /** default 'https://api.stripe.invalid' (a reserved name that can never reach a real host) */
  apiBase?: string
  /** the only key the API accepts (401 otherwise) */
  secretKey: string
  /** `whsec_…`, signs every webhook */
  webhookSecret: string
  /** the portal serves the hosted page at `${checkoutPageBase}/${sessionId}` in mock mode */
  checkoutPageBase: string
  webhookUrl: string
  delivery: Delivery
  /** Stripe's fee on a charge in đồng; default 1.1 % + 2 000 ₫, rounded */
  feeFor?: (amount: number) => number
  /** the mock's clock (events, expiry, balance availability); default the real one */
  now?: () => Date
}

/** What the hosted page shows about a session. */
export interface MockCheckoutView {
  id: string
  /** đồng */
  amount: number
  currency: string
  description: string
  status: 'open' | 'complete' | 'expired'
  paymentStatus: 'unpaid' | 'paid'
  /** with `{CHECKOUT_SESSION_ID}` filled in, as Stripe does */
  successUrl: string
  /** the session's cancel_url, or its success URL when it has none (Stripe's page then shows no back link) */
  cancelUrl: string
  locale: string | null
  expiresAt: Date
  /** the payer owes a 3-D Secure challenge (PaymentIntent requires_action) */
  awaitingThreeDS: boolean
  lastError: { code: string; declineCode: string | null; message: string } | null
}

/** What the hosted page does next: redirect on success, show the challenge, or show the decline. */
export interface PayResult {
  outcome: 'succeeded' | 'requires_action' | 'declined'
  code?: string
  declineCode?: string
  /** where Stripe sends the browser (the success URL) */
  redirectUrl?: string
}

export const defaultMockStripeApiBase = 'https://api.stripe.invalid'

/** The mock's fee on a charge (an assumption for tests and demos, not a Stripe price list): 1.1 % + 2 000 ₫. */
export const defaultStripeFee = (amount: number) => Math.round(amount * 0.011) + 2_000

/** Stripe's Checkout locales (the mock refuses others, as Stripe does). */
const locales = (
  'auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ' +
  'ro ru sk sl sv th tr vi zh zh-HK zh-TW'
).split(' ')
const refundReasons = ['duplicate', 'fraudulent', 'requested_by_customer']
const day = 86_400

export function createMockStripe(options: MockStripeOptions) {
  const apiBase = (options.apiBase ?? defaultMockStripeApiBase).replace(/\/+$/, '')
  const now = options.now ?? (() => new Date())
  const nowSeconds = () => Math.floor(now().getTime() / 1000)
  const feeFor = options.feeFor ?? defaultStripeFee
  const state = createState()
  const views = createSerializers(state, nowSeconds)
  const wire = createWire({
    apiBase,
    secretKey: options.secretKey,
    nowMs: () => now().getTime(),
    beforeEach: () => expireDueSessions(),
  })
  const endpoint = wire.endpoint
  let seq = 0
  const nextSeq = () => ++seq

  // ---------------------------------------------------------------------------------------------- events

  function emit(type: string, object: Json, context?: RequestContext) {
    const event = {
      id: newId('evt'),
      seq: nextSeq(),
      created: nowSeconds(),
      type,
      object,
      request: { id: context?.requestId ?? null, idempotency_key: context?.idempotencyKey ?? null },
    }
    state.events.set(event.id, event)
    // Stripe sends pretty-printed JSON; the raw bytes are what is signed.
    const body = JSON.stringify(views.eventJson(event), null, 2)
    const headersNow = () => ({
      'Content-Type': 'application/json',
      // Signed with the wall clock, not the mock's: the receiver checks the timestamp against its own clock.
      'Stripe-Signature': stripeSignatureHeader(body, options.webhookSecret),
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    })
    options.delivery.enqueue({
      provider: 'stripe',
      id: event.id,
      method: 'POST',
      url: options.webhookUrl,
      headers: headersNow(),
      // Like Stripe, each delivery attempt is signed afresh, so a retry hours later is not stale.
      headersAt: headersNow,
      body,
    })
  }

  // ------------------------------------------------------------------------------------ checkout sessions

  function successUrlOf(s: SessionRecord) {
    return s.successUrl.replaceAll('{CHECKOUT_SESSION_ID}', s.id)
  }

  function expire(s: SessionRecord, context?: RequestContext) {
    s.status = 'expired'
    const pi = s.paymentIntentId ? state.paymentIntents.get(s.paymentIntentId) : undefined
    if (pi && pi.status !== 'succeeded' && pi.status !== 'canceled') {
      pi.status = 'canceled'
      pi.canceledAt = nowSeconds()
    }
    emit('checkout.session.expired', views.sessionJson(s), context)
  }

  /** Stripe closes a session by itself at expires_at; the mock does it whenever it is next asked anything. */
  function expireDueSessions() {
    const t = nowSeconds()
    for (const s of state.sessions.values()) if (s.status === 'open' && s.expiresAt <= t) expire(s)
  }

  function sessionOrThrow(id: string) {
    const s = state.sessions.get(id)
    if (!s) throw notFound('checkout.session', id)
    return s
  }

  function createSession({ params }: RequestContext): Json {
    onlyKnown(params, [
      'mode',
      'line_items',
      'client_reference_id',
      'metadata',
      'payment_intent_data',
      'success_url',
      'cancel_url',
      'locale',
      'expires_at',
      'expand',
      'payment_method_types',
      'customer_email',
      'submit_type',
    ])
    const mode = str(params, 'mode', { required: true })
    if (mode !== 'payment') {
      throw invalidParam(
        `The mock supports mode=payment only, not ${mode}.`,
        'mode',
        'parameter_invalid_string',
      )
    }
    const items = objects(params, 'line_items')
    if (!items?.length)
      throw invalidParam('Missing required param: line_items.', 'line_items', 'parameter_missing')
    let amount = 0
    let currency: string | undefined
    const names: string[] = []
    items.forEach((item, i) => {
      const at = `line_items[${i}]`
      onlyKnown(item, ['price_data', 'quantity', 'price'])
      if (item.price !== undefined) {
        throw invalidParam(`No such price: '${String(item.price)}'`, `${at}[price]`, 'resource_missing')
      }
      const quantity = int(item, 'quantity', { required: true, min: 1, path: `${at}[quantity]` })!
      const priceData = obj(item, 'price_data', `${at}[price_data]`)
      if (!priceData)
        throw invalidParam(
          `Missing required param: ${at}[price_data].`,
          `${at}[price_data]`,
          'parameter_missing',
        )
      onlyKnown(priceData, ['currency', 'unit_amount', 'product_data'])
      const itemCurrency = str(priceData, 'currency', {
        required: true,
        path: `${at}[price_data][currency]`,
      })!
      // VND is zero-decimal: unit_amount is in đồng and must be a whole number (int() refuses 200000.5).
      if (itemCurrency.toLowerCase() !== 'vnd') {
        throw invalidParam(
          `The mock gateway settles in vnd only, not ${itemCurrency}.`,
          `${at}[price_data][currency]`,
          'parameter_invalid_string',
        )
      }
      if (currency && currency !== itemCurrency.toLowerCase()) {
        throw invalidParam('All line items must have the same currency.', `${at}[price_data][currency]`)
      }
      currency = itemCurrency.toLowerCase()
      const unit = int(priceData, 'unit_amount', {
        required: true,
        min: 1,
        path: `${at}[price_data][unit_amount]`,
      })!
      const product = obj(priceData, 'product_data', `${at}[price_data][product_data]`)
      if (!product) {
        throw invalidParam(
          `Missing required param: ${at}[price_data][product_data].`,
          `${at}[price_data][product_data]`,
          'parameter_missing',
        )
      }
      names.push(
        str(product, 'name', { required: true, max: 250, path: `${at}[price_data][product_data][name]` })!,
      )
      amount += unit * quantity
    })
    if (!Number.isSafeInteger(amount))
      throw invalidParam('Amount too large.', 'line_items', 'amount_too_large')
    const t = nowSeconds()
    const expiresAt = int(params, 'expires_at') ?? t + day
    if (expiresAt < t + 30 * 60) {
      throw invalidParam(
        'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
        'expires_at',
        'parameter_invalid_integer',
      )
    }
    if (expiresAt > t + day) {
      throw invalidParam(
        'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
        'expires_at',
        'parameter_invalid_integer',
      )
    }
    const locale = str(params, 'locale') ?? null
    if (locale !== null && !locales.includes(locale)) {
      throw invalidParam(`Invalid locale: ${locale}`, 'locale', 'parameter_invalid_string')
    }
    const piData = obj(params, 'payment_intent_data') ?? {}
    onlyKnown(piData, ['metadata', 'description'])
    const expand = expansions(params, expandable.session)
    const record: SessionRecord = {
      id: newId('cs_test'),
      seq: nextSeq(),
      created: t,
      expiresAt,
      amount,
      currency: currency!,
      description: names.join(', '),
      clientReferenceId: str(params, 'client_reference_id', { max: 200 }) ?? null,
      metadata: metadata(params, 'metadata'),
      paymentIntentData: {
        metadata: metadata(piData, 'metadata', 'payment_intent_data[metadata]'),
        description:
          str(piData, 'description', { max: 1_000, path: 'payment_intent_data[description]' }) ?? null,
      },
      successUrl: httpUrl(params, 'success_url', true)!,
      cancelUrl: httpUrl(params, 'cancel_url', false) ?? null,
      locale,
      status: 'open',
      paymentStatus: 'unpaid',
      paymentIntentId: null,
      url: '',
    }
    record.url = `${options.checkoutPageBase.replace(/\/+$/, '')}/${record.id}`
    state.sessions.set(record.id, record)
    return views.sessionJson(record, expand)
  }

  // ------------------------------------------------------------------------------------------- the payer

  function paymentIntentOf(s: SessionRecord): PaymentIntentRecord {
    const existing = s.paymentIntentId ? state.paymentIntents.get(s.paymentIntentId) : undefined
    if (existing) return existing
    const pi: PaymentIntentRecord = {
      id: newId('pi'),
      seq: nextSeq(),
      created: nowSeconds(),
      amount: s.amount,
      currency: s.currency,
      description: s.paymentIntentData.description,
      metadata: { ...s.paymentIntentData.metadata },
      status: 'requires_payment_method',
      lastPaymentError: null,
      latestChargeId: null,
      sessionId: s.id,
      canceledAt: null,
    }
    state.paymentIntents.set(pi.id, pi)
    s.paymentIntentId = pi.id
    return pi
  }

  /** Money taken: charge, balance transaction (fee, available a day later), session complete, events. */
  function succeed(s: SessionRecord, pi: PaymentIntentRecord): PayResult {
    const created = nowSeconds()
    const chargeId = newId('ch')
    const txnId = newId('txn')
    const fee = Math.round(feeFor(pi.amount))
    state.balanceTransactions.set(txnId, {
      id: txnId,
      seq: nextSeq(),
      created,
      availableOn: created + day,
      amount: pi.amount,
      fee,
      currency: pi.currency,
      type: 'charge',
      reportingCategory: 'charge',
      sourceId: chargeId,
      description: pi.description,
      payoutId: null,
    })
    state.charges.set(chargeId, {
      id: chargeId,
      seq: nextSeq(),
      created,
      amount: pi.amount,
      amountRefunded: 0,
      currency: pi.currency,
      paymentIntentId: pi.id,
      balanceTransactionId: txnId,
      // A charge carries its PaymentIntent's metadata, which is how reconciliation finds our attempt.
      metadata: { ...pi.metadata },
      description: pi.description,
    })
    pi.status = 'succeeded'
    pi.lastPaymentError = null
    pi.latestChargeId = chargeId
    s.status = 'complete'
    s.paymentStatus = 'paid'
    emit('payment_intent.succeeded', views.piJson(pi))
    emit('checkout.session.completed', views.sessionJson(s))
    return { outcome: 'succeeded', redirectUrl: successUrlOf(s) }
  }

  /** The card was refused: the session stays open for another try, as on Stripe's page. */
  function decline(pi: PaymentIntentRecord, reason: CardDecline): PayResult {
    pi.status = 'requires_payment_method'
    pi.lastPaymentError = reason
    emit('payment_intent.payment_failed', views.piJson(pi))
    return { outcome: 'declined', code: reason.code, declineCode: reason.declineCode }
  }

  /** A closed session: paying again changes nothing (a double submit lands on the success page). */
  function closedResult(s: SessionRecord): PayResult | null {
    if (s.status === 'complete') return { outcome: 'succeeded', redirectUrl: successUrlOf(s) }
    if (s.status === 'expired') return { outcome: 'declined', code: 'session_expired' }
    return null
  }

  function payCheckout(sessionId: string, cardNumber: string): PayResult {
    expireDueSessions()
    const s = state.sessions.get(sessionId)
    if (!s) return { outcome: 'declined', code: 'resource_missing' }
    const closed = closedResult(s)
    if (closed) return closed
    const pi = paymentIntentOf(s)
    const card = cardBehaviour(cardNumber)
    switch (card.kind) {
      case 'success':
        return succeed(s, pi)
      case 'three_d_secure':
        pi.status = 'requires_action'
        pi.lastPaymentError = null
        emit('payment_intent.requires_action', views.piJson(pi))
        return { outcome: 'requires_action' }
      case 'decline':
        return decline(pi, card)
    }
  }

  function completeThreeDS(sessionId: string, approve: boolean): PayResult {
    expireDueSessions()
    const s = state.sessions.get(sessionId)
    if (!s) return { outcome: 'declined', code: 'resource_missing' }
    const closed = closedResult(s)
    if (closed) return closed
    const pi = s.paymentIntentId ? state.paymentIntents.get(s.paymentIntentId) : undefined
    if (!pi || pi.status !== 'requires_action')
      return { outcome: 'declined', code: 'payment_intent_unexpected_state' }
    return approve ? succeed(s, pi) : decline(pi, threeDSecureFailure)
  }

  // ---------------------------------------------------------------------------------- refunds and payouts

  function createRefund(context: RequestContext): Json {
    const { params } = context
    onlyKnown(params, ['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand'])
    const paymentIntentId = str(params, 'payment_intent')
    const chargeId = str(params, 'charge')
    if (!paymentIntentId && !chargeId) {
      throw invalidParam(
        'One of the following params should be provided for this request: payment_intent or charge.',
        undefined,
        'parameter_missing',
      )
    }
    const requested = int(params, 'amount', { min: 1 })
    const reason = str(params, 'reason') ?? null
    if (reason !== null && !refundReasons.includes(reason)) {
      throw invalidParam(
        `Invalid reason: must be one of ${refundReasons.join(', ')}`,
        'reason',
        'parameter_invalid_string',
      )
    }
    const meta = metadata(params, 'metadata')
    const expand = expansions(params, expandable.refund)
    let charge
    if (chargeId) {
      charge = state.charges.get(chargeId)
      if (!charge) throw invalidParam(`No such charge: '${chargeId}'`, 'charge', 'resource_missing')
    } else {
      const pi = state.paymentIntents.get(paymentIntentId!)
      if (!pi)
        throw invalidParam(
          `No such payment_intent: '${paymentIntentId}'`,
          'payment_intent',
          'resource_missing',
        )
      charge =
        pi.status === 'succeeded' && pi.latestChargeId ? state.charges.get(pi.latestChargeId) : undefined
      if (!charge) {
        throw refused(
          `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
          'charge_not_refundable',
          'payment_intent',
        )
      }
    }
    const remaining = charge.amount - charge.amountRefunded
    if (remaining <= 0)
      throw refused(`Charge ${charge.id} has already been refunded.`, 'charge_already_refunded')
    const amount = requested ?? remaining
    if (amount > remaining) {
      throw refused(
        `Refund amount (₫${amount.toLocaleString('en-US')}) is greater than unrefunded amount on charge ` +
          `(₫${remaining.toLocaleString('en-US')})`,
        'amount_too_large',
        'amount',
      )
    }
    const created = nowSeconds()
    const refundId = newId('re')
    const txnId = newId('txn')
    state.balanceTransactions.set(txnId, {
      id: txnId,
      seq: nextSeq(),
      created,
      availableOn: created,
      amount: -amount,
      fee: 0,
      currency: charge.currency,
      type: 'refund',
      reportingCategory: 'refund',
      sourceId: refundId,
      description: 'REFUND FOR CHARGE',
      payoutId: null,
    })
    const refund = {
      id: refundId,
      seq: nextSeq(),
      created,
      amount,
      currency: charge.currency,
      chargeId: charge.id,
      paymentIntentId: charge.paymentIntentId,
      reason,
      metadata: meta,
      status: 'succeeded' as const,
      balanceTransactionId: txnId,
    }
    state.refunds.set(refundId, refund)
    charge.amountRefunded += amount
    emit('refund.created', views.refundJson(refund), context)
    emit('charge.refunded', views.chargeJson(charge), context)
    return views.refundJson(refund, expand)
  }

  /**
   * An automatic payout: sweeps every available balance transaction not yet paid out, so
   * `GET /v1/balance_transactions?payout=po_…` lists them (Stripe reconciles automatic payouts only).
   */
  function createPayout(context: RequestContext): Json {
    const { params } = context
    onlyKnown(params, [
      'amount',
      'currency',
      'description',
      'metadata',
      'method',
      'statement_descriptor',
      'expand',
    ])
    const currency = (str(params, 'currency') ?? 'vnd').toLowerCase()
    if (currency !== 'vnd')
      throw invalidParam(`The mock gateway settles in vnd only, not ${currency}.`, 'currency')
    const requested = int(params, 'amount', { min: 1 })
    const expand = expansions(params, expandable.payout)
    const t = nowSeconds()
    const swept = [...state.balanceTransactions.values()].filter(
      (x) => x.payoutId === null && x.type !== 'payout' && x.availableOn <= t,
    )
    const available = swept.reduce((sum, x) => sum + x.amount - x.fee, 0)
    if (available <= 0) {
      throw refused(
        'You have insufficient funds in your Stripe account for this transfer.',
        'balance_insufficient',
      )
    }
    if (requested !== undefined && requested !== available) {
      throw invalidParam(
        `The mock pays out the whole available balance (${available}); amount must equal it or be left out.`,
        'amount',
      )
    }
    const payoutId = newId('po')
    const txnId = newId('txn')
    state.balanceTransactions.set(txnId, {
      id: txnId,
      seq: nextSeq(),
      created: t,
      availableOn: t,
      amount: -available,
      fee: 0,
      currency,
      type: 'payout',
      reportingCategory: 'payout',
      sourceId: payoutId,
      description: str(params, 'description') ?? 'STRIPE PAYOUT',
      payoutId,
    })
    for (const x of swept) x.payoutId = payoutId
    const payout = {
      id: payoutId,
      seq: nextSeq(),
      created: t,
      arrivalDate: t + day,
      amount: available,
      currency,
      balanceTransactionId: txnId,
    }
    state.payouts.set(payoutId, payout)
    emit('payout.created', views.payoutJson(payout), context)
    emit('payout.paid', views.payoutJson(payout), context)
    return views.payoutJson(payout, expand)
  }

  const handlers: HttpHandler[] = [
    endpoint('POST', '/v1/checkout/sessions', createSession),
    endpoint('GET', '/v1/checkout/sessions', ({ params }) => {
      onlyKnown(params, [...listParams, 'payment_intent', 'status'])
      const expand = expansions(params, expandable.session, true)
      const created = createdFilter(params)
      const paymentIntent = str(params, 'payment_intent')
      const status = str(params, 'status')
      return page(
        state.sessions.values(),
        (s) =>
          created(s.created) &&
          (paymentIntent === undefined || s.paymentIntentId === paymentIntent) &&
          (status === undefined || s.status === status),
        params,
        '/v1/checkout/sessions',
        (s) => views.sessionJson(s, expand),
      )
    }),
    endpoint('GET', '/v1/checkout/sessions/:id', ({ params, ids }) => {
      onlyKnown(params, ['expand'])
      return views.sessionJson(sessionOrThrow(ids.id), expansions(params, expandable.session))
    }),
    endpoint('POST', '/v1/checkout/sessions/:id/expire', (context) => {
      onlyKnown(context.params, ['expand'])
      const expand = expansions(context.params, expandable.session)
      const s = sessionOrThrow(context.ids.id)
      if (s.status !== 'open') {
        throw refused(
          `Only Checkout Sessions with a status in ["open"] can be expired. This session has status "${s.status}".`,
          'checkout_session_not_open',
        )
      }
      expire(s, context)
      return views.sessionJson(s, expand)
    }),
    endpoint('GET', '/v1/payment_intents/:id', ({ params, ids }) => {
      onlyKnown(params, ['expand', 'client_secret'])
      const pi = state.paymentIntents.get(ids.id)
      if (!pi) throw notFound('payment_intent', ids.id)
      return views.piJson(pi, expansions(params, expandable.paymentIntent))
    }),
    endpoint('POST', '/v1/refunds', createRefund),
    endpoint('GET', '/v1/refunds/:id', ({ params, ids }) => {
      onlyKnown(params, ['expand'])
      const refund = state.refunds.get(ids.id)
      if (!refund) throw notFound('refund', ids.id)
      return views.refundJson(refund, expansions(params, expandable.refund))
    }),
    endpoint('GET', '/v1/events', ({ params }) => {
      onlyKnown(params, [...listParams, 'type', 'types', 'delivery_success'])
      expansions(params, expandable.event, true)
      const created = createdFilter(params)
      const type = str(params, 'type')
      const types = strings(params, 'types')
      const matches = (t: string) =>
        (type === undefined || (type.endsWith('*') ? t.startsWith(type.slice(0, -1)) : t === type)) &&
        (types.length === 0 || types.includes(t))
      return page(
        state.events.values(),
        (e) => created(e.created) && matches(e.type),
        params,
        '/v1/events',
        views.eventJson,
      )
    }),
    endpoint('GET', '/v1/events/:id', ({ params, ids }) => {
      onlyKnown(params, ['expand'])
      const event = state.events.get(ids.id)
      if (!event) throw notFound('event', ids.id)
      return views.eventJson(event)
    }),
    endpoint('GET', '/v1/balance_transactions', ({ params }) => {
      onlyKnown(params, [...listParams, 'payout', 'type', 'source', 'currency'])
      const expand = expansions(params, expandable.balanceTransaction, true)
      const created = createdFilter(params)
      const payout = str(params, 'payout')
      if (payout !== undefined && !state.payouts.has(payout)) {
        throw invalidParam(`No such payout: '${payout}'`, 'payout', 'resource_missing')
      }
      const type = str(params, 'type')
      const source = str(params, 'source')
      const currency = str(params, 'currency')
      return page(
        state.balanceTransactions.values(),
        (x) =>
          created(x.created) &&
          (payout === undefined || x.payoutId === payout) &&
          (type === undefined || x.type === type) &&
          (source === undefined || x.sourceId === source) &&
          (currency === undefined || x.currency === currency.toLowerCase()),
        params,
        '/v1/balance_transactions',
        (x) => views.balanceTransactionJson(x, expand),
      )
    }),
    endpoint('POST', '/v1/payouts', createPayout),
    endpoint('GET', '/v1/payouts/:id', ({ params, ids }) => {
      onlyKnown(params, ['expand'])
      const payout = state.payouts.get(ids.id)
      if (!payout) throw notFound('payout', ids.id)
      return views.payoutJson(payout, expansions(params, expandable.payout))
    }),
    wire.unknownUrl(),
  ]

  // ------------------------------------------------------------------------------- controls for the tests

  /** The PaymentIntents of the sessions that name this attempt (client_reference_id). */
  function paymentIntentIdsFor(attemptId: string): Set<string> {
    const ids = new Set<string>()
    for (const pi of state.paymentIntents.values()) {
      if (state.sessions.get(pi.sessionId)?.clientReferenceId === attemptId) ids.add(pi.id)
    }
    return ids
  }

  return {
    handlers,
    /** The hosted page's view of a session, or null when the mock holds no such session. */
    session(id: string): MockCheckoutView | null {
      expireDueSessions()
      const s = state.sessions.get(id)
      if (!s) return null
      const pi = s.paymentIntentId ? state.paymentIntents.get(s.paymentIntentId) : undefined
      const error = pi?.lastPaymentError
      return {
        id: s.id,
        amount: s.amount,
        currency: s.currency,
        description: s.description,
        status: s.status,
        paymentStatus: s.paymentStatus,
        successUrl: successUrlOf(s),
        cancelUrl: s.cancelUrl ?? successUrlOf(s),
        locale: s.locale,
        expiresAt: new Date(s.expiresAt * 1000),
        awaitingThreeDS: pi?.status === 'requires_action',
        lastError: error
          ? { code: error.code, declineCode: error.declineCode ?? null, message: error.message }
          : null,
      }
    },
    /** The payer submits a card number on the hosted page (Stripe's test cards; see test-cards.ts). */
    payCheckout,
    /** The payer passes (approve) or fails the 3-D Secure challenge. */
    completeThreeDS,
    /**
     * Make the next API request fail: '500' answers 500 api_error without doing anything; 'timeout' does the
     * work (and saves it under the idempotency key) but answers only after `timeoutMs` (default 21 s, past the
     * adapter's default 20 s). Calls queue: three calls fail the next three requests.
     */
    failNext(kind: '500' | 'timeout', timeoutMs = 21_000) {
      wire.failNext(kind === '500' ? { kind } : { kind, ms: timeoutMs })
    },
    /** Make the next API request take `ms` before it runs, its idempotency key in use meanwhile (for 409s). */
    slowNext(ms: number) {
      wire.failNext({ kind: 'slow', ms })
    },
    /**
     * The gateway settles an attempt's charge for another amount than the payer paid (a tampered or mis-keyed
     * amount): its balance transaction's gross becomes `amount`, the fee staying the same. Returns the number of
     * balance transactions changed.
     */
    tamperSettlement(attemptId: string, amount: number): number {
      // the portal sends its attempt id without dashes as client_reference_id
      const ids = paymentIntentIdsFor(attemptId.replaceAll('-', ''))
      let changed = 0
      for (const charge of state.charges.values()) {
        if (!ids.has(charge.paymentIntentId)) continue
        const txn = state.balanceTransactions.get(charge.balanceTransactionId)
        if (txn) {
          txn.amount = amount
          changed++
        }
      }
      return changed
    },
    /** Successful charges for an attempt (sessions whose client_reference_id is the attempt id). */
    chargesFor(attemptId: string): number {
      const ids = paymentIntentIdsFor(attemptId)
      return [...state.charges.values()].filter((c) => ids.has(c.paymentIntentId)).length
    },
    /** Refunds against an attempt's charges. */
    refundsFor(attemptId: string): number {
      const ids = paymentIntentIdsFor(attemptId)
      return [...state.refunds.values()].filter((r) => ids.has(r.paymentIntentId)).length
    },
    /** A valid `Stripe-Signature` header for a payload (default timestamp: now). */
    signEvent(payload: string, timestamp?: number): string {
      return stripeSignatureHeader(payload, options.webhookSecret, timestamp)
    },
    /** Forget everything (sessions, payments, events, idempotency keys, pending switches). */
    reset() {
      for (const map of Object.values(state)) map.clear()
      wire.reset()
    },
  }
}

export type MockStripe = ReturnType<typeof createMockStripe>
