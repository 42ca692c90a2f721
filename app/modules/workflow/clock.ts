/**
 * The legal clock (DESIGN §5), pure: instants in, instants out (UTC `Date`s), days cut in Asia/Ho_Chi_Minh,
 * working days from `calendar/working-days.ts` (Monday–Friday minus the days off of the `holidays` table, plus
 * its make-up working days: a Saturday worked for a swapped weekday counts; loaded by the caller).
 *
 * The rules, in one place:
 * - Processing days are counted from the working day AFTER the day of reception (the day of reception itself is
 *   never counted, whatever the hour; a Saturday reception counts like a Friday one). The due instant is the end of
 *   the N-th such working day: 17:00 Viet Nam time (10:00 UTC).
 * - A pause (supplement requested, fee assessed after reception) is counted in whole Vietnamese working days: the
 *   working days strictly after the day the pause began, up to and including the day it ended. So the day the
 *   request left is charged to the agency (the clock ran that day), the day the answer came back is given back
 *   to it, and a pause opened and closed on the same day adds nothing. The due date moves by that many working
 *   days (weekends and holidays skipped again).
 * - Reception deadline (Decree 45/2020: act on an online dossier within 8 working hours): office hours are
 *   07:30–11:30 and 13:30–17:30 Viet Nam time, Monday–Friday, holidays excluded (8 hours a day). The hours are
 *   counted from the submission, or from the next opening when it arrives outside them; the deadline is the
 *   instant the 8th hour ends (a count that ends exactly at 11:30 ends at 11:30, not after lunch).
 * - Timeliness compares Vietnamese calendar days: before the due day → early, on it → on time, after → late
 *   (23:30 UTC is already the next day in Viet Nam). Overdue means the same as "would now be late".
 */
import { vnDay } from '../calendar/vietnam-time'
import { addWorkingDays, isWorkingDay, workingDaysBetween, type HolidaySet } from '../calendar/working-days'

export type { HolidaySet }
export type Timeliness = 'early' | 'on_time' | 'late'

const VN_OFFSET_MS = 7 * 3_600_000
const DAY_MS = 86_400_000
const MINUTE_MS = 60_000

/** Minutes after Vietnamese midnight. */
export const DUE_TIME_MINUTES = 17 * 60
/** The one-stop shop's office hours, minutes after Vietnamese midnight (morning and afternoon). */
export const OFFICE_HOURS: readonly { from: number; to: number }[] = [
  { from: 7 * 60 + 30, to: 11 * 60 + 30 },
  { from: 13 * 60 + 30, to: 17 * 60 + 30 },
]
/** 8 working hours: the length of a working day, and the reception deadline. */
export const WORKING_MINUTES_PER_DAY = 480
export const RECEPTION_WORKING_MINUTES = 480

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)

/** The instant of `minutes` after midnight of the Vietnamese calendar day `day` ('yyyy-mm-dd'). */
export function vnInstant(day: string, minutes: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS + minutes * MINUTE_MS)
}

/** The end of a working day as the clock sees it: 17:00 in Viet Nam. */
export function endOfWorkingDay(day: string): Date {
  return vnInstant(day, DUE_TIME_MINUTES)
}

/** The working day that is the `n`-th strictly after `day` (n ≥ 1); `day` itself when n ≤ 0. */
export function nthWorkingDayAfter(day: string, n: number, holidays: HolidaySet): string {
  let d = day
  for (let left = n; left > 0;) {
    d = nextDay(d)
    if (isWorkingDay(d, holidays)) left--
  }
  return d
}

/** Reception + `processingDays` working days, at 17:00 Viet Nam time of the last one. */
export function dueDate(receivedAt: Date, processingDays: number, holidays: HolidaySet): Date {
  const day = vnDay(receivedAt)
  // 0 days ("the same day") is the day of reception, or the next working day when received on a day off.
  if (processingDays <= 0) return endOfWorkingDay(addWorkingDays(day, 0, holidays))
  return endOfWorkingDay(nthWorkingDayAfter(day, processingDays, holidays))
}

/** Working days spent paused, by the rule above (never negative). */
export function pausedWorkingDays(pausedSince: Date, resumedAt: Date, holidays: HolidaySet): number {
  return Math.max(0, workingDaysBetween(vnDay(pausedSince), vnDay(resumedAt), holidays))
}

/** The due instant moved on by `pausedDays` working days (unchanged when 0). */
export function extendForPause(dueAt: Date, pausedDays: number, holidays: HolidaySet): Date {
  if (pausedDays <= 0) return dueAt
  return endOfWorkingDay(nthWorkingDayAfter(vnDay(dueAt), pausedDays, holidays))
}

/** `minutes` of office time after `start` (see OFFICE_HOURS), skipping evenings, weekends and holidays. */
export function addWorkingMinutes(start: Date, minutes: number, holidays: HolidaySet): Date {
  let day = vnDay(start)
  // Position inside the Vietnamese day, in minutes (fractions kept: a submission at 16:00:30 stays exact).
  let cursor = (start.getTime() + VN_OFFSET_MS - Date.parse(`${day}T00:00:00Z`)) / MINUTE_MS
  let left = minutes
  if (left <= 0) return start
  // Bounded: even a long holiday break is a few weeks; 400 days means the holiday set is absurd.
  for (let guard = 0; guard < 400; guard++) {
    if (isWorkingDay(day, holidays)) {
      for (const { from, to } of OFFICE_HOURS) {
        const begin = Math.max(from, cursor)
        if (begin >= to) continue
        if (left <= to - begin) return vnInstant(day, begin + left)
        left -= to - begin
      }
    }
    day = nextDay(day)
    cursor = 0
  }
  throw new RangeError('no working time found within 400 days')
}

/** When reception must have accepted, refused or asked to supplement an online dossier: 8 working hours. */
export function receptionDeadline(submittedAt: Date, holidays: HolidaySet): Date {
  return addWorkingMinutes(submittedAt, RECEPTION_WORKING_MINUTES, holidays)
}

/** Early, on time or late, by Vietnamese calendar day (see above). */
export function classify(completedAt: Date, dueAt: Date): Timeliness {
  const done = vnDay(completedAt)
  const due = vnDay(dueAt)
  if (done < due) return 'early'
  return done === due ? 'on_time' : 'late'
}

/**
 * Past the due day. While the clock is paused the pause's start is what counts: a dossier waiting for the
 * citizen is not overdue because of the wait (its due date moves when the pause ends).
 */
export function isOverdue(dueAt: Date | null, pausedSince: Date | null, now: Date): boolean {
  return dueAt !== null && classify(pausedSince ?? now, dueAt) === 'late'
}
