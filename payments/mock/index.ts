import type { PaymentsConfig } from '../index'
import { createDelivery, type Sender } from './delivery'
import { createMockStripe } from './stripe'
import { createMockVnpay } from './vnpay'

/**
 * Both mock gateways in one (DESIGN §6): Stripe's and VNPay's wire protocols on reserved `.invalid` hosts,
 * answered by msw handlers in this process, with webhooks and IPNs delivered over real HTTP to the portal.
 * `npm start` uses it when PAYMENT_PROVIDER=mock (the default); the tests use it as their gateway.
 */

export const mockStripe = {
  apiBase: 'https://api.stripe.invalid',
  secretKey: 'sk_test_mock_dichvucong_portal',
  webhookSecret: 'whsec_mock_dichvucong_portal_signing_secret',
} as const

export const mockVnpay = {
  apiUrl: 'https://sandbox.vnpay.invalid/merchant_webapi/api/transaction',
  tmnCode: 'DVCMOCK1',
  hashSecret: 'MOCKVNPAYHASHSECRETDICHVUCONG2026',
} as const

/** Where the portal serves the mock's payer pages (only in mock mode). */
export const mockPages = {
  checkout: '/mock-gateway/checkout',
  vnpay: '/mock-gateway/vnpay/paymentv2/vpcpay.html',
} as const

export interface MockGatewayOptions {
  /** the portal as the payer's browser sees it (hosted pages) */
  publicUrl: string
  /** the portal as the gateway reaches it (webhooks, IPN); defaults to publicUrl */
  callbackUrl?: string
  /** how notifications leave the mock; default real HTTP */
  send?: Sender
  /** milliseconds between delivery retries (default 250; the real providers wait minutes) */
  retryDelayMs?: number
}

export function createMockGateway(options: MockGatewayOptions) {
  const publicUrl = options.publicUrl.replace(/\/+$/, '')
  const callbackUrl = (options.callbackUrl ?? publicUrl).replace(/\/+$/, '')
  const delivery = createDelivery(options.send)
  if (options.retryDelayMs !== undefined) delivery.set({ retryDelayMs: options.retryDelayMs })
  const stripe = createMockStripe({
    ...mockStripe,
    checkoutPageBase: `${publicUrl}${mockPages.checkout}`,
    webhookUrl: `${callbackUrl}/webhooks/stripe`,
    delivery,
  })
  const vnpay = createMockVnpay({ ...mockVnpay, ipnUrl: `${callbackUrl}/webhooks/vnpay/ipn`, delivery })
  const config: PaymentsConfig = {
    stripe: { ...mockStripe },
    vnpay: { ...mockVnpay, payUrl: `${publicUrl}${mockPages.vnpay}` },
  }
  return {
    handlers: [...stripe.handlers, ...vnpay.handlers],
    stripe,
    vnpay,
    delivery,
    /** the adapters' configuration that points them at this mock */
    config,
    reset() {
      stripe.reset()
      vnpay.reset()
      delivery.reset()
      if (options.retryDelayMs !== undefined) delivery.set({ retryDelayMs: options.retryDelayMs })
    },
  }
}

export type MockGateway = ReturnType<typeof createMockGateway>
