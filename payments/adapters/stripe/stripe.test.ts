import { createHmac, randomUUID } from 'node:crypto'
import { setupServer } from 'msw/node'
import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  GatewayError,
  NotificationRejected,
  type Checkout,
  type CreateCheckoutInput,
  type IncomingNotification,
} from '../../gateway'
import { createDelivery, type OutgoingNotification } from '../../mock/delivery'
import { createMockStripe, stripeSignature, stripeSignatureHeader } from '../../mock/stripe'
import { checkoutInput, refOf } from '../../testing/contract'
import { checkoutExpiry, createStripeGateway } from './stripe-gateway'

const apiBase = 'https://api.stripe.invalid'
const secretKey = 'sk_test_unit_dichvucong_portal'
const webhookSecret = 'whsec_unit_dichvucong_portal_secret'

/** The mock's clock; null follows the real one. */
let clock: Date | null = null
/** Every webhook the mock sent (each delivery attempt), and how the "portal" answers them. */
let sent: OutgoingNotification[] = []
let portalStatus: (n: OutgoingNotification, attempt: number) => number = () => 200
const attempts = new Map<string, number>()

const delivery = createDelivery(async (n) => {
  sent.push(n)
  const attempt = (attempts.get(n.id) ?? 0) + 1
  attempts.set(n.id, attempt)
  return { status: portalStatus(n, attempt), body: '' }
})
const mock = createMockStripe({
  apiBase,
  secretKey,
  webhookSecret,
  checkoutPageBase: 'http://portal.test/mock-gateway/checkout',
  webhookUrl: 'http://portal.test/webhooks/stripe',
  delivery,
  now: () => clock ?? new Date(),
})
const server = setupServer(...mock.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
beforeEach(() => {
  mock.reset()
  delivery.reset()
  delivery.set({ retryDelayMs: 1 })
  sent = []
  attempts.clear()
  portalStatus = () => 200
  clock = null
})

const gateway = createStripeGateway({ apiBase, secretKey, webhookSecret, timeoutMs: 300 })

/** The official client, configured as the adapter configures it, to prove the mock speaks Stripe's API. */
function officialClient(key = secretKey) {
  return new Stripe(key, {
    host: 'api.stripe.invalid',
    protocol: 'https',
    port: 443,
    httpClient: Stripe.createFetchHttpClient((input, init) => globalThis.fetch(input, init)),
    maxNetworkRetries: 0,
    timeout: 2_000,
  })
}
const client = officialClient()

/** A raw request to the mock, form-encoded as Stripe expects. */
async function api(
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const encoded = new URLSearchParams(params).toString()
  const response = await fetch(
    method === 'GET' && encoded ? `${apiBase}${path}?${encoded}` : `${apiBase}${path}`,
    {
      method,
      headers: {
        authorization: `Bearer ${secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      body: method === 'POST' ? encoded : undefined,
    },
  )
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) }
}

const nowSeconds = () => Math.floor(Date.now() / 1000)

function sessionParams(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    mode: 'payment',
    'line_items[0][quantity]': '1',
    'line_items[0][price_data][currency]': 'vnd',
    'line_items[0][price_data][unit_amount]': '200000',
    'line_items[0][price_data][product_data][name]': 'Phí cấp Phiếu lý lịch tư pháp',
    success_url: 'http://portal.test/payments/return/a1',
    client_reference_id: 'a1',
    expires_at: String(nowSeconds() + 3_600),
    ...overrides,
  }
}

async function takeSent(): Promise<OutgoingNotification[]> {
  await delivery.flush()
  const taken = sent
  sent = []
  return taken
}

function incoming(body: string, signature: string | undefined): IncomingNotification {
  return {
    method: 'POST',
    url: 'http://portal.test/webhooks/stripe',
    headers:
      signature === undefined ? { 'content-type': 'application/json' } : { 'stripe-signature': signature },
    rawBody: Buffer.from(body, 'utf8'),
  }
}

const asIncoming = (n: OutgoingNotification) => incoming(n.body!, n.headers['Stripe-Signature'])

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof NotificationRejected) return error.reason
    throw error
  }
  return 'accepted'
}

async function gatewayError(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof GatewayError) return error
    throw error
  }
  throw new Error('expected a GatewayError')
}

/** A checkout created by the adapter and paid on the hosted page; the webhooks it sent, in order. */
async function paid(overrides: Partial<CreateCheckoutInput> = {}, card = '4242 4242 4242 4242') {
  const input = checkoutInput(overrides)
  const checkout = await gateway.createCheckout(input)
  const result = mock.payCheckout(checkout.providerRef, card)
  const notifications = await takeSent()
  return { input, checkout, result, notifications }
}

const eventOf = (n: OutgoingNotification) =>
  JSON.parse(n.body!) as { id: string; type: string; data: { object: Record<string, unknown> } }
const ofType = (ns: OutgoingNotification[], type: string) => ns.find((n) => eventOf(n).type === type)!

describe('webhook signatures', () => {
  it('accepts the mock’s webhooks as sent, and the mock signs exactly as the official client does', async () => {
    const { notifications } = await paid()
    expect(notifications.map((n) => eventOf(n).type)).toEqual([
      'payment_intent.succeeded',
      'checkout.session.completed',
    ])
    for (const n of notifications) {
      expect(n.method).toBe('POST')
      expect(n.url).toBe('http://portal.test/webhooks/stripe')
      expect(n.headers['Content-Type']).toBe('application/json')
      expect(n.headers['Stripe-Signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
      await expect(gateway.parseNotification(asIncoming(n))).resolves.toBeTruthy()
    }
    const body = notifications[0].body!
    const t = nowSeconds()
    expect(mock.signEvent(body, t)).toBe(
      Stripe.webhooks.generateTestHeaderString({ payload: body, secret: webhookSecret, timestamp: t }),
    )
    // The HMAC is keyed with the whole secret, whsec_ prefix included.
    expect(mock.signEvent(body, t)).toBe(
      `t=${t},v1=${createHmac('sha256', webhookSecret).update(`${t}.${body}`).digest('hex')}`,
    )
  })

  it('refuses a forged signature, a stale timestamp, a v0-only header and a missing header', async () => {
    const { notifications } = await paid()
    const body = ofType(notifications, 'checkout.session.completed').body!
    const t = nowSeconds()
    expect(
      await rejection(
        gateway.parseNotification(incoming(body, stripeSignatureHeader(body, 'whsec_forged', t))),
      ),
    ).toBe('signature')
    expect(await rejection(gateway.parseNotification(incoming(body, mock.signEvent(body, t - 301))))).toBe(
      'timestamp',
    )
    expect(await rejection(gateway.parseNotification(incoming(body, mock.signEvent(body, t - 290))))).toBe(
      'accepted',
    )
    const v0only = `t=${t},v0=${stripeSignature(body, webhookSecret, t)}`
    expect(await rejection(gateway.parseNotification(incoming(body, v0only)))).toBe('signature')
    expect(await rejection(gateway.parseNotification(incoming(body, undefined)))).toBe('signature')
    expect(await rejection(gateway.parseNotification(incoming(body, 'garbage')))).toBe('signature')
  })

  it('accepts a header with several v1 values when one matches (secret rotation)', async () => {
    const { notifications } = await paid()
    const body = notifications[0].body!
    const t = nowSeconds()
    const good = stripeSignature(body, webhookSecret, t)
    const other = stripeSignature(body, 'whsec_previous_secret', t)
    expect(await rejection(gateway.parseNotification(incoming(body, `t=${t},v1=${other},v1=${good}`)))).toBe(
      'accepted',
    )
    expect(await rejection(gateway.parseNotification(incoming(body, `t=${t},v1=${good},v0=${other}`)))).toBe(
      'accepted',
    )
    expect(
      await rejection(
        gateway.parseNotification(incoming(body, `t=${t},v1=${other},v1=${other.replace(/.$/, '0')}`)),
      ),
    ).toBe('signature')
  })

  it('verifies the raw bytes: the same JSON re-serialised, or one byte more, no longer verifies', async () => {
    const { notifications } = await paid()
    const n = ofType(notifications, 'checkout.session.completed')
    const signature = n.headers['Stripe-Signature']
    const compact = JSON.stringify(JSON.parse(n.body!))
    expect(compact).not.toBe(n.body)
    expect(await rejection(gateway.parseNotification(incoming(compact, signature)))).toBe('signature')
    expect(await rejection(gateway.parseNotification(incoming(`${n.body}\n`, signature)))).toBe('signature')
    expect(await rejection(gateway.parseNotification(incoming(n.body!, signature)))).toBe('accepted')
  })

  it('calls a correctly signed body that is not an event malformed', async () => {
    for (const body of ['not json', '{"hello":"world"}', '[]']) {
      expect(await rejection(gateway.parseNotification(incoming(body, mock.signEvent(body))))).toBe(
        'malformed',
      )
    }
  })
})

describe('normalising events and answering them', () => {
  it('reports checkout.session.completed as the payment, with our attempt, the amount and the payment intent', async () => {
    const { input, checkout, notifications } = await paid()
    const completed = ofType(notifications, 'checkout.session.completed')
    const parsed = await gateway.parseNotification(asIncoming(completed))
    expect(parsed).toMatchObject({
      kind: 'payment',
      eventId: eventOf(completed).id,
      payment: {
        providerRef: checkout.providerRef,
        attemptId: input.attemptId,
        status: 'succeeded',
        amount: 200_000,
        currency: 'VND',
        failureCode: null,
      },
    })
    if (parsed.kind !== 'payment') return
    expect(parsed.eventId).toMatch(/^evt_/)
    expect(parsed.payment.transactionId).toMatch(/^pi_/)
    expect(parsed.payment.paidAt).toBeInstanceOf(Date)
    expect(Math.abs(parsed.occurredAt.getTime() - Date.now())).toBeLessThan(5_000)
    const other = await gateway.parseNotification(
      asIncoming(ofType(notifications, 'payment_intent.succeeded')),
    )
    expect(other).toMatchObject({ kind: 'ignored', type: 'payment_intent.succeeded' })
  })

  it('reports refunds from refund.created; charge.refunded only when it lists its refunds', async () => {
    const { input, checkout } = await paid()
    const snapshot = await gateway.retrieve(refOf(input, checkout))
    const payment = {
      ...refOf(input, checkout),
      transactionId: snapshot.transactionId,
      amount: 200_000,
      paidAt: snapshot.paidAt,
    }
    const refund = await gateway.refund({
      refundId: randomUUID(),
      idempotencyKey: randomUUID(),
      payment,
      amount: 50_000,
      reason: 'Hồ sơ bị từ chối',
      requestedBy: 'finance.stp',
      requesterIp: '127.0.0.1',
    })
    expect(refund).toEqual({ providerRef: expect.stringMatching(/^re_/), status: 'succeeded' })
    const notifications = await takeSent()
    expect(notifications.map((n) => eventOf(n).type)).toEqual(['refund.created', 'charge.refunded'])
    const created = await gateway.parseNotification(asIncoming(notifications[0]))
    expect(created).toMatchObject({
      kind: 'refund',
      refund: {
        providerRef: refund.providerRef,
        paymentTransactionId: snapshot.transactionId,
        amount: 50_000,
        status: 'succeeded',
      },
    })
    // Current API versions leave `refunds` out of the charge: nothing to act on there.
    const chargeRefunded = notifications[1]
    expect((await gateway.parseNotification(asIncoming(chargeRefunded))).kind).toBe('ignored')
    const event = eventOf(chargeRefunded)
    event.data.object.refunds = {
      object: 'list',
      data: [eventOf(notifications[0]).data.object],
      has_more: false,
    }
    const withList = JSON.stringify(event)
    expect(await gateway.parseNotification(incoming(withList, mock.signEvent(withList)))).toMatchObject({
      kind: 'refund',
      refund: { providerRef: refund.providerRef, amount: 50_000 },
    })
    // A refund.failed event fails the refund whatever its object says.
    const failedEvent = { ...eventOf(notifications[0]), type: 'refund.failed' }
    const failed = JSON.stringify(failedEvent)
    expect(await gateway.parseNotification(incoming(failed, mock.signEvent(failed)))).toMatchObject({
      kind: 'refund',
      refund: { status: 'failed' },
    })
  })

  it('reports an expired session as expired and a failed delayed payment as failed', async () => {
    const input = checkoutInput()
    const checkout = await gateway.createCheckout(input)
    await client.checkout.sessions.expire(checkout.providerRef)
    const [expired] = await takeSent()
    expect(eventOf(expired).type).toBe('checkout.session.expired')
    expect(await gateway.parseNotification(asIncoming(expired))).toMatchObject({
      kind: 'payment',
      payment: { status: 'expired', attemptId: input.attemptId, transactionId: null, paidAt: null },
    })
    const { notifications } = await paid()
    const event = eventOf(ofType(notifications, 'checkout.session.completed'))
    const asyncFailed = JSON.stringify({
      ...event,
      type: 'checkout.session.async_payment_failed',
      data: { object: { ...event.data.object, payment_status: 'unpaid' } },
    })
    expect(await gateway.parseNotification(incoming(asyncFailed, mock.signEvent(asyncFailed)))).toMatchObject(
      {
        kind: 'payment',
        payment: { status: 'failed', failureCode: 'async_payment_failed', paidAt: null },
      },
    )
    const unpaid = JSON.stringify({
      ...event,
      data: { object: { ...event.data.object, payment_status: 'unpaid' } },
    })
    expect(await gateway.parseNotification(incoming(unpaid, mock.signEvent(unpaid)))).toMatchObject({
      kind: 'payment',
      payment: { status: 'processing' },
    })
  })

  it('answers 2xx to everything it dealt with, 400 to a rejection and 500 to its own failure', () => {
    for (const outcome of [
      'applied',
      'duplicate',
      'already_settled',
      'unknown_order',
      'amount_mismatch',
    ] as const) {
      expect(gateway.answer(outcome)).toEqual({
        status: 200,
        contentType: 'application/json',
        body: '{"received":true}',
      })
    }
    expect(gateway.answer('rejected').status).toBe(400)
    expect(gateway.answer('error').status).toBe(500)
  })
})

describe('the mock’s idempotency', () => {
  it('replays the first answer for the same key and parameters, byte for byte, and creates one session', async () => {
    const key = randomUUID()
    const params = sessionParams()
    const first = await api('POST', '/v1/checkout/sessions', params, { 'idempotency-key': key })
    const again = await api('POST', '/v1/checkout/sessions', params, { 'idempotency-key': key })
    expect(first.status).toBe(200)
    expect(again.status).toBe(200)
    expect(again.text).toBe(first.text)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const list = await api('GET', '/v1/checkout/sessions')
    expect(list.json.data).toHaveLength(1)
  })

  it('refuses the same key with other parameters (400 idempotency_error)', async () => {
    const key = randomUUID()
    await api('POST', '/v1/checkout/sessions', sessionParams(), { 'idempotency-key': key })
    const other = await api(
      'POST',
      '/v1/checkout/sessions',
      sessionParams({ 'line_items[0][price_data][unit_amount]': '300000' }),
      {
        'idempotency-key': key,
      },
    )
    expect(other.status).toBe(400)
    expect(other.json.error.type).toBe('idempotency_error')
    await expect(
      client.checkout.sessions.create(
        {
          mode: 'payment',
          success_url: 'http://portal.test/x',
          line_items: [
            { quantity: 1, price_data: { currency: 'vnd', unit_amount: 1, product_data: { name: 'x' } } },
          ],
        },
        { idempotencyKey: key },
      ),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
  })

  it('answers 409 idempotency_key_in_use while the first request with the key is still running', async () => {
    const key = randomUUID()
    const params = sessionParams()
    mock.slowNext(200)
    const first = api('POST', '/v1/checkout/sessions', params, { 'idempotency-key': key })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const concurrent = await api('POST', '/v1/checkout/sessions', params, { 'idempotency-key': key })
    expect(concurrent.status).toBe(409)
    expect(concurrent.json.error.code).toBe('idempotency_key_in_use')
    const done = await first
    expect(done.status).toBe(200)
    const later = await api('POST', '/v1/checkout/sessions', params, { 'idempotency-key': key })
    expect(later.text).toBe(done.text)
  })

  it('saves nothing for a request that fails validation, and replays an executed failure', async () => {
    const key = randomUUID()
    const tooSoon = await api(
      'POST',
      '/v1/checkout/sessions',
      sessionParams({ expires_at: String(nowSeconds() + 600) }),
      {
        'idempotency-key': key,
      },
    )
    expect(tooSoon.status).toBe(400)
    expect(tooSoon.json.error).toMatchObject({ type: 'invalid_request_error', param: 'expires_at' })
    // The key is still free: other parameters are fine.
    expect(
      (await api('POST', '/v1/checkout/sessions', sessionParams(), { 'idempotency-key': key })).status,
    ).toBe(200)

    const { input, checkout } = await paid()
    const snapshot = await gateway.retrieve(refOf(input, checkout))
    const refundKey = randomUUID()
    const tooMuch = { payment_intent: snapshot.transactionId!, amount: '500000' }
    const first = await api('POST', '/v1/refunds', tooMuch, { 'idempotency-key': refundKey })
    expect(first.status).toBe(400)
    expect(first.json.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'amount_too_large',
      param: 'amount',
    })
    const replay = await api('POST', '/v1/refunds', tooMuch, { 'idempotency-key': refundKey })
    expect(replay.status).toBe(400)
    expect(replay.text).toBe(first.text)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
  })

  it('saves nothing when failNext("500") answers; three calls fail the next three requests', async () => {
    const key = randomUUID()
    mock.failNext('500')
    const outage = await api('POST', '/v1/checkout/sessions', sessionParams(), { 'idempotency-key': key })
    expect(outage.status).toBe(500)
    expect(outage.json.error.type).toBe('api_error')
    expect((await api('GET', '/v1/checkout/sessions')).json.data).toHaveLength(0)
    expect(
      (await api('POST', '/v1/checkout/sessions', sessionParams(), { 'idempotency-key': key })).status,
    ).toBe(200)
    for (let i = 0; i < 3; i++) mock.failNext('500')
    for (let i = 0; i < 3; i++) expect((await api('GET', '/v1/checkout/sessions')).status).toBe(500)
    expect((await api('GET', '/v1/checkout/sessions')).status).toBe(200)
  })
})

describe('the mock’s errors', () => {
  it('answers Stripe’s error shapes and statuses', async () => {
    const noKey = await fetch(`${apiBase}/v1/checkout/sessions`)
    expect(noKey.status).toBe(401)
    const badKey = await api(
      'GET',
      '/v1/checkout/sessions',
      {},
      { authorization: 'Bearer sk_test_wrong_key_123456' },
    )
    expect(badKey.status).toBe(401)
    expect(badKey.json.error).toMatchObject({ type: 'invalid_request_error' })
    expect(badKey.json.error.message).not.toContain('sk_test_wrong_key_123456')
    const missing = await api('GET', '/v1/checkout/sessions/cs_test_nope')
    expect(missing.status).toBe(404)
    expect(missing.json.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' })
    const unknownParam = await api('POST', '/v1/checkout/sessions', sessionParams({ amount: '1' }))
    expect(unknownParam.json.error).toMatchObject({ code: 'parameter_unknown', param: 'amount' })
    // VND is zero-decimal: a fractional amount is not an amount.
    const fractional = await api(
      'POST',
      '/v1/checkout/sessions',
      sessionParams({ 'line_items[0][price_data][unit_amount]': '200000.5' }),
    )
    expect(fractional.status).toBe(400)
    expect(fractional.json.error.code).toBe('parameter_invalid_integer')
    const unknownUrl = await api('GET', '/v1/customers')
    expect(unknownUrl.status).toBe(404)
    expect(unknownUrl.json.error.type).toBe('invalid_request_error')

    await expect(officialClient('sk_test_wrong').checkout.sessions.list()).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
    })
    await expect(client.checkout.sessions.retrieve('cs_test_nope')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
    })
  })

  it('surfaces them from the adapter as GatewayErrors: final for 4xx, retryable for 5xx and timeouts', async () => {
    const wrongKey = createStripeGateway({
      apiBase,
      secretKey: 'sk_test_wrong',
      webhookSecret,
      timeoutMs: 300,
    })
    const unauthorised = await gatewayError(wrongKey.createCheckout(checkoutInput()))
    expect(unauthorised.detail).toMatchObject({ provider: 'stripe', status: 401, retryable: false })
    const input = checkoutInput()
    const unknown = await gatewayError(
      gateway.retrieve({ ...refOf(input, { providerRef: 'cs_test_nope' } as Checkout) }),
    )
    expect(unknown.detail).toMatchObject({ status: 404, code: 'resource_missing', retryable: false })
    mock.failNext('500')
    expect((await gatewayError(gateway.createCheckout(input))).detail).toMatchObject({
      status: 500,
      retryable: true,
    })
    mock.failNext('timeout', 800)
    expect((await gatewayError(gateway.createCheckout(input))).detail).toMatchObject({
      code: 'timeout',
      retryable: true,
    })
    // The timed-out request did its work: the retry with the same key gets that session, and only that one.
    const checkout = await gateway.createCheckout(input)
    expect((await api('GET', '/v1/checkout/sessions')).json.data.map((s: { id: string }) => s.id)).toEqual([
      checkout.providerRef,
    ])
  })
})

describe('expiring a session', () => {
  it('expires only while open, emitting checkout.session.expired; the page then refuses payment', async () => {
    const input = checkoutInput()
    const checkout = await gateway.createCheckout(input)
    const expired = await client.checkout.sessions.expire(checkout.providerRef)
    expect(expired).toMatchObject({ status: 'expired', payment_status: 'unpaid', url: null })
    expect((await takeSent()).map((n) => eventOf(n).type)).toEqual(['checkout.session.expired'])
    expect((await gateway.retrieve(refOf(input, checkout))).status).toBe('expired')
    const twice = await api('POST', `/v1/checkout/sessions/${checkout.providerRef}/expire`)
    expect(twice.status).toBe(400)
    expect(twice.json.error.type).toBe('invalid_request_error')
    expect(mock.payCheckout(checkout.providerRef, '4242424242424242')).toMatchObject({ outcome: 'declined' })
    expect(mock.chargesFor(input.attemptId)).toBe(0)

    const done = await paid()
    expect((await api('POST', `/v1/checkout/sessions/${done.checkout.providerRef}/expire`)).status).toBe(400)
    expect((await gateway.retrieve(refOf(done.input, done.checkout))).status).toBe('succeeded')
  })

  it('expires by itself once its expires_at has passed on the mock’s clock', async () => {
    const input = checkoutInput()
    const checkout = await gateway.createCheckout(input)
    mock.payCheckout(checkout.providerRef, '4000 0000 0000 0002')
    await takeSent()
    clock = new Date(checkout.expiresAt.getTime() + 1_000)
    expect(mock.session(checkout.providerRef)?.status).toBe('expired')
    const snapshot = await gateway.retrieve(refOf(input, checkout))
    expect(snapshot.status).toBe('expired')
    const pi = await client.paymentIntents.retrieve(snapshot.transactionId!)
    expect(pi.status).toBe('canceled')
    expect((await takeSent()).map((n) => eventOf(n).type)).toEqual(['checkout.session.expired'])
  })
})

describe('the hosted page: test cards and 3-D Secure', () => {
  it.each([
    ['4242 4242 4242 4242', { outcome: 'succeeded' }],
    ['4000 0000 0000 0002', { outcome: 'declined', code: 'card_declined', declineCode: 'generic_decline' }],
    [
      '4000-0000-0000-9995',
      { outcome: 'declined', code: 'card_declined', declineCode: 'insufficient_funds' },
    ],
    ['4000000000000069', { outcome: 'declined', code: 'expired_card', declineCode: 'expired_card' }],
    [
      '4000 0000 0000 0119',
      { outcome: 'declined', code: 'processing_error', declineCode: 'processing_error' },
    ],
    ['4000 0027 6000 3184', { outcome: 'requires_action' }],
    ['1234 5678 9012 3456', { outcome: 'declined', code: 'incorrect_number' }],
  ])('card %s', async (card, expected) => {
    const checkout = await gateway.createCheckout(checkoutInput())
    expect(mock.payCheckout(checkout.providerRef, card)).toMatchObject(expected)
  })

  it('keeps a declined session open with the decline, then takes a good card on the same payment intent', async () => {
    const input = checkoutInput()
    const checkout = await gateway.createCheckout(input)
    mock.payCheckout(checkout.providerRef, '4000 0000 0000 9995')
    expect((await takeSent()).map((n) => eventOf(n).type)).toEqual(['payment_intent.payment_failed'])
    expect(mock.session(checkout.providerRef)).toMatchObject({
      status: 'open',
      awaitingThreeDS: false,
      lastError: { code: 'card_declined', declineCode: 'insufficient_funds' },
    })
    const declined = await gateway.retrieve(refOf(input, checkout))
    expect(declined).toMatchObject({ status: 'pending', failureCode: 'insufficient_funds', paidAt: null })
    expect(declined.transactionId).toMatch(/^pi_/)
    expect(mock.chargesFor(input.attemptId)).toBe(0)
    const result = mock.payCheckout(checkout.providerRef, '4242 4242 4242 4242')
    expect(result).toEqual({ outcome: 'succeeded', redirectUrl: input.returnUrl })
    const settled = await gateway.retrieve(refOf(input, checkout))
    expect(settled).toMatchObject({
      status: 'succeeded',
      transactionId: declined.transactionId,
      failureCode: null,
    })
    // A second submit (double click) lands on the success page and charges nothing more.
    expect(mock.payCheckout(checkout.providerRef, '4242 4242 4242 4242')).toMatchObject({
      outcome: 'succeeded',
    })
    expect(mock.chargesFor(input.attemptId)).toBe(1)
  })

  it('holds the payment in processing during 3-D Secure; a failed challenge declines, a passed one pays', async () => {
    const input = checkoutInput()
    const checkout = await gateway.createCheckout(input)
    expect(mock.payCheckout(checkout.providerRef, '4000 0027 6000 3184')).toEqual({
      outcome: 'requires_action',
    })
    expect(mock.session(checkout.providerRef)?.awaitingThreeDS).toBe(true)
    expect((await gateway.retrieve(refOf(input, checkout))).status).toBe('processing')
    expect(mock.completeThreeDS(checkout.providerRef, false)).toMatchObject({
      outcome: 'declined',
      code: 'payment_intent_authentication_failure',
    })
    expect(await gateway.retrieve(refOf(input, checkout))).toMatchObject({
      status: 'pending',
      failureCode: 'payment_intent_authentication_failure',
    })
    expect(mock.completeThreeDS(checkout.providerRef, true)).toMatchObject({ outcome: 'declined' })
    mock.payCheckout(checkout.providerRef, '4000 0027 6000 3184')
    expect(mock.completeThreeDS(checkout.providerRef, true)).toEqual({
      outcome: 'succeeded',
      redirectUrl: input.returnUrl,
    })
    expect((await gateway.retrieve(refOf(input, checkout))).status).toBe('succeeded')
    expect(mock.chargesFor(input.attemptId)).toBe(1)
    expect(mock.session(checkout.providerRef)).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      awaitingThreeDS: false,
    })
  })

  it('fills in {CHECKOUT_SESSION_ID} in the success URL, as Stripe does', async () => {
    const checkout = await gateway.createCheckout(
      checkoutInput({ returnUrl: 'http://portal.test/back?session={CHECKOUT_SESSION_ID}' }),
    )
    expect(mock.payCheckout(checkout.providerRef, '4242424242424242').redirectUrl).toBe(
      `http://portal.test/back?session=${checkout.providerRef}`,
    )
  })
})

describe('what the adapter sends', () => {
  it('creates a VND session in đồng carrying our attempt, metadata, locale and URLs', async () => {
    const input = checkoutInput({ amount: 150_000, locale: 'en' })
    const checkout = await gateway.createCheckout(input)
    expect(checkout.redirectUrl).toBe(`http://portal.test/mock-gateway/checkout/${checkout.providerRef}`)
    expect(checkout.providerRef).toMatch(/^cs_/)
    const session = await client.checkout.sessions.retrieve(checkout.providerRef)
    expect(session).toMatchObject({
      mode: 'payment',
      currency: 'vnd',
      amount_total: 150_000,
      client_reference_id: input.attemptId,
      metadata: input.metadata,
      success_url: input.returnUrl,
      cancel_url: input.cancelUrl,
      locale: 'en',
    })
    expect(mock.session(checkout.providerRef)?.description).toBe(input.description)
    mock.payCheckout(checkout.providerRef, '4242424242424242')
    const { transactionId } = await gateway.retrieve(refOf(input, checkout))
    const pi = await client.paymentIntents.retrieve(transactionId!, { expand: ['latest_charge'] })
    expect(pi.metadata).toEqual({ ...input.metadata, attempt_id: input.attemptId })
    expect(pi.latest_charge).toMatchObject({ object: 'charge', metadata: { attempt_id: input.attemptId } })
  })

  it('keeps expires_at inside Stripe’s window, from the attempt’s own times so retries send the same', () => {
    const createdAt = new Date('2026-11-28T02:00:00Z')
    const at = (minutes: number) => new Date(createdAt.getTime() + minutes * 60_000)
    const seconds = (d: Date) => Math.floor(d.getTime() / 1000)
    expect(checkoutExpiry(createdAt, at(10))).toBe(seconds(at(35)))
    expect(checkoutExpiry(createdAt, at(30))).toBe(seconds(at(35)))
    expect(checkoutExpiry(createdAt, at(120))).toBe(seconds(at(120)))
    expect(checkoutExpiry(createdAt, at(48 * 60))).toBe(seconds(at(24 * 60)))
  })

  it('refunds by payment intent with requested_by_customer, our reason in metadata; looks the intent up if unknown', async () => {
    const { input, checkout } = await paid()
    const refund = await gateway.refund({
      refundId: 'rf-1',
      idempotencyKey: randomUUID(),
      payment: { ...refOf(input, checkout), transactionId: null, amount: 200_000, paidAt: null },
      amount: 200_000,
      reason: 'Công dân rút hồ sơ',
      requestedBy: 'finance.stp',
      requesterIp: '127.0.0.1',
    })
    const stored = await client.refunds.retrieve(refund.providerRef)
    expect(stored).toMatchObject({
      amount: 200_000,
      currency: 'vnd',
      reason: 'requested_by_customer',
      status: 'succeeded',
      metadata: {
        refund_id: 'rf-1',
        attempt_id: input.attemptId,
        reason: 'Công dân rút hồ sơ',
        requested_by: 'finance.stp',
      },
    })
    expect(mock.refundsFor(input.attemptId)).toBe(1)
    const again = await gatewayError(
      gateway.refund({
        refundId: 'rf-2',
        idempotencyKey: randomUUID(),
        payment: { ...refOf(input, checkout), transactionId: null, amount: 200_000, paidAt: null },
        amount: 1,
        reason: 'x',
        requestedBy: 'finance.stp',
        requesterIp: '127.0.0.1',
      }),
    )
    expect(again.detail).toMatchObject({ status: 400, code: 'charge_already_refunded', retryable: false })
  })
})

describe('settlement: balance transactions', () => {
  it('lists the charge (fee 1.1 % + 2 000 ₫), the refund and the payout, with attempt, payment intent and payout', async () => {
    const from = new Date(Date.now() - 60_000)
    const { input, checkout } = await paid()
    const snapshot = await gateway.retrieve(refOf(input, checkout))
    await gateway.refund({
      refundId: randomUUID(),
      idempotencyKey: randomUUID(),
      payment: {
        ...refOf(input, checkout),
        transactionId: snapshot.transactionId,
        amount: 200_000,
        paidAt: snapshot.paidAt,
      },
      amount: 50_000,
      reason: 'partial',
      requestedBy: 'finance.stp',
      requesterIp: '127.0.0.1',
    })
    // Two days on, the charge is available and an automatic payout sweeps the balance.
    clock = new Date(Date.now() + 2 * 86_400_000)
    const payout = await client.payouts.create({ amount: 200_000 - 4_200 - 50_000, currency: 'vnd' })
    expect(payout).toMatchObject({ object: 'payout', status: 'paid', amount: 145_800 })
    expect((await client.payouts.retrieve(payout.id)).id).toBe(payout.id)

    const lines = await gateway.listSettlement({ from, to: new Date(clock.getTime() + 60_000) })
    expect(lines.map((l) => l.kind)).toEqual(['payment', 'refund', 'payout'])
    expect(lines[0]).toMatchObject({
      attemptId: input.attemptId,
      transactionId: snapshot.transactionId,
      gross: 200_000,
      fee: 4_200,
      net: 195_800,
      payoutId: null,
    })
    expect(lines[0].lineId).toMatch(/^txn_/)
    expect(lines[1]).toMatchObject({
      attemptId: input.attemptId,
      transactionId: snapshot.transactionId,
      gross: -50_000,
      fee: 0,
      net: -50_000,
    })
    expect(lines[2]).toMatchObject({
      payoutId: payout.id,
      gross: -145_800,
      net: -145_800,
      transactionId: null,
    })
    for (const line of lines) expect(line.net).toBe(line.gross - line.fee)
    // The payout reconciles: its balance transactions sum to zero.
    const ofPayout = await client.balanceTransactions.list({ payout: payout.id, limit: 100 })
    expect(ofPayout.data).toHaveLength(3)
    expect(ofPayout.data.reduce((sum, t) => sum + t.net, 0)).toBe(0)
    // Outside the range, nothing.
    expect(await gateway.listSettlement({ from: new Date(0), to: from })).toEqual([])
  })

  it('pages through with the official client (limit, starting_after, expand data.source)', async () => {
    for (let i = 0; i < 3; i++) await paid()
    const all = await client.balanceTransactions
      .list({ limit: 1, expand: ['data.source'] })
      .autoPagingToArray({ limit: 10 })
    expect(all).toHaveLength(3)
    expect(new Set(all.map((t) => t.id)).size).toBe(3)
    for (const t of all) expect(t.source).toMatchObject({ object: 'charge', currency: 'vnd' })
    const lines = await gateway.listSettlement({
      from: new Date(Date.now() - 60_000),
      to: new Date(Date.now() + 60_000),
    })
    expect(lines).toHaveLength(3)
    expect((await api('GET', '/v1/balance_transactions', { 'expand[0]': 'source' })).status).toBe(400)
  })
})

describe('the official client against the mock', () => {
  it('creates, retrieves and lists sessions, refunds, and lists events', async () => {
    const created = await client.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [
          {
            quantity: 2,
            price_data: { currency: 'vnd', unit_amount: 25_000, product_data: { name: 'Bản sao' } },
          },
        ],
        client_reference_id: 'official-1',
        metadata: { dossier_code: 'STP-1' },
        success_url: 'http://portal.test/ok',
        locale: 'vi',
      },
      { idempotencyKey: randomUUID() },
    )
    expect(created).toMatchObject({
      object: 'checkout.session',
      amount_total: 50_000,
      status: 'open',
      payment_intent: null,
    })
    expect(created.expires_at - created.created).toBe(86_400)
    mock.payCheckout(created.id, '4242424242424242')
    const retrieved = await client.checkout.sessions.retrieve(created.id, { expand: ['payment_intent'] })
    expect(retrieved.payment_status).toBe('paid')
    expect(retrieved.payment_intent).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount: 50_000,
    })
    const listed = await client.checkout.sessions.list({ limit: 5 })
    expect(listed.data.map((s) => s.id)).toEqual([created.id])

    const pi = typeof retrieved.payment_intent === 'object' ? retrieved.payment_intent!.id : ''
    const refund = await client.refunds.create(
      { payment_intent: pi, amount: 10_000 },
      { idempotencyKey: randomUUID() },
    )
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 10_000,
      status: 'succeeded',
      payment_intent: pi,
    })
    expect((await client.refunds.retrieve(refund.id)).id).toBe(refund.id)

    const events = await client.events.list({ limit: 100 })
    expect(events.data.map((e) => e.type)).toEqual([
      'charge.refunded',
      'refund.created',
      'checkout.session.completed',
      'payment_intent.succeeded',
    ])
    const completed = await client.events.list({ type: 'checkout.session.completed' })
    expect(completed.data).toHaveLength(1)
    expect((await client.events.retrieve(completed.data[0].id)).type).toBe('checkout.session.completed')
    expect((await client.events.list({ type: 'checkout.session.*' })).data).toHaveLength(1)
  })
})

describe('webhook delivery', () => {
  it('retries a webhook the portal did not acknowledge, and the stored events remain listable', async () => {
    portalStatus = (_n, attempt) => (attempt < 3 ? 500 : 200)
    const { notifications } = await paid()
    const perEvent = new Map<string, number>()
    for (const n of notifications) perEvent.set(n.id, (perEvent.get(n.id) ?? 0) + 1)
    expect([...perEvent.values()]).toEqual([3, 3])
    const completedId = eventOf(ofType(notifications, 'checkout.session.completed')).id
    expect(delivery.log.filter((e) => e.notification.id === completedId).map((e) => e.status)).toEqual([
      500, 500, 200,
    ])
  })

  it('honours the delivery switches: copies and drop', async () => {
    delivery.set({ copies: 3 })
    const copied = await paid()
    expect(copied.notifications).toHaveLength(6)
    const bodies = new Set(copied.notifications.map((n) => n.body))
    expect(bodies.size).toBe(2)
    delivery.reset()
    delivery.set({ drop: Number.POSITIVE_INFINITY, retryDelayMs: 1 })
    const dropped = await paid()
    expect(dropped.notifications).toHaveLength(0)
    expect(delivery.log.filter((e) => e.status === 'dropped')).toHaveLength(2)
    // A lost webhook is recovered by asking: retrieve, or the events list.
    expect((await gateway.retrieve(refOf(dropped.input, dropped.checkout))).status).toBe('succeeded')
    const events = await client.events.list({ type: 'checkout.session.completed' })
    expect(events.data.map((e) => (e.data.object as { id: string }).id)).toContain(
      dropped.checkout.providerRef,
    )
  })
})
