import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'

/** The agencies a staff member works in, with their procedures count: scoped to `agencyIds`. */
export async function agencySummaries(db: Kysely<Database>, agencyIds: string[]) {
  if (agencyIds.length === 0) return []
  return db
    .selectFrom('agencies as a')
    .select((eb) => [
      'a.id',
      'a.code',
      'a.name_vi',
      'a.name_en',
      eb
        .selectFrom('procedures as p')
        .select((pb) => pb.fn.countAll<number>().as('n'))
        .whereRef('p.agency_id', '=', 'a.id')
        .as('procedures'),
      eb
        .selectFrom('staff_roles as r')
        .select((rb) => rb.fn.count<number>('r.user_id').distinct().as('n'))
        .whereRef('r.agency_id', '=', 'a.id')
        .as('staff'),
    ])
    .where('a.id', 'in', agencyIds)
    .orderBy('a.code')
    .execute()
}

export async function holidaysBetween(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('holidays')
    .select(['date', 'name_vi', 'name_en'])
    .where('kind', '=', 'off')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute()
}
