import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { writeAudit } from './audit.server'
import { DuplicateError } from './errors'
import type { HolidayInput } from './schemas'

/**
 * The holidays table is city-wide and the legal clock reads it (`calendar/holidays.server.ts`): a day added
 * here is skipped by every due date computed afterwards; due dates already set are not recomputed.
 */
export async function holidaysOfYear(db: Kysely<Database>, year: number) {
  const [holidays, years] = await Promise.all([
    db
      .selectFrom('holidays')
      .select(['date', 'name_vi', 'name_en'])
      .where('date', '>=', `${year}-01-01`)
      .where('date', '<=', `${year}-12-31`)
      .orderBy('date')
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

function isUniqueViolation(error: unknown) {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505'
}

/** Adds a holiday; DuplicateError('date') when the day is already one. Audited. */
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

/** Removes a holiday. Idempotent (a second click finds nothing and changes nothing); audited when removed. */
export async function removeHoliday(db: Kysely<Database>, actorId: string, date: string) {
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('holidays')
      .where('date', '=', date)
      .returning(['date', 'name_vi', 'name_en'])
      .executeTakeFirst()
    if (removed)
      await writeAudit(trx, {
        actorId,
        agencyId: null,
        action: 'holiday.remove',
        target: date,
        data: { nameVi: removed.name_vi, nameEn: removed.name_en },
      })
    return removed !== undefined
  })
}
