/**
 * The Vietnamese translations of the staff areas (reception, processing, finance, administration, the demo
 * mailbox): loaded by the browser only when a staff member is signed in (entry.client.tsx; a staff sign-in ends
 * with a full page load, utils/login.server.ts).
 */
import viStaff from '../../locales/vi/staff.json'
import viEmail from '../../locales/vi/email.json'
import viQueues from '../../locales/vi/queues.json'
import viOfficer from '../../locales/vi/officer.json'
import viAdmin from '../../locales/vi/admin.json'
import viFinance from '../../locales/vi/finance.json'

export const viStaffAreas = {
  staff: viStaff,
  email: viEmail,
  queues: viQueues,
  officer: viOfficer,
  admin: viAdmin,
  finance: viFinance,
}
