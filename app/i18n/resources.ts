// Translations are small, so both languages are bundled (server and client) and no request ever waits for a
// locale file. When they grow, switch the client to lazy per-namespace loading (see README, Decisions).
import enAuth from '../../locales/en/auth.json'
import enCatalogue from '../../locales/en/catalogue.json'
import enCommon from '../../locales/en/common.json'
import enDossier from '../../locales/en/dossier.json'
import enAdmin from '../../locales/en/admin.json'
import enEmail from '../../locales/en/email.json'
import enOfficer from '../../locales/en/officer.json'
import enPayments from '../../locales/en/payments.json'
import enFinance from '../../locales/en/finance.json'
import enQueues from '../../locales/en/queues.json'
import enForms from '../../locales/en/forms.json'
import enHome from '../../locales/en/home.json'
import enStaff from '../../locales/en/staff.json'
import enValidation from '../../locales/en/validation.json'
import viAuth from '../../locales/vi/auth.json'
import viCatalogue from '../../locales/vi/catalogue.json'
import viCommon from '../../locales/vi/common.json'
import viDossier from '../../locales/vi/dossier.json'
import viAdmin from '../../locales/vi/admin.json'
import viEmail from '../../locales/vi/email.json'
import viOfficer from '../../locales/vi/officer.json'
import viPayments from '../../locales/vi/payments.json'
import viFinance from '../../locales/vi/finance.json'
import viQueues from '../../locales/vi/queues.json'
import viForms from '../../locales/vi/forms.json'
import viHome from '../../locales/vi/home.json'
import viStaff from '../../locales/vi/staff.json'
import viValidation from '../../locales/vi/validation.json'

export const resources = {
  vi: {
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
  },
  en: {
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
  },
}
