import { createHmac } from 'node:crypto'

/**
 * The `Stripe-Signature` header Stripe puts on a webhook: `t=<unix seconds>,v1=<hex>`, where v1 is the
 * lowercase hex HMAC-SHA256 of `<t>.<raw body>` keyed with the whole `whsec_…` secret (the prefix included).
 * Written independently of the official client, whose verifier the adapter uses, so each checks the other.
 */
export function stripeSignature(
  payload: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex')
}

export function stripeSignatureHeader(
  payload: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v1=${stripeSignature(payload, secret, timestamp)}`
}
