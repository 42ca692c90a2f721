/**
 * How much office time lies between two instants, by the clock's office hours (workflow/clock.ts OFFICE_HOURS:
 * 07:30–11:30 and 13:30–17:30 Viet Nam time, Monday–Friday, holidays excluded). The inverse of
 * `addWorkingMinutes`: workingMinutesBetween(t, addWorkingMinutes(t, m)) === m. Pure.
 */
import { vnDay } from '../calendar/vietnam-time'
import { isWorkingDay, type HolidaySet } from '../calendar/working-days'
import { OFFICE_HOURS, vnInstant } from '../workflow/clock'

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)

/** Working minutes from `from` to `to` (negative when `to` is earlier), fractions of a minute kept. */
export function workingMinutesBetween(from: Date, to: Date, holidays: HolidaySet): number {
  if (to.getTime() < from.getTime()) return -workingMinutesBetween(to, from, holidays)
  const last = vnDay(to)
  let total = 0
  for (let day = vnDay(from); day <= last; day = nextDay(day)) {
    if (!isWorkingDay(day, holidays)) continue
    for (const hours of OFFICE_HOURS) {
      const start = Math.max(vnInstant(day, hours.from).getTime(), from.getTime())
      const end = Math.min(vnInstant(day, hours.to).getTime(), to.getTime())
      if (end > start) total += (end - start) / MINUTE_MS
    }
  }
  return total
}
