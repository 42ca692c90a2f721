/**
 * The Vietnamese translations of the public and citizen pages: a chunk of their own, so a browser loads only its
 * page's language. The staff areas' namespaces are in resources-vi-staff.ts, loaded only for a signed-in staff
 * member (entry.client.tsx), which keeps them off every citizen's page.
 */
import viCommon from '../../locales/vi/common.json'
import viAuth from '../../locales/vi/auth.json'
import viHome from '../../locales/vi/home.json'
import viValidation from '../../locales/vi/validation.json'
import viCatalogue from '../../locales/vi/catalogue.json'
import viForms from '../../locales/vi/forms.json'
import viDossier from '../../locales/vi/dossier.json'
import viPayments from '../../locales/vi/payments.json'
import viResults from '../../locales/vi/results.json'

export const vi = {
  common: viCommon,
  auth: viAuth,
  home: viHome,
  validation: viValidation,
  catalogue: viCatalogue,
  forms: viForms,
  dossier: viDossier,
  payments: viPayments,
  results: viResults,
}
