/** The English translations, every namespace: a chunk of their own, so a browser loads only its page's language. */
import enCommon from '../../locales/en/common.json'
import enAuth from '../../locales/en/auth.json'
import enHome from '../../locales/en/home.json'
import enStaff from '../../locales/en/staff.json'
import enValidation from '../../locales/en/validation.json'
import enCatalogue from '../../locales/en/catalogue.json'
import enForms from '../../locales/en/forms.json'
import enDossier from '../../locales/en/dossier.json'
import enEmail from '../../locales/en/email.json'
import enQueues from '../../locales/en/queues.json'
import enOfficer from '../../locales/en/officer.json'
import enAdmin from '../../locales/en/admin.json'
import enPayments from '../../locales/en/payments.json'
import enFinance from '../../locales/en/finance.json'
import enResults from '../../locales/en/results.json'

export const en = {
  common: enCommon,
  auth: enAuth,
  home: enHome,
  staff: enStaff,
  validation: enValidation,
  catalogue: enCatalogue,
  forms: enForms,
  dossier: enDossier,
  email: enEmail,
  queues: enQueues,
  officer: enOfficer,
  admin: enAdmin,
  payments: enPayments,
  finance: enFinance,
  results: enResults,
}
