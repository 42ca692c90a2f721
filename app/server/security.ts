import type { NextFunction, Request, Response } from 'express'

/** Paths that gateways call from their own servers; they are authenticated by signature instead. */
const crossSiteAllowed = [/^\/webhooks\//, /^\/payments\/vnpay\//]
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses non-GET requests that do not come from our own origin: `Sec-Fetch-Site` must be same-origin or none,
 * or, where a client does not send it, `Origin` must equal ours. A request with neither is refused too.
 */
export function isSameOriginRequest(req: Request, origin: string): boolean {
  if (safeMethods.has(req.method)) return true
  if (crossSiteAllowed.some((re) => re.test(req.path))) return true
  const site = req.get('sec-fetch-site')
  if (site) return site === 'same-origin' || site === 'none'
  const requestOrigin = req.get('origin')
  return !!requestOrigin && requestOrigin === origin
}

export function securityHeaders(production: boolean) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = res.locals.nonce as string
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      ...(production ? ['upgrade-insecure-requests'] : []),
    ].join('; ')
    const defaults: [string, string][] = [
      ['Content-Security-Policy', csp],
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'same-origin'],
      ['X-Frame-Options', 'DENY'],
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
      ...(production
        ? ([['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']] as [string, string][])
        : []),
    ]
    // Applied as the headers go out, and only where the response did not set its own (a download's sandboxing
    // CSP replaces the page CSP instead of being appended to it).
    const writeHead = res.writeHead
    res.writeHead = function (this: Response, ...args: unknown[]) {
      for (const [name, value] of defaults) if (!this.hasHeader(name)) this.setHeader(name, value)
      return (writeHead as (...a: unknown[]) => Response).apply(this, args)
    } as typeof res.writeHead
    next()
  }
}
