import { setupServer } from 'msw/node'
import { afterAll, beforeAll } from 'vitest'
import type { IncomingNotification, PaymentGateway } from '../../gateway'
import { createDelivery, type OutgoingNotification } from '../../mock/delivery'
import { createMockVnpay } from '../../mock/vnpay'
import { describeGatewayContract, type ContractHarness } from '../../testing/contract'
import { createVnpayGateway } from './vnpay-gateway'

const apiUrl = 'https://sandbox.vnpay.invalid/merchant_webapi/api/transaction'
const config = {
  tmnCode: 'DVCTEST1',
  hashSecret: 'TESTSECRETDICHVUCONG0123456789AB',
  apiUrl,
  payUrl: 'https://sandbox.vnpay.invalid/paymentv2/vpcpay.html',
  timeoutMs: 300,
}

// The IPNs the mock sends, answered as a portal that applied them would (00 ends VNPay's retries).
let sent: OutgoingNotification[] = []
const delivery = createDelivery(async (n) => {
  sent.push(n)
  return { status: 200, body: JSON.stringify({ RspCode: '00', Message: 'Confirm Success' }) }
})
const mock = createMockVnpay({
  apiUrl,
  tmnCode: config.tmnCode,
  hashSecret: config.hashSecret,
  ipnUrl: 'http://portal.test/webhooks/vnpay/ipn',
  delivery,
})
const server = setupServer(...mock.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const adapter = createVnpayGateway(config)

/**
 * VNPay learns of an order only when the payer's browser opens the pay URL, which the portal does right after
 * createCheckout. The harness plays that browser, so querydr finds the order (not completed, 01) as it would.
 */
const gateway: PaymentGateway = {
  ...adapter,
  async createCheckout(input) {
    const checkout = await adapter.createCheckout(input)
    const opened = mock.describe(new URL(checkout.redirectUrl).searchParams)
    if (!opened.ok) throw new Error(`the mock refused the pay URL: ${opened.code}`)
    return checkout
  },
}

const harness: ContractHarness = {
  gateway,
  async pay(checkout, _input, outcome) {
    const result = mock.pay(new URL(checkout.redirectUrl).searchParams, {
      bankCode: 'NCB',
      outcome: outcome === 'success' ? 'success' : 'insufficient',
    })
    if (!result.ok) throw new Error(`the mock refused to pay: ${result.code}`)
  },
  async takeNotifications(): Promise<IncomingNotification[]> {
    await delivery.flush()
    const taken = sent
    sent = []
    return taken.map((n) => ({
      method: n.method,
      url: n.url,
      headers: { ...n.headers },
      rawBody: Buffer.alloc(0),
    }))
  },
  tamper(n) {
    // A payer raising the amount in flight, the signature left as it was.
    const url = new URL(n.url)
    url.searchParams.set('vnp_Amount', String(Number(url.searchParams.get('vnp_Amount')) + 100_000_00))
    return { ...n, url: url.toString() }
  },
  failNext(kind) {
    // held past the adapter's 300 ms timeout, short enough not to outlive the test
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

describeGatewayContract('vnpay', () => harness)
