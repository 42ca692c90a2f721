/** The Vietnamese translations, every namespace: a chunk of their own, so a browser loads only its page's language. */
import viCommon from '../../locales/vi/common.json'
import viAuth from '../../locales/vi/auth.json'
import viHome from '../../locales/vi/home.json'
import viStaff from '../../locales/vi/staff.json'
import viValidation from '../../locales/vi/validation.json'
import viCatalogue from '../../locales/vi/catalogue.json'
import viForms from '../../locales/vi/forms.json'
import viDossier from '../../locales/vi/dossier.json'
import viEmail from '../../locales/vi/email.json'
import viQueues from '../../locales/vi/queues.json'
import viOfficer from '../../locales/vi/officer.json'
import viAdmin from '../../locales/vi/admin.json'
import viPayments from '../../locales/vi/payments.json'
import viFinance from '../../locales/vi/finance.json'
import viResults from '../../locales/vi/results.json'

export const vi = {
  common: viCommon,
  auth: viAuth,
  home: viHome,
  staff: viStaff,
  validation: viValidation,
  catalogue: viCatalogue,
  forms: viForms,
  dossier: viDossier,
  email: viEmail,
  queues: viQueues,
  officer: viOfficer,
  admin: viAdmin,
  payments: viPayments,
  finance: viFinance,
  results: viResults,
}
