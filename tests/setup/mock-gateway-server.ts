import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createMiddleware } from '@mswjs/http-middleware'
import express from 'express'
import { createDelivery, httpSender, type Sender } from '../../payments/mock/delivery'
import { createMockStripe } from '../../payments/mock/stripe'

/**
 * The mock Stripe gateway (payments/mock) as a real HTTP server of its own, for tests that run several portal
 * processes: in PAYMENT_PROVIDER=mock mode each portal process would hold its own mock in memory, so a checkout
 * made on one server could not be paid or notified on another. Here the portals are configured as for the real
 * provider (PAYMENT_PROVIDER=stripe, STRIPE_API_BASE = this server) and this one process holds the gateway's
 * state; its webhooks go to whichever portal the test names (`deliverTo`).
 *
 * Besides the Stripe API (the mock's msw handlers, served by @mswjs/http-middleware) it answers:
 * - `POST /checkout/:id/pay` (form `card`): the payer on the hosted page — 303 to the success URL, or 402;
 * - `POST /__control` (JSON): the test's switches when it runs this file as a process (see `control`).
 *
 * Run as a process (`tsx tests/setup/mock-gateway-server.ts`), it prints `{"env":{…},"url":…}` on one line and
 * stops on SIGTERM.
 */

export const gatewaySecrets = {
  secretKey: 'sk_test_mock_gateway_server_0001',
  webhookSecret: 'whsec_mock_gateway_server_signing_0001',
} as const

export interface MockGatewayServer {
  url: string
  /** the portal's environment pointing it at this gateway */
  env: Record<string, string>
  stripe: ReturnType<typeof createMockStripe>
  delivery: ReturnType<typeof createDelivery>
  /** every webhook delivery attempt: where it went and the portal's answer */
  deliveries: readonly { url: string; status: number | 'network_error' }[]
  /** where webhooks go from now on (a portal's base URL) */
  deliverTo(portalUrl: string): void
  /** handle a control command (also reachable as POST /__control) */
  control(command: ControlCommand): Promise<unknown>
  stop(): Promise<void>
}

export type ControlCommand =
  | { op: 'deliverTo'; url: string }
  | { op: 'failNext'; kind: '500' | 'timeout'; count?: number; timeoutMs?: number }
  | { op: 'delivery'; set: Record<string, number | boolean> }
  | { op: 'pay'; sessionId: string; card?: string }
  | { op: 'charges'; attemptRef: string }
  | { op: 'flush' }

export async function startMockGatewayServer(
  options: { port?: number; deliverTo?: string; retryDelayMs?: number } = {},
): Promise<MockGatewayServer> {
  const server = http.createServer()
  server.listen(options.port ?? 0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  let target = options.deliverTo ?? url
  // The mock names one webhook URL; every delivery is sent to the portal chosen at the time it leaves.
  const placeholder = 'http://portal.invalid'
  const deliveries: { url: string; status: number | 'network_error' }[] = []
  const send: Sender = async (n) => {
    const url = n.url.replace(placeholder, target)
    try {
      const answer = await httpSender({ ...n, url })
      deliveries.push({ url, status: answer.status })
      return answer
    } catch (error) {
      deliveries.push({ url, status: 'network_error' })
      throw error
    }
  }
  const delivery = createDelivery(send)
  delivery.set({ retryDelayMs: options.retryDelayMs ?? 200 })
  const stripe = createMockStripe({
    apiBase: url,
    secretKey: gatewaySecrets.secretKey,
    webhookSecret: gatewaySecrets.webhookSecret,
    checkoutPageBase: `${url}/checkout`,
    webhookUrl: `${placeholder}/webhooks/stripe`,
    delivery,
  })

  async function control(command: ControlCommand): Promise<unknown> {
    switch (command.op) {
      case 'deliverTo':
        target = command.url.replace(/\/+$/, '')
        return { ok: true }
      case 'failNext':
        for (let i = 0; i < (command.count ?? 1); i++) stripe.failNext(command.kind, command.timeoutMs)
        return { ok: true }
      case 'delivery':
        delivery.set(command.set)
        return { ok: true }
      case 'pay':
        return stripe.payCheckout(command.sessionId, command.card ?? '4242424242424242')
      case 'charges':
        return { charges: stripe.chargesFor(command.attemptRef) }
      case 'flush':
        await delivery.flush()
        return { ok: true }
    }
  }

  const app = express()
  app.post('/__control', express.json(), (req, res, next) => {
    control(req.body as ControlCommand).then((answer) => res.json(answer ?? {}), next)
  })
  // The hosted page's decision, as a payer's browser posts it (the page itself is the portal's in mock mode).
  app.post('/checkout/:id/pay', express.urlencoded({ extended: false }), (req, res, next) => {
    const card = String((req.body as Record<string, unknown>).card ?? '')
    Promise.resolve(stripe.payCheckout(req.params.id, card)).then((outcome) => {
      if (outcome.outcome === 'succeeded' && outcome.redirectUrl) res.redirect(303, outcome.redirectUrl)
      else res.status(402).json(outcome)
    }, next)
  })
  app.use(createMiddleware(...stripe.handlers))
  server.on('request', app)

  return {
    url,
    env: {
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_API_BASE: url,
      STRIPE_SECRET_KEY: gatewaySecrets.secretKey,
      STRIPE_WEBHOOK_SECRET: gatewaySecrets.webhookSecret,
    },
    stripe,
    delivery,
    deliveries,
    deliverTo: (portalUrl) => void control({ op: 'deliverTo', url: portalUrl }),
    control,
    async stop() {
      await delivery.flush().catch(() => {})
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const gateway = await startMockGatewayServer({
    port: process.env.PORT ? Number(process.env.PORT) : undefined,
    deliverTo: process.env.DELIVER_TO,
  })
  process.stdout.write(`${JSON.stringify({ url: gateway.url, env: gateway.env })}\n`)
  process.on('SIGTERM', () => void gateway.stop().then(() => process.exit(0)))
}
