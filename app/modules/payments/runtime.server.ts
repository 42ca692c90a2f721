import { setupServer } from 'msw/node'
import { createGateways, type Gateways, type PaymentsConfig, type Provider } from '../../../payments'
import { createMockGateway, type MockGateway } from '../../../payments/mock'
import type { Env } from '../../utils/env.server'

/**
 * The payment gateways this process talks to, chosen by PAYMENT_PROVIDER (DESIGN §9). In mock mode the mock
 * gateway's msw handlers intercept this process's calls to the `.invalid` hosts, and the portal serves the
 * mock's payer pages; with real providers nothing is intercepted and those pages answer 404.
 */
export interface PaymentsRuntime {
  gateways: Gateways
  /** offered to citizens, in this order */
  providers: Provider[]
  mock: MockGateway | null
  pollAfterSeconds: number
  expiresMinutes: number
  close(): void
}

export interface RuntimeOptions {
  /** the portal as browsers see it (mock payer pages) */
  publicUrl: string
  /** the portal as the mock gateway reaches it (webhooks, IPN) */
  callbackUrl?: string
  /** install msw interception for the mock (false when a test file installs its own) */
  intercept?: boolean
  /** delivery retry spacing for the mock (tests use short waits) */
  retryDelayMs?: number
  /** how long the adapters wait for the mock's answers (tests use short waits) */
  gatewayTimeoutMs?: number
}

export function createPaymentsRuntime(env: Env, options: RuntimeOptions): PaymentsRuntime {
  const common = {
    pollAfterSeconds: env.PAYMENT_POLL_AFTER_SECONDS,
    expiresMinutes: env.PAYMENT_EXPIRES_MINUTES,
  }
  if (env.PAYMENT_PROVIDER === 'mock') {
    const mock = createMockGateway({
      publicUrl: options.publicUrl,
      callbackUrl: options.callbackUrl,
      retryDelayMs: options.retryDelayMs,
    })
    const server = options.intercept === false ? null : setupServer(...mock.handlers)
    // Only the mock's `.invalid` hosts are answered here; everything else (the portal itself, SMTP) goes out.
    server?.listen({ onUnhandledRequest: 'bypass' })
    const timeout = options.gatewayTimeoutMs ? { timeoutMs: options.gatewayTimeoutMs } : {}
    const gateways = createGateways({
      stripe: { ...mock.config.stripe!, ...timeout },
      vnpay: { ...mock.config.vnpay!, ...timeout },
    })
    return { ...common, gateways, providers: [...gateways.keys()], mock, close: () => server?.close() }
  }
  const config: PaymentsConfig = {}
  const wanted = env.PAYMENT_PROVIDER.split(',') as Provider[]
  if (wanted.includes('stripe')) {
    config.stripe = {
      secretKey: env.STRIPE_SECRET_KEY!,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET!,
      apiBase: env.STRIPE_API_BASE,
    }
  }
  if (wanted.includes('vnpay')) {
    config.vnpay = {
      tmnCode: env.VNPAY_TMN_CODE!,
      hashSecret: env.VNPAY_HASH_SECRET!,
      payUrl: env.VNPAY_PAY_URL,
      apiUrl: env.VNPAY_API_URL,
    }
  }
  const gateways = createGateways(config)
  return { ...common, gateways, providers: [...gateways.keys()], mock: null, close() {} }
}
