import { redirect, redirectDocument, type AppLoadContext } from '@remix-run/node'
import type { Locale } from '../../db/schema'
import { lngCookie } from '../i18n/lng-cookie.server'
import { createSession, deleteSession } from '../modules/auth/session.server'
import { endSessionUrl } from '../modules/auth/vneid/relying-party.server'

/**
 * Starts a fresh session (a new id at every login: no fixation), remembers the account's language and
 * redirects. The old session row, if any, is deleted.
 */
export async function startSessionAndRedirect(
  request: Request,
  context: AppLoadContext,
  user: { id: string; kind: 'citizen' | 'staff'; locale: Locale },
  to: string,
  /** a VNeID sign-in: its identity level, link and ID token (issue 16); a password sign-in otherwise */
  vneid?: { level: 1 | 2; identityId: string; idToken: string },
  extraCookies: string[] = [],
) {
  const previous = await context.session()
  if (previous.token) await deleteSession(context.db, previous.token)
  const { token, expiresAt } = await createSession(
    context.db,
    user,
    { ip: context.ip, userAgent: request.headers.get('user-agent') },
    vneid ? { method: 'vneid', ...vneid } : undefined,
  )
  const headers = new Headers()
  headers.append('Set-Cookie', await context.sessionCookie.serialize(token, { expires: expiresAt }))
  headers.append('Set-Cookie', await lngCookie.serialize(user.locale))
  for (const cookie of extraCookies) headers.append('Set-Cookie', cookie)
  context.logger.info(
    { event: 'login', userId: user.id, method: vneid ? 'vneid' : 'password', level: vneid?.level },
    'signed in',
  )
  // A staff member's first page after sign-in is a full page load: the browser loads the staff areas' translations
  // only when a page is rendered for staff (entry.client.tsx), so a client-side navigation would lack them.
  return user.kind === 'staff' ? redirectDocument(to, { headers }) : redirect(to, { headers })
}

/**
 * Ends the portal's session. A VNeID session then goes on to the provider's end-session endpoint (RP-initiated
 * logout, with the ID token as hint) where the provider offers one; otherwise to `to`.
 */
export async function endSessionAndRedirect(context: AppLoadContext, to: string) {
  const s = await context.session()
  const ended = s.token ? await deleteSession(context.db, s.token) : undefined
  if (s.status === 'active') context.logger.info({ event: 'logout', userId: s.user.id }, 'signed out')
  const providerLogout =
    s.status === 'active' && s.auth.method === 'vneid'
      ? await endSessionUrl(context.env, { idToken: ended?.idToken ?? null, origin: context.origin })
      : null
  return redirect(providerLogout ?? to, {
    headers: { 'Set-Cookie': await context.sessionCookie.serialize('', { maxAge: 0 }) },
  })
}
