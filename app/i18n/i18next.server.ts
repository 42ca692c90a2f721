import type { i18n as I18n } from 'i18next'
import { RemixI18Next } from 'remix-i18next/server'
import { lngCookie } from './lng-cookie.server'
import { fallbackLng, supportedLngs, type Lng } from './config'
import { createI18n } from './instance'
import { resources } from './resources'

/** Detection only (search param, then cookie, then Vietnamese): no per-request i18next initialisation here. */
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLngs],
    fallbackLanguage: fallbackLng,
    cookie: lngCookie,
    order: ['searchParams', 'cookie'],
  },
})

// The root loader, the page's loader and the document render all ask: detected once per request.
const detected = new WeakMap<Request, Promise<Lng>>()

export function getLng(request: Request): Promise<Lng> {
  let lng = detected.get(request)
  if (!lng) {
    lng = i18nServer.getLocale(request).then((l) => (l === 'en' ? 'en' : 'vi'))
    detected.set(request, lng)
  }
  return lng
}

// One initialised instance per language, built at start-up and shared by every request in that language: the
// server never changes an instance's language (useChangeLanguage acts in an effect, which only runs in the browser).
const base: Record<Lng, I18n> = { vi: createI18n('vi', resources), en: createI18n('en', resources) }

export function i18nFor(lng: Lng): I18n {
  return base[lng]
}

/** A server-side t for loaders and actions (page titles, emails). */
export async function getT(request: Request, ns: string | string[] = 'common') {
  const lng = await getLng(request)
  return { lng, t: base[lng].getFixedT(lng, ns) }
}
