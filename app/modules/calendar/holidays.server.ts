import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { HolidaySet } from './working-days'

/** The holiday set for a range of years (a few dozen rows; read per use, small enough not to cache yet). */
export async function loadHolidays(
  db: Kysely<Database>,
  fromYear: number,
  toYear: number,
): Promise<HolidaySet> {
  const rows = await db
    .selectFrom('holidays')
    .select('date')
    .where('date', '>=', `${fromYear}-01-01`)
    .where('date', '<=', `${toYear}-12-31`)
    .execute()
  return new Set(rows.map((r) => r.date))
}
