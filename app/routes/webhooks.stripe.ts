import type { ActionFunctionArgs } from '@remix-run/node'
import { answerGatewayCallback } from '../utils/gateway-callback.server'

/**
 * Stripe's webhook (DESIGN §8, stable): `POST /webhooks/stripe`, verified by its `Stripe-Signature` over the
 * raw body. Other methods are not ours to answer.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST')
    return new Response('Method not allowed', { status: 405, headers: { Allow: 'POST' } })
  return answerGatewayCallback('stripe', request, context)
}

export function loader() {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}
