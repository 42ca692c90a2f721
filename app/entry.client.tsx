import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { isLng, type Lng } from './i18n/config'
import { createI18n } from './i18n/instance'

const lang = document.documentElement.lang
const lng: Lng = isLng(lang) ? lang : 'vi'

// Only the page's language (about half of the translations); a language switch reloads the document. The staff
// areas' namespaces only for a signed-in staff member (root.tsx marks the page; a staff sign-in ends with a full
// page load, so they are here before the first staff page): citizens never download them.
const staff = document.documentElement.dataset.translations === 'staff'
const translations = Promise.all([
  lng === 'en'
    ? import('./i18n/resources-en').then((m) => m.en)
    : import('./i18n/resources-vi').then((m) => m.vi),
  staff
    ? lng === 'en'
      ? import('./i18n/resources-en-staff').then((m) => m.enStaffAreas)
      : import('./i18n/resources-vi-staff').then((m) => m.viStaffAreas)
    : {},
]).then(([bundle, areas]) => ({ ...bundle, ...areas }))

void translations.then((bundle) => {
  const i18n = createI18n(lng, { [lng]: bundle })
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    )
  })
})
