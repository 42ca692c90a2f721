import { describe, expect, it } from 'vitest'
import {
  addWorkingMinutes,
  classify,
  dueDate,
  extendForPause,
  isOverdue,
  pausedWorkingDays,
  receptionDeadline,
} from '../../app/modules/workflow/clock'
import { workCalendar } from '../../app/modules/calendar/working-days'
import { holidays as seededHolidays } from '../../db/seed/catalogue'

// The seeded calendar (Tết 2026: 14–22 Feb; 26–27 Apr; 30 Apr – 1 May; the swaps of 2 January and 31 August…).
const holidays = workCalendar(
  seededHolidays.filter((h) => h.kind !== 'working').map((h) => h.date),
  seededHolidays.filter((h) => h.kind === 'working').map((h) => h.date),
)
const none = new Set<string>()
/** An instant given in Viet Nam time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`)

describe('due date: reception + processing days in working days, at 17:00 Viet Nam time', () => {
  it('skips weekends, counting from the working day after reception', () => {
    // Monday 2 March 2026 → 10 working days: 3–6, 9–13, 16 March
    expect(dueDate(vn('2026-03-02T09:00'), 10, holidays)).toEqual(vn('2026-03-16T17:00'))
    expect(dueDate(vn('2026-03-02T09:00'), 10, holidays).toISOString()).toBe('2026-03-16T10:00:00.000Z')
    // Friday → two weeks later on Friday; a Saturday reception counts the same
    expect(dueDate(vn('2026-03-06T15:00'), 10, holidays)).toEqual(vn('2026-03-20T17:00'))
    expect(dueDate(vn('2026-03-07T09:00'), 10, holidays)).toEqual(vn('2026-03-20T17:00'))
    // 1 working day from a Friday is the Monday
    expect(dueDate(vn('2026-03-06T10:00'), 1, holidays)).toEqual(vn('2026-03-09T17:00'))
  })

  it('cuts the day in Viet Nam: 20:00 UTC on Sunday is already Monday there', () => {
    // 2026-03-01T20:00Z = Monday 2 March 03:00 in Viet Nam
    expect(dueDate(new Date('2026-03-01T20:00:00Z'), 1, holidays)).toEqual(vn('2026-03-03T17:00'))
  })

  it('skips Tết 2026 (14–22 February)', () => {
    // Thursday 12 Feb: 13 Feb, then 23–27 Feb, then 2–5 March
    expect(dueDate(vn('2026-02-12T10:00'), 10, holidays)).toEqual(vn('2026-03-05T17:00'))
    // without the holiday table it would have been 26 Feb
    expect(dueDate(vn('2026-02-12T10:00'), 10, none)).toEqual(vn('2026-02-26T17:00'))
    // the last day before the break → the first day after it
    expect(dueDate(vn('2026-02-13T10:00'), 1, holidays)).toEqual(vn('2026-02-23T17:00'))
  })

  it('skips 30 April – 1 May 2026 (and the Hùng Kings day in lieu, 27 April)', () => {
    // Wednesday 29 April, 1 day: 30 Apr and 1 May are holidays, then the weekend → Monday 4 May
    expect(dueDate(vn('2026-04-29T10:00'), 1, holidays)).toEqual(vn('2026-05-04T17:00'))
    // Friday 24 April, 5 days: 28, 29 April, 4, 5, 6 May
    expect(dueDate(vn('2026-04-24T10:00'), 5, holidays)).toEqual(vn('2026-05-06T17:00'))
  })
})

describe('pauses', () => {
  it('counts whole working days after the day the pause began, up to the day it ended', () => {
    expect(pausedWorkingDays(vn('2026-03-09T09:00'), vn('2026-03-09T16:00'), holidays)).toBe(0)
    expect(pausedWorkingDays(vn('2026-03-09T16:00'), vn('2026-03-10T08:00'), holidays)).toBe(1)
    // Friday → Monday: the weekend is not counted
    expect(pausedWorkingDays(vn('2026-03-06T15:00'), vn('2026-03-09T09:00'), holidays)).toBe(1)
    expect(pausedWorkingDays(vn('2026-03-05T15:00'), vn('2026-03-09T09:00'), holidays)).toBe(2)
    // Friday → Saturday: nothing lost
    expect(pausedWorkingDays(vn('2026-03-06T15:00'), vn('2026-03-07T09:00'), holidays)).toBe(0)
    // across Tết: only Monday 23 February counts
    expect(pausedWorkingDays(vn('2026-02-13T10:00'), vn('2026-02-23T10:00'), holidays)).toBe(1)
    expect(pausedWorkingDays(vn('2026-03-10T10:00'), vn('2026-03-09T10:00'), holidays)).toBe(0)
  })

  it('a pause across a weekend moves the due date by its working days', () => {
    const due = dueDate(vn('2026-03-02T09:00'), 10, holidays) // Monday 16 March
    const paused = pausedWorkingDays(vn('2026-03-05T14:00'), vn('2026-03-09T10:00'), holidays) // Thu → Mon: 2
    expect(paused).toBe(2)
    expect(extendForPause(due, paused, holidays)).toEqual(vn('2026-03-18T17:00'))
    // due on a Friday, extended by one day → the Monday
    expect(extendForPause(vn('2026-03-13T17:00'), 1, holidays)).toEqual(vn('2026-03-16T17:00'))
    // over a holiday: due Wednesday 29 April + 1 → Monday 4 May
    expect(extendForPause(vn('2026-04-29T17:00'), 1, holidays)).toEqual(vn('2026-05-04T17:00'))
    expect(extendForPause(due, 0, holidays)).toBe(due)
  })
})

describe('reception deadline: 8 working hours (07:30–11:30, 13:30–17:30, Monday–Friday)', () => {
  it('a submission on Friday at 16:00 must be handled by Monday 16:00', () => {
    expect(receptionDeadline(vn('2026-03-06T16:00'), holidays)).toEqual(vn('2026-03-09T16:00'))
  })

  it('counts from the next opening outside office hours', () => {
    expect(receptionDeadline(vn('2026-03-09T06:00'), holidays)).toEqual(vn('2026-03-09T17:30'))
    expect(receptionDeadline(vn('2026-03-07T10:00'), holidays)).toEqual(vn('2026-03-09T17:30')) // Saturday
    expect(receptionDeadline(vn('2026-03-06T20:00'), holidays)).toEqual(vn('2026-03-09T17:30')) // Friday night
  })

  it('skips the lunch break, and ends at 11:30 when the count ends exactly there', () => {
    // 09:30 → 2 h before lunch + 4 h after, then 2 h on Tuesday
    expect(receptionDeadline(vn('2026-03-09T09:30'), holidays)).toEqual(vn('2026-03-10T09:30'))
    // submitted during lunch: 13:30–17:30, then 07:30–11:30
    expect(receptionDeadline(vn('2026-03-09T12:00'), holidays)).toEqual(vn('2026-03-10T11:30'))
    expect(addWorkingMinutes(vn('2026-03-09T11:00'), 30, holidays)).toEqual(vn('2026-03-09T11:30'))
    expect(addWorkingMinutes(vn('2026-03-09T11:00'), 31, holidays)).toEqual(vn('2026-03-09T13:31'))
  })

  it('skips holidays: Friday before Tết → the Monday after it', () => {
    expect(receptionDeadline(vn('2026-02-13T16:00'), holidays)).toEqual(vn('2026-02-23T16:00'))
    expect(receptionDeadline(vn('2026-04-29T16:00'), holidays)).toEqual(vn('2026-05-04T16:00'))
  })
})

describe('timeliness, by Viet Nam calendar day', () => {
  const due = vn('2026-03-16T17:00') // 10:00 UTC

  it('before the due day is early, on it on time, after it late', () => {
    expect(classify(vn('2026-03-13T10:00'), due)).toBe('early')
    expect(classify(vn('2026-03-15T23:59'), due)).toBe('early')
    expect(classify(vn('2026-03-16T00:00'), due)).toBe('on_time')
    expect(classify(vn('2026-03-16T17:00'), due)).toBe('on_time')
    expect(classify(vn('2026-03-16T23:59'), due)).toBe('on_time')
    expect(classify(vn('2026-03-17T00:00'), due)).toBe('late')
  })

  it('uses the Vietnamese day, not the UTC one', () => {
    // 16:59 UTC on the 15th is 23:59 on the 15th in Viet Nam; 17:00 UTC is already the 16th
    expect(classify(new Date('2026-03-15T16:59:00Z'), due)).toBe('early')
    expect(classify(new Date('2026-03-15T17:00:00Z'), due)).toBe('on_time')
    // 23:30 UTC on the due day (UTC) is 06:30 the next day in Viet Nam
    expect(classify(new Date('2026-03-16T16:59:59Z'), due)).toBe('on_time')
    expect(classify(new Date('2026-03-16T23:30:00Z'), due)).toBe('late')
  })

  it('overdue is "would be late now"; a paused dossier is judged at the pause', () => {
    expect(isOverdue(due, null, new Date('2026-03-16T16:00:00Z'))).toBe(false)
    expect(isOverdue(due, null, new Date('2026-03-16T17:00:00Z'))).toBe(true)
    expect(isOverdue(due, vn('2026-03-12T10:00'), vn('2026-03-20T10:00'))).toBe(false)
    expect(isOverdue(null, null, vn('2030-01-01T10:00'))).toBe(false)
  })
})
