/**
 * The English translations of the staff areas (reception, processing, finance, administration, the demo
 * mailbox): loaded by the browser only when a staff member is signed in (entry.client.tsx; a staff sign-in ends
 * with a full page load, utils/login.server.ts).
 */
import enStaff from '../../locales/en/staff.json'
import enEmail from '../../locales/en/email.json'
import enQueues from '../../locales/en/queues.json'
import enOfficer from '../../locales/en/officer.json'
import enAdmin from '../../locales/en/admin.json'
import enFinance from '../../locales/en/finance.json'

export const enStaffAreas = {
  staff: enStaff,
  email: enEmail,
  queues: enQueues,
  officer: enOfficer,
  admin: enAdmin,
  finance: enFinance,
}
