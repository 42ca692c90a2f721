import { createCookie } from '@remix-run/node'
import { lngCookieName } from './config'

/** The remembered language (not a secret, not signed). One definition for Express, remix-i18next and actions. */
export const lngCookie = createCookie(lngCookieName, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 })
