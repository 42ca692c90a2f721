import type { NextFunction, Request, Response } from 'express'

import type { Socket } from 'node:net'
/** Paths that gateways call from their own servers; they are authenticated by signature instead. */
const crossSiteAllowed = [/^\/webhooks\//, /^\/payments\/vnpay\//]
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Gateway callbacks and returns: called or sent by the gateways, authenticated by their signatures. */
export const isGatewayCallback = (req: Request) => crossSiteAllowed.some((re) => re.test(req.path))

/**
 * Whether a request may reach an action: no body (GET, HEAD, OPTIONS), or a form as our pages post it
 * (urlencoded or multipart). JSON, text or a body without a type are not forms of ours.
 */
export function hasFormBody(req: Request): boolean {
  if (safeMethods.has(req.method)) return true
  const type = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data'
}

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The DNS-rebinding check: `Host` must be PUBLIC_URL's host, or name this connection's own address (or a
 * loopback name) with the port it came in on. A foreign site's name resolving to our address is refused.
 */
export function isAllowedHost(
  host: string | undefined,
  publicHost: string | null,
  socket: Pick<Socket, 'localAddress' | 'localPort'>,
): boolean {
  if (!host) return false
  const value = host.trim().toLowerCase()
  if (publicHost && value === publicHost.toLowerCase()) return true
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value)
  if (!match) return false
  const [, name, port] = match
  if ((port ? Number(port) : 80) !== socket.localPort) return false
  if (loopbackNames.has(name)) return true
  const local = (socket.localAddress ?? '').replace(/^::ffff:/, '').toLowerCase()
  return name === local || name === `[${local}]`
}

/**
 * Refuses non-GET requests that do not come from our own origin: `Sec-Fetch-Site` must be same-origin or none,
 * or, where a client does not send it, `Origin` must equal ours. A request with neither is refused too.
 */
export function isSameOriginRequest(req: Request, origin: string): boolean {
  if (safeMethods.has(req.method)) return true
  if (isGatewayCallback(req)) return true
  const site = req.get('sec-fetch-site')
  if (site) return site === 'same-origin' || site === 'none'
  const requestOrigin = req.get('origin')
  return !!requestOrigin && requestOrigin === origin
}

/**
 * `https`: HSTS and upgrade-insecure-requests, only where users reach us over https (see httpsOnly). `devOrigin`:
 * Remix's dev server (npm run dev), whose live-reload socket the page may open.
 */
export function securityHeaders(https: boolean, devOrigin?: string) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = res.locals.nonce as string
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      // npm run dev: the live-reload socket of Remix's dev server.
      devOrigin
        ? `connect-src 'self' ${new URL(devOrigin).origin.replace(/^http/, 'ws')}`
        : "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      ...(https ? ['upgrade-insecure-requests'] : []),
    ].join('; ')
    const defaults: [string, string][] = [
      ['Content-Security-Policy', csp],
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'same-origin'],
      ['X-Frame-Options', 'DENY'],
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
      ...(https
        ? ([['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']] as [string, string][])
        : []),
    ]
    // Applied as the headers go out, and only where the response did not set its own (a download's sandboxing
    // CSP replaces the page CSP instead of being appended to it).
    const writeHead = res.writeHead
    res.writeHead = function (this: Response, ...args: unknown[]) {
      for (const [name, value] of defaults) {
        // A 304 updates the headers a cache stored with its copy: a new nonce would not match that copy's scripts.
        if (this.statusCode === 304 && name === 'Content-Security-Policy') continue
        if (!this.hasHeader(name)) this.setHeader(name, value)
      }
      return (writeHead as (...a: unknown[]) => Response).apply(this, args)
    } as typeof res.writeHead
    next()
  }
}
