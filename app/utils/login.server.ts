import { redirect, type AppLoadContext } from '@remix-run/node'
import type { Locale } from '../../db/schema'
import { lngCookie } from '../i18n/lng-cookie.server'
import { createSession, deleteSession } from '../modules/auth/session.server'

/**
 * Starts a fresh session (a new id at every login: no fixation), remembers the account's language and
 * redirects. The old session row, if any, is deleted.
 */
export async function startSessionAndRedirect(
  request: Request,
  context: AppLoadContext,
  user: { id: string; kind: 'citizen' | 'staff'; locale: Locale },
  to: string,
) {
  const previous = await context.session()
  if (previous.token) await deleteSession(context.db, previous.token)
  const { token, expiresAt } = await createSession(context.db, user, {
    ip: context.ip,
    userAgent: request.headers.get('user-agent'),
  })
  const headers = new Headers()
  headers.append('Set-Cookie', await context.sessionCookie.serialize(token, { expires: expiresAt }))
  headers.append('Set-Cookie', await lngCookie.serialize(user.locale))
  context.logger.info({ event: 'login', userId: user.id }, 'signed in')
  return redirect(to, { headers })
}

export async function endSessionAndRedirect(context: AppLoadContext, to: string) {
  const s = await context.session()
  if (s.token) await deleteSession(context.db, s.token)
  if (s.status === 'active') context.logger.info({ event: 'logout', userId: s.user.id }, 'signed out')
  return redirect(to, {
    headers: { 'Set-Cookie': await context.sessionCookie.serialize('', { maxAge: 0 }) },
  })
}
