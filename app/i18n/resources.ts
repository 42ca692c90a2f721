// Translations are small, so both languages are bundled (server and client) and no request ever waits for a
// locale file. When they grow, switch the client to lazy per-namespace loading (see README, Decisions).
import enAuth from '../../locales/en/auth.json'
import enCommon from '../../locales/en/common.json'
import enHome from '../../locales/en/home.json'
import enStaff from '../../locales/en/staff.json'
import enValidation from '../../locales/en/validation.json'
import viAuth from '../../locales/vi/auth.json'
import viCommon from '../../locales/vi/common.json'
import viHome from '../../locales/vi/home.json'
import viStaff from '../../locales/vi/staff.json'
import viValidation from '../../locales/vi/validation.json'

export const resources = {
  vi: { common: viCommon, auth: viAuth, home: viHome, staff: viStaff, validation: viValidation },
  en: { common: enCommon, auth: enAuth, home: enHome, staff: enStaff, validation: enValidation },
}
