import Stripe from 'stripe'
import { GatewayError } from '../../gateway'

/**
 * The official client's errors as the portal's `GatewayError`s. Retryable: the API could not be reached or did
 * not answer in time, a 5xx, a 429 (rate limit), a 409 (an idempotency key whose first request is still running,
 * or a lock timeout). Every other 4xx is final and carries Stripe's code (`resource_missing`, `amount_too_large`,
 * `idempotency_error`…). Errors that are not Stripe's (bugs) pass through unchanged.
 */
export function asGatewayError(error: unknown, action: string): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error
  if (error instanceof Stripe.errors.StripeConnectionError) {
    const timeout = /timeout/i.test(error.message)
    return new GatewayError(`Stripe ${action}: ${timeout ? 'no answer in time' : 'could not connect'}`, {
      provider: 'stripe',
      code: timeout ? 'timeout' : 'connection_error',
      retryable: true,
    })
  }
  const status = error.statusCode
  // No status: the answer could not be read (invalid JSON, a cut body), so the call may be repeated.
  const retryable = status === undefined || status >= 500 || status === 429 || status === 409
  const code = error.code ?? error.rawType ?? undefined
  return new GatewayError(`Stripe ${action}: ${error.message}`, {
    provider: 'stripe',
    status,
    code,
    retryable,
  })
}

/** Runs one call to Stripe, turning its failures into `GatewayError`s. */
export async function stripeCall<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw asGatewayError(error, action)
  }
}
