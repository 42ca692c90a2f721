import { createInstance, type i18n as I18n, type InitOptions } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { defaultNS, fallbackLng, namespaces, supportedLngs, type Lng } from './config'
import { resources } from './resources'

export const i18nOptions: InitOptions = {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  ns: [...namespaces],
  resources,
  interpolation: { escapeValue: false }, // React escapes
  react: { useSuspense: false },
  initImmediate: false,
}

/** One initialised instance per process; requests clone it (cheap: the store is shared). */
export function createI18n(lng: Lng): I18n {
  const instance = createInstance()
  void instance.use(initReactI18next).init({ ...i18nOptions, lng })
  return instance
}
