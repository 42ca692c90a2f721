import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { writeAudit } from './audit.server'
import { DuplicateError } from './errors'
import type { HolidayInput, HolidaySwapInput } from './schemas'

/**
 * The holidays table is city-wide and the legal clock reads it (`calendar/holidays.server.ts`): a day added
 * here is skipped by every due date computed afterwards; due dates already set are not recomputed. It holds days
 * off and make-up working days (a weekend day worked for a swapped weekday: `kind` 'working', `replaces`).
 */
export async function holidaysOfYear(db: Kysely<Database>, year: number) {
  const [holidays, years] = await Promise.all([
    db
      .selectFrom('holidays as h')
      // The make-up day of a swapped day off (possibly in another year).
      .leftJoin('holidays as w', 'w.replaces', 'h.date')
      .select(['h.date', 'h.name_vi', 'h.name_en', 'h.kind', 'h.replaces', 'h.basis', 'w.date as made_up_on'])
      .where('h.date', '>=', `${year}-01-01`)
      .where('h.date', '<=', `${year}-12-31`)
      .orderBy('h.date')
      .execute(),
    db
      .selectFrom('holidays')
      .select((eb) => eb.fn<number>('date_part', [eb.val('year'), eb.ref('date')]).as('year'))
      .distinct()
      .orderBy('year')
      .execute(),
  ])
  return { year, holidays, years: [...new Set([...years.map((y) => Number(y.year)), year])].sort() }
}

/** One day of the calendar with the other half of its swap, if it is part of one; null when not in the table. */
export async function calendarDay(db: Kysely<Database>, date: string) {
  const day = await db
    .selectFrom('holidays as h')
    .leftJoin('holidays as w', 'w.replaces', 'h.date')
    .select(['h.date', 'h.name_vi', 'h.name_en', 'h.kind', 'h.replaces', 'w.date as made_up_on'])
    .where('h.date', '=', date)
    .executeTakeFirst()
  return day ?? null
}

function isUniqueViolation(error: unknown) {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505'
}

/** Adds a holiday; DuplicateError('date') when the day is already in the calendar. Audited. */
export async function addHoliday(db: Kysely<Database>, actorId: string, input: HolidayInput) {
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('holidays')
        .values({ date: input.date, name_vi: input.nameVi, name_en: input.nameEn })
        .execute()
      await writeAudit(trx, {
        actorId,
        agencyId: null,
        action: 'holiday.add',
        target: input.date,
        data: { nameVi: input.nameVi, nameEn: input.nameEn },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateError('date')
    throw error
  }
}

/**
 * Checks a swap before it is confirmed: DuplicateError('dayOff' | 'makeUpDay') when either day is already in the
 * calendar. (The weekday / weekend rules are the schema's.)
 */
export async function checkSwap(db: Kysely<Database>, input: HolidaySwapInput) {
  const taken = await db
    .selectFrom('holidays')
    .select('date')
    .where('date', 'in', [input.dayOff, input.makeUpDay])
    .execute()
  if (taken.some((d) => d.date === input.dayOff)) throw new DuplicateError('dayOff')
  if (taken.some((d) => d.date === input.makeUpDay)) throw new DuplicateError('makeUpDay')
}

/**
 * Adds a swap: the weekday off and the weekend day worked for it, together, in one transaction. Checked again
 * (a day may have been added since the confirmation page). Audited once ('holiday.swap.add', target the day off).
 */
export async function addSwap(db: Kysely<Database>, actorId: string, input: HolidaySwapInput) {
  const basis = input.basis === '' ? null : input.basis
  try {
    await db.transaction().execute(async (trx) => {
      await checkSwap(trx, input)
      await trx
        .insertInto('holidays')
        .values({ date: input.dayOff, name_vi: input.swapNameVi, name_en: input.swapNameEn, basis })
        .execute()
      await trx
        .insertInto('holidays')
        .values({
          date: input.makeUpDay,
          name_vi: input.swapNameVi,
          name_en: input.swapNameEn,
          kind: 'working',
          replaces: input.dayOff,
          basis,
        })
        .execute()
      await writeAudit(trx, {
        actorId,
        agencyId: null,
        action: 'holiday.swap.add',
        target: input.dayOff,
        data: {
          dayOff: input.dayOff,
          makeUpDay: input.makeUpDay,
          nameVi: input.swapNameVi,
          nameEn: input.swapNameEn,
          basis,
        },
      })
    })
  } catch (error) {
    // Two administrators confirming at once: the second finds the day taken.
    if (isUniqueViolation(error)) throw new DuplicateError('dayOff')
    throw error
  }
}

/**
 * Removes a day from the calendar. Half a swap is never left behind: removing the day off of a swap or its
 * make-up day removes both (audited once as 'holiday.swap.remove', target the day off); a plain holiday is
 * audited as 'holiday.remove'. Idempotent (a second click finds nothing and changes nothing). Returns the days
 * removed.
 */
export async function removeHoliday(db: Kysely<Database>, actorId: string, date: string) {
  return db.transaction().execute(async (trx) => {
    const day = await calendarDay(trx, date)
    if (!day) return []
    const dayOff = day.kind === 'working' ? day.replaces! : day.date
    const makeUpDay = day.kind === 'working' ? day.date : day.made_up_on
    // Deleting the day off cascades to its make-up day (the foreign key).
    const removed = await trx
      .deleteFrom('holidays')
      .where('date', 'in', makeUpDay ? [dayOff, makeUpDay] : [dayOff])
      .returning(['date', 'name_vi', 'name_en'])
      .execute()
    if (removed.length === 0) return []
    const off = removed.find((r) => r.date === dayOff) ?? removed[0]
    await writeAudit(trx, {
      actorId,
      agencyId: null,
      action: makeUpDay ? 'holiday.swap.remove' : 'holiday.remove',
      target: dayOff,
      data: makeUpDay
        ? { dayOff, makeUpDay, nameVi: off.name_vi, nameEn: off.name_en }
        : { nameVi: off.name_vi, nameEn: off.name_en },
    })
    return removed.map((r) => r.date).sort()
  })
}
