import { vnDay } from './vietnam-time'

/**
 * Working days: Monday to Friday, except the days off in the `holidays` table (Tết included: dates, not rules),
 * plus the weekend days the Government has made working days (ngày làm bù: Saturday 10 January 2026 was worked
 * for Friday 2 January). Pure functions over 'yyyy-mm-dd' days; the calendar is loaded by the caller
 * (`loadHolidays`).
 *
 * A HolidaySet is the set of days off; `makeUpDays`, when present, the weekend days worked. A plain Set of days
 * off is a valid calendar without swaps.
 */
export interface HolidaySet extends ReadonlySet<string> {
  readonly makeUpDays?: ReadonlySet<string>
}

/** A calendar from its days off and its make-up working days. */
export function workCalendar(daysOff: Iterable<string>, makeUpDays: Iterable<string> = []): HolidaySet {
  return Object.assign(new Set(daysOff), { makeUpDays: new Set(makeUpDays) as ReadonlySet<string> })
}

const dayMs = 86_400_000
const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`)
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Saturday or Sunday. */
export function isWeekend(day: string): boolean {
  const weekday = new Date(toUtc(day)).getUTCDay()
  return weekday === 0 || weekday === 6
}

/** A day off is never worked; a make-up day is worked although it is a weekend day; otherwise Monday to Friday. */
export function isWorkingDay(day: string, holidays: HolidaySet): boolean {
  if (holidays.has(day)) return false
  if (holidays.makeUpDays?.has(day)) return true
  return !isWeekend(day)
}

/** The day that is `n` working days after `day` (n ≥ 0; n = 0 is `day` itself if working, else the next). */
export function addWorkingDays(day: string, n: number, holidays: HolidaySet): string {
  let ms = toUtc(day)
  while (!isWorkingDay(fromUtc(ms), holidays)) ms += dayMs
  let left = n
  while (left > 0) {
    ms += dayMs
    if (isWorkingDay(fromUtc(ms), holidays)) left--
  }
  return fromUtc(ms)
}

/** Working days strictly after `from` up to and including `to` (negative when `to` is before `from`). */
export function workingDaysBetween(from: string, to: string, holidays: HolidaySet): number {
  if (to < from) return -workingDaysBetween(to, from, holidays)
  let count = 0
  for (let ms = toUtc(from) + dayMs; ms <= toUtc(to); ms += dayMs)
    if (isWorkingDay(fromUtc(ms), holidays)) count++
  return count
}

/** Working days left until a due instant, counted on Vietnamese calendar days (0 on the due day). */
export function workingDaysLeft(now: Date, dueAt: Date, holidays: HolidaySet): number {
  return workingDaysBetween(vnDay(now), vnDay(dueAt), holidays)
}
