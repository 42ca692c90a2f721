import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { workCalendar, type HolidaySet } from './working-days'

/**
 * The calendar for a range of years: its days off and its make-up working days (a few dozen rows; read per use,
 * small enough not to cache yet).
 */
export async function loadHolidays(
  db: Kysely<Database>,
  fromYear: number,
  toYear: number,
): Promise<HolidaySet> {
  const rows = await db
    .selectFrom('holidays')
    .select(['date', 'kind'])
    .where('date', '>=', `${fromYear}-01-01`)
    .where('date', '<=', `${toYear}-12-31`)
    .execute()
  return workCalendar(
    rows.filter((r) => r.kind === 'off').map((r) => r.date),
    rows.filter((r) => r.kind === 'working').map((r) => r.date),
  )
}

/**
 * The next swap not yet over on `today` ('yyyy-mm-dd', Viet Nam): its make-up working day and the day off it
 * replaces, or null. What the dashboard announces (a Saturday the one-stop shop opens, a weekday it is closed);
 * a swap stays "next" until both of its days have passed (22 August worked, 31 August still to come).
 */
export async function nextSwap(db: Kysely<Database>, today: string) {
  const row = await db
    .selectFrom('holidays as w')
    .innerJoin('holidays as h', 'h.date', 'w.replaces')
    .select(['w.date as makeUpDay', 'h.date as dayOff', 'h.name_vi', 'h.name_en'])
    .where('w.kind', '=', 'working')
    .where((eb) => eb.or([eb('w.date', '>=', today), eb('h.date', '>=', today)]))
    .orderBy(sql`least(w.date, h.date)`)
    .limit(1)
    .executeTakeFirst()
  return row ?? null
}
