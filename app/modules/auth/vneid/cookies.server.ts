import { createCookie } from '@remix-run/node'
import { httpsOnly, type Env } from '../../../utils/env.server'

/**
 * The browser's half of a VNeID sign-in in flight (its sha256 keys `vneid_logins`), and of a link waiting for a
 * password (`vneid_link_requests`). Random 256-bit tokens, so unsigned; HttpOnly, SameSite=Lax (sent on the
 * provider's top-level redirect back to the callback), `__Host-` + Secure over https.
 */
export function vneidLoginCookie(env: Env) {
  const secure = httpsOnly(env)
  return createCookie(secure ? '__Host-vneid-login' : 'vneid-login', {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
  })
}

export function vneidLinkCookie(env: Env) {
  const secure = httpsOnly(env)
  return createCookie(secure ? '__Host-vneid-link' : 'vneid-link', {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
  })
}

/** The cookie's token, or null (absent, malformed). */
export async function tokenFrom(
  cookie: ReturnType<typeof vneidLoginCookie>,
  request: Request,
): Promise<string | null> {
  const value: unknown = await cookie.parse(request.headers.get('cookie')).catch(() => null)
  return typeof value === 'string' && value.length >= 32 ? value : null
}
