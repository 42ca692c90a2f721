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

/**
 * A translation asked with nothing but where to look (the language, namespaces and key prefix that getFixedT and
 * useTranslation pass: no count, value, context or default) depends on its key alone, and the server's resources
 * never change after start-up: each is looked up once per instance (up to 20,000 of them; i18next's own lookup,
 * fallbacks and interpolation pass was a tenth of a page's CPU). Anything else goes to i18next as it is.
 */
export function rememberPlainTranslations(instance: I18n): I18n {
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown
  const known = new Map<string, unknown>()
  const where = new Set(['lng', 'lngs', 'ns', 'keyPrefix'])
  const part = (value: unknown) => (Array.isArray(value) ? value.join(',') : String(value ?? ''))
  const t = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (
      typeof key !== 'string' ||
      rest.length ||
      (options !== undefined && (typeof options !== 'object' || !options))
    )
      return translate(key, options, ...rest)
    const o = (options ?? {}) as Record<string, unknown>
    for (const name in o) if (!where.has(name)) return translate(key, options)
    const id = `${part(o.lng)}\u0000${part(o.lngs)}\u0000${part(o.ns)}\u0000${part(o.keyPrefix)}\u0000${key}`
    if (known.has(id)) return known.get(id)
    const text = translate(key, options)
    if (known.size < 20_000) known.set(id, text)
    return text
  }
  instance.t = t as unknown as I18n['t']
  return instance
}

// One initialised instance per language, built at start-up and shared by every request in that language: the
// server never changes an instance's language (useChangeLanguage acts in an effect, which only runs in the browser).
const base: Record<Lng, I18n> = {
  vi: rememberPlainTranslations(createI18n('vi', resources)),
  en: rememberPlainTranslations(createI18n('en', resources)),
}

export function i18nFor(lng: Lng): I18n {
  return base[lng]
}

/** A server-side t for loaders and actions (page titles, emails). */
export async function getT(request: Request, ns: string | string[] = 'common') {
  const lng = await getLng(request)
  return { lng, t: base[lng].getFixedT(lng, ns) }
}
