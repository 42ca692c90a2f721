import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { vnDay } from '../calendar/vietnam-time'
import { inAdminScope, type AdminScope } from './access.server'
import { recentAudit } from './audit.server'

/**
 * The administration's home: how much there is to administer (agencies, staff and procedures in the
 * administrator's scope, holidays of the year) and the latest changes.
 */
export async function adminOverview(db: Kysely<Database>, scope: AdminScope, now = new Date()) {
  const year = Number(vnDay(now).slice(0, 4))
  const [managed, staff, holidays, procedures, recent] = await Promise.all([
    db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(inAdminScope(scope, 'agencies.id'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('staff_roles')
      .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
      .where(inAdminScope(scope, 'staff_roles.agency_id'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('holidays')
      .select(['date', 'name_vi', 'name_en'])
      // Days off only: a make-up working day (kind 'working') is not a holiday.
      .where('kind', '=', 'off')
      .where('date', '>=', `${year}-01-01`)
      .where('date', '<=', `${year}-12-31`)
      .orderBy('date')
      .execute(),
    db
      .selectFrom('procedures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(inAdminScope(scope, 'procedures.agency_id'))
      .executeTakeFirstOrThrow(),
    recentAudit(db, scope),
  ])
  return {
    year,
    counts: { agencies: managed.n, staff: staff.n, holidays: holidays.length, procedures: procedures.n },
    holidays,
    recent,
  }
}
