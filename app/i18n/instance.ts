import { createInstance, type i18n as I18n, type InitOptions, type Resource } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { defaultNS, fallbackLng, namespaces, supportedLngs, type Lng } from './config'

export const i18nOptions: InitOptions = {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  ns: [...namespaces],
  interpolation: { escapeValue: false }, // React escapes
  react: { useSuspense: false },
  initImmediate: false,
}

/**
 * An initialised instance over the given translations: every language on the server (one instance per process;
 * requests clone it, the store is shared), the page's language alone in the browser.
 */
export function createI18n(lng: Lng, resources: Resource): I18n {
  const instance = createInstance()
  void instance.use(initReactI18next).init({ ...i18nOptions, lng, resources })
  return instance
}
