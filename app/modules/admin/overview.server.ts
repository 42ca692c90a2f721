import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { vnDay } from '../calendar/vietnam-time'
import { subtreeIds } from './agencies.server'
import { recentAudit } from './audit.server'

/**
 * The administration's home: how much there is to administer (agencies managed, staff of the administrator's
 * agencies, holidays of the year, procedures) and the latest changes.
 */
export async function adminOverview(db: Kysely<Database>, adminAgencyIds: string[], now = new Date()) {
  const year = Number(vnDay(now).slice(0, 4))
  const [managed, staff, holidays, procedures, recent] = await Promise.all([
    subtreeIds(db, adminAgencyIds),
    db
      .selectFrom('staff_roles')
      .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
      .where(
        'agency_id',
        'in',
        adminAgencyIds.length ? adminAgencyIds : ['00000000-0000-0000-0000-000000000000'],
      )
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('holidays')
      .select(['date', 'name_vi', 'name_en'])
      .where('date', '>=', `${year}-01-01`)
      .where('date', '<=', `${year}-12-31`)
      .orderBy('date')
      .execute(),
    db
      .selectFrom('procedures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    recentAudit(db, adminAgencyIds),
  ])
  return {
    year,
    counts: { agencies: managed.size, staff: staff.n, holidays: holidays.length, procedures: procedures.n },
    holidays,
    recent,
  }
}
