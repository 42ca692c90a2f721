/**
 * The English translations of the public and citizen pages: a chunk of their own, so a browser loads only its
 * page's language. The staff areas' namespaces are in resources-en-staff.ts, loaded only for a signed-in staff
 * member (entry.client.tsx), which keeps them off every citizen's page.
 */
import enCommon from '../../locales/en/common.json'
import enAuth from '../../locales/en/auth.json'
import enHome from '../../locales/en/home.json'
import enValidation from '../../locales/en/validation.json'
import enCatalogue from '../../locales/en/catalogue.json'
import enForms from '../../locales/en/forms.json'
import enDossier from '../../locales/en/dossier.json'
import enPayments from '../../locales/en/payments.json'
import enResults from '../../locales/en/results.json'

export const en = {
  common: enCommon,
  auth: enAuth,
  home: enHome,
  validation: enValidation,
  catalogue: enCatalogue,
  forms: enForms,
  dossier: enDossier,
  payments: enPayments,
  results: enResults,
}
