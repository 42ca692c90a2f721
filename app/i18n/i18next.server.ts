import type { i18n as I18n } from 'i18next'
import { RemixI18Next } from 'remix-i18next/server'
import { lngCookie } from './lng-cookie.server'
import { fallbackLng, supportedLngs, type Lng } from './config'
import { createI18n } from './instance'

/** Detection only (search param, then cookie, then Vietnamese): no per-request i18next initialisation here. */
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLngs],
    fallbackLanguage: fallbackLng,
    cookie: lngCookie,
    order: ['searchParams', 'cookie'],
  },
})

export async function getLng(request: Request): Promise<Lng> {
  return (await i18nServer.getLocale(request)) === 'en' ? 'en' : 'vi'
}

// One initialised instance per language, built at start-up; each request gets a clone (shares the store).
const base: Record<Lng, I18n> = { vi: createI18n('vi'), en: createI18n('en') }

export function i18nFor(lng: Lng): I18n {
  return base[lng].cloneInstance({ lng, initImmediate: false })
}

/** A server-side t for loaders and actions (page titles, emails). */
export async function getT(request: Request, ns: string | string[] = 'common') {
  const lng = await getLng(request)
  return { lng, t: base[lng].getFixedT(lng, ns) }
}
