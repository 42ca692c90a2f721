import type { AppLoadContext } from '@remix-run/node'
import type { Provider } from '../../payments'
import { handleNotification } from '../modules/payments/apply.server'

/** A webhook body larger than this is refused unread (Stripe's events are a few kilobytes). */
export const maxCallbackBytes = 512 * 1024

const plain = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  })

/**
 * The request body exactly as sent, or null past `limit`. The signature is computed over these bytes, so
 * nothing may parse or re-encode them first. Past the limit the rest is left unread but not cancelled (as
 * uploads do, see files/upload.server.ts): the answer must then carry `Connection: close`.
 */
async function readRawBody(request: Request, limit: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0)
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > limit) return null
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = request.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      reader.releaseLock()
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

/**
 * A gateway's server-to-server callback (Stripe webhook, VNPay IPN) as a resource route: the raw request goes
 * to the provider's adapter, which verifies its signature, and the adapter's answer goes back as the provider
 * expects it. 404 when this provider is not configured. The same-origin rule does not apply to these paths
 * (app/server/security.ts): they are authenticated by their signatures.
 */
export async function answerGatewayCallback(
  provider: Provider,
  request: Request,
  context: AppLoadContext,
): Promise<Response> {
  const rawBody = await readRawBody(request, maxCallbackBytes)
  if (!rawBody) return plain(413, 'Payload too large', { Connection: 'close' })
  const { pathname, search } = new URL(request.url)
  const answer = await handleNotification(
    context.db,
    context.payments,
    provider,
    {
      method: request.method,
      // Our origin as configured (PUBLIC_URL), not as the proxy's Host header says: VNPay signs the query only,
      // but the adapters see the URL the provider called.
      url: `${context.origin}${pathname}${search}`,
      headers: Object.fromEntries(request.headers),
      rawBody,
    },
    context.logger,
  )
  if (!answer) return plain(404, 'Not found')
  return new Response(answer.body, {
    status: answer.status,
    headers: { 'Content-Type': `${answer.contentType}; charset=utf-8`, 'Cache-Control': 'no-store' },
  })
}
