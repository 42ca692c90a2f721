import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  GatewayError,
  NotificationRejected,
  type Checkout,
  type CreateCheckoutInput,
  type IncomingNotification,
  type PaymentGateway,
  type PaymentRef,
} from '../gateway'

/**
 * The one contract every adapter passes against its mock gateway (issue #5). A harness plays the payer and
 * captures what the gateway would have sent to the portal.
 */
export interface ContractHarness {
  gateway: PaymentGateway
  /** Act as the payer on the provider's page. */
  pay(checkout: Checkout, input: CreateCheckoutInput, outcome: 'success' | 'decline'): Promise<void>
  /** Notifications the mock has sent since the last call, as the portal would receive them. */
  takeNotifications(): Promise<IncomingNotification[]>
  /** The same notification with its payload changed but its signature kept. */
  tamper(n: IncomingNotification): IncomingNotification
  /**
   * Make the adapter's next API call fail: '500' answers HTTP 500 without doing anything; 'timeout' does the
   * work but the answer arrives after the adapter has given up.
   */
  failNext(kind: '500' | 'timeout'): void
  /** How many successful charges the mock holds for an attempt (to prove nothing was taken twice). */
  chargesFor(attemptId: string): number
  /** How many refunds the mock holds against an attempt's payment. */
  refundsFor(attemptId: string): number
  reset(): void
}

export function checkoutInput(overrides: Partial<CreateCheckoutInput> = {}): CreateCheckoutInput {
  const attemptId = randomUUID().replaceAll('-', '')
  const createdAt = new Date()
  return {
    attemptId,
    idempotencyKey: randomUUID(),
    amount: 200_000,
    description: 'Phí cấp Phiếu lý lịch tư pháp STP-261128-0001',
    locale: 'vi',
    returnUrl: `http://portal.test/payments/return/${attemptId}`,
    cancelUrl: `http://portal.test/payments/return/${attemptId}?cancelled=1`,
    payerIp: '127.0.0.1',
    createdAt,
    expiresAt: new Date(createdAt.getTime() + 30 * 60_000),
    metadata: { dossier_code: 'STP-261128-0001', fee_id: randomUUID() },
    ...overrides,
  }
}

export const refOf = (input: CreateCheckoutInput, checkout: Checkout): PaymentRef => ({
  providerRef: checkout.providerRef,
  attemptId: input.attemptId,
  createdAt: input.createdAt,
  payerIp: input.payerIp,
})

export function describeGatewayContract(name: string, makeHarness: () => ContractHarness) {
  describe(`${name} adapter: gateway contract`, () => {
    let h: ContractHarness
    beforeEach(() => {
      h = makeHarness()
      h.reset()
    })

    async function paidCheckout() {
      const input = checkoutInput()
      const checkout = await h.gateway.createCheckout(input)
      await h.pay(checkout, input, 'success')
      const notifications = await h.takeNotifications()
      return { input, checkout, notifications }
    }

    it('creates a checkout the payer can be sent to, pending until paid', async () => {
      const input = checkoutInput()
      const checkout = await h.gateway.createCheckout(input)
      expect(checkout.providerRef).toBeTruthy()
      expect(new URL(checkout.redirectUrl).protocol).toMatch(/^https?:$/)
      expect(checkout.expiresAt.getTime()).toBeGreaterThan(Date.now())
      const snapshot = await h.gateway.retrieve(refOf(input, checkout))
      expect(snapshot).toMatchObject({
        status: 'pending',
        amount: 200_000,
        currency: 'VND',
        transactionId: null,
      })
    })

    it('reuses the attempt for a repeated idempotency key', async () => {
      const input = checkoutInput()
      const first = await h.gateway.createCheckout(input)
      const second = await h.gateway.createCheckout(input)
      expect(second.providerRef).toBe(first.providerRef)
    })

    it('reports a successful payment through a verified notification and through retrieve', async () => {
      const { input, checkout, notifications } = await paidCheckout()
      const parsed = await Promise.all(notifications.map((n) => h.gateway.parseNotification(n)))
      const payment = parsed.find((p) => p.kind === 'payment' && p.payment.status === 'succeeded')
      expect(payment?.kind).toBe('payment')
      if (payment?.kind !== 'payment') return
      expect(payment.eventId).toBeTruthy()
      expect(payment.payment).toMatchObject({ attemptId: input.attemptId, amount: 200_000, currency: 'VND' })
      expect(payment.payment.transactionId).toBeTruthy()
      const snapshot = await h.gateway.retrieve(refOf(input, checkout))
      expect(snapshot).toMatchObject({ status: 'succeeded', amount: 200_000 })
      expect(snapshot.transactionId).toBe(payment.payment.transactionId)
      expect(snapshot.paidAt).toBeInstanceOf(Date)
      expect(h.gateway.answer('applied').status).toBe(200)
      expect(h.chargesFor(input.attemptId)).toBe(1)
    })

    it('never reports a declined payment as succeeded', async () => {
      const input = checkoutInput()
      const checkout = await h.gateway.createCheckout(input)
      await h.pay(checkout, input, 'decline')
      for (const n of await h.takeNotifications()) {
        const parsed = await h.gateway.parseNotification(n)
        if (parsed.kind === 'payment') expect(parsed.payment.status).not.toBe('succeeded')
      }
      const snapshot = await h.gateway.retrieve(refOf(input, checkout))
      expect(snapshot.status).not.toBe('succeeded')
      expect(h.chargesFor(input.attemptId)).toBe(0)
    })

    it('refuses a notification whose payload was changed after signing', async () => {
      const { notifications } = await paidCheckout()
      expect(notifications.length).toBeGreaterThan(0)
      await expect(h.gateway.parseNotification(h.tamper(notifications[0]))).rejects.toBeInstanceOf(
        NotificationRejected,
      )
    })

    it('refunds in part and in full, never above what was paid, once per idempotency key', async () => {
      const { input, checkout } = await paidCheckout()
      const snapshot = await h.gateway.retrieve(refOf(input, checkout))
      const payment = {
        ...refOf(input, checkout),
        transactionId: snapshot.transactionId,
        amount: 200_000,
        paidAt: snapshot.paidAt,
      }
      const base = {
        payment,
        reason: 'dossier refused',
        requestedBy: 'finance.stp',
        requesterIp: '127.0.0.1',
      }
      const partial = { ...base, refundId: randomUUID(), idempotencyKey: randomUUID(), amount: 50_000 }
      const first = await h.gateway.refund(partial)
      expect(['pending', 'succeeded']).toContain(first.status)
      const again = await h.gateway.refund(partial)
      expect(again.providerRef).toBe(first.providerRef)
      await expect(
        h.gateway.refund({ ...base, refundId: randomUUID(), idempotencyKey: randomUUID(), amount: 500_000 }),
      ).rejects.toBeInstanceOf(GatewayError)
      const rest = await h.gateway.refund({
        ...base,
        refundId: randomUUID(),
        idempotencyKey: randomUUID(),
        amount: 150_000,
      })
      expect(['pending', 'succeeded']).toContain(rest.status)
    })

    it('throws a retryable GatewayError on a 500 or a timeout; a refund retried with its key refunds once', async () => {
      const { input, checkout } = await paidCheckout()
      h.failNext('500')
      await expect(h.gateway.retrieve(refOf(input, checkout))).rejects.toSatisfy(
        (e: unknown) => e instanceof GatewayError && e.detail.retryable,
      )
      const snapshot = await h.gateway.retrieve(refOf(input, checkout))
      const refund = {
        payment: {
          ...refOf(input, checkout),
          transactionId: snapshot.transactionId,
          amount: 200_000,
          paidAt: snapshot.paidAt,
        },
        reason: 'duplicate payment',
        requestedBy: 'finance.stp',
        requesterIp: '127.0.0.1',
        refundId: randomUUID(),
        idempotencyKey: randomUUID(),
        amount: 200_000,
      }
      // The gateway does the work but its answer is lost: the retry must not refund a second time.
      h.failNext('timeout')
      await expect(h.gateway.refund(refund)).rejects.toSatisfy(
        (e: unknown) => e instanceof GatewayError && e.detail.retryable,
      )
      await h.gateway.refund(refund)
      expect(h.refundsFor(input.attemptId)).toBe(1)
      expect(h.chargesFor(input.attemptId)).toBe(1)
    })

    it('lists settlement lines whose net is gross minus fee, including the payment when offered', async () => {
      const from = new Date(Date.now() - 60_000)
      const { input, checkout } = await paidCheckout()
      const snapshot = await h.gateway.retrieve(refOf(input, checkout))
      const lines = await h.gateway.listSettlement({ from, to: new Date(Date.now() + 60_000) })
      for (const line of lines) expect(line.net).toBe(line.gross - line.fee)
      if (lines.length) {
        expect(
          lines.some(
            (l) => l.kind === 'payment' && l.transactionId === snapshot.transactionId && l.gross === 200_000,
          ),
        ).toBe(true)
      }
    })
  })
}
