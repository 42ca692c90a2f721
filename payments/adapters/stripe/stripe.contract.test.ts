import { setupServer } from 'msw/node'
import { afterAll, beforeAll } from 'vitest'
import type { IncomingNotification } from '../../gateway'
import { createDelivery, type OutgoingNotification } from '../../mock/delivery'
import { createMockStripe } from '../../mock/stripe'
import { describeGatewayContract, type ContractHarness } from '../../testing/contract'
import { createStripeGateway } from './stripe-gateway'

const config = {
  apiBase: 'https://api.stripe.invalid',
  secretKey: 'sk_test_contract_dichvucong',
  webhookSecret: 'whsec_contract_dichvucong_signing_secret',
  timeoutMs: 300,
}

// The webhooks the mock sends, answered as a portal that applied them would (2xx ends Stripe's retries).
let sent: OutgoingNotification[] = []
const delivery = createDelivery(async (n) => {
  sent.push(n)
  return { status: 200, body: '{"received":true}' }
})
const mock = createMockStripe({
  apiBase: config.apiBase,
  secretKey: config.secretKey,
  webhookSecret: config.webhookSecret,
  checkoutPageBase: 'http://portal.test/mock-gateway/checkout',
  webhookUrl: 'http://portal.test/webhooks/stripe',
  delivery,
})
const server = setupServer(...mock.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const harness: ContractHarness = {
  gateway: createStripeGateway(config),
  async pay(checkout, _input, outcome) {
    const result = mock.payCheckout(
      checkout.providerRef,
      outcome === 'success' ? '4242 4242 4242 4242' : '4000 0000 0000 0002',
    )
    const expected = outcome === 'success' ? 'succeeded' : 'declined'
    if (result.outcome !== expected) throw new Error(`the mock answered ${result.outcome}, not ${expected}`)
  },
  async takeNotifications(): Promise<IncomingNotification[]> {
    await delivery.flush()
    const taken = sent
    sent = []
    return taken.map((n) => ({
      method: n.method,
      url: n.url,
      headers: { ...n.headers },
      rawBody: Buffer.from(n.body ?? '', 'utf8'),
    }))
  },
  tamper(n) {
    // Someone raising (or lowering) the amount in flight, the signature left as it was.
    const event = JSON.parse(n.rawBody.toString('utf8'))
    const object = event.data.object
    if (typeof object.amount_total === 'number') object.amount_total = 2_000
    else if (typeof object.amount === 'number') object.amount = 2_000
    else event.id = `${event.id}_changed`
    return { ...n, rawBody: Buffer.from(JSON.stringify(event, null, 2), 'utf8') }
  },
  failNext(kind) {
    // Answered past the adapter's 300 ms timeout, soon enough not to outlive the test.
    mock.failNext(kind, 800)
  },
  chargesFor: (attemptId) => mock.chargesFor(attemptId),
  refundsFor: (attemptId) => mock.refundsFor(attemptId),
  reset() {
    mock.reset()
    delivery.reset()
    delivery.set({ retryDelayMs: 1 })
    sent = []
  },
}

describeGatewayContract('stripe', () => harness)
