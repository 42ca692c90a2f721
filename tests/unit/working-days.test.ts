import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  isWeekend,
  isWorkingDay,
  workCalendar,
  workingDaysBetween,
} from '../../app/modules/calendar/working-days'
import { holidays as seeded } from '../../db/seed/catalogue'

// The 2026 New Year swap as the Government set it (Công văn 12729/VPCP-KGVX): Thursday 1 January a holiday,
// Friday 2 January off, Saturday 10 January worked instead.
const newYear = workCalendar(['2026-01-01', '2026-01-02'], ['2026-01-10'])
const plain = new Set(['2026-01-01'])

describe('working days with make-up days (ngày làm bù)', () => {
  it('a make-up Saturday is a working day, a swapped weekday is not, an ordinary weekend still is not', () => {
    expect(isWeekend('2026-01-10')).toBe(true)
    expect(isWorkingDay('2026-01-10', newYear)).toBe(true) // Saturday, worked
    expect(isWorkingDay('2026-01-02', newYear)).toBe(false) // Friday, swapped off
    expect(isWorkingDay('2026-01-01', newYear)).toBe(false) // the holiday
    expect(isWorkingDay('2026-01-03', newYear)).toBe(false) // Saturday, not a make-up day
    expect(isWorkingDay('2026-01-11', newYear)).toBe(false) // Sunday
    expect(isWorkingDay('2026-01-05', newYear)).toBe(true) // Monday
    // A plain Set (no make-up days) is still a calendar: Saturday 10 January is then a rest day.
    expect(isWorkingDay('2026-01-10', plain)).toBe(false)
    expect(isWorkingDay('2026-01-02', plain)).toBe(true)
  })

  it('a day both off and "made up" is off (a day off always wins)', () => {
    expect(isWorkingDay('2026-01-10', workCalendar(['2026-01-10'], ['2026-01-10']))).toBe(false)
  })

  it('adds working days across the swap', () => {
    // From Friday 9 January, 1 working day: Saturday 10 (worked) — not Monday 12.
    expect(addWorkingDays('2026-01-09', 1, newYear)).toBe('2026-01-10')
    expect(addWorkingDays('2026-01-09', 1, plain)).toBe('2026-01-12')
    // From Wednesday 31 December 2025, 5 working days: 5, 6, 7, 8, 9 January (1–4 off).
    expect(addWorkingDays('2025-12-31', 5, newYear)).toBe('2026-01-09')
    // 6: Saturday 10 January is the 6th.
    expect(addWorkingDays('2025-12-31', 6, newYear)).toBe('2026-01-10')
    // n = 0 on a swapped day off is the next working day: Friday 2 → Monday 5.
    expect(addWorkingDays('2026-01-02', 0, newYear)).toBe('2026-01-05')
    // n = 0 on the make-up Saturday is that Saturday.
    expect(addWorkingDays('2026-01-10', 0, newYear)).toBe('2026-01-10')
  })

  it('counts working days between two days, the make-up Saturday included', () => {
    // After Friday 9 up to Monday 12: Saturday 10 and Monday 12 = 2 (1 without the swap).
    expect(workingDaysBetween('2026-01-09', '2026-01-12', newYear)).toBe(2)
    expect(workingDaysBetween('2026-01-09', '2026-01-12', plain)).toBe(1)
    // After Wednesday 31 December up to Friday 9 January: 5–9 = 5 (2 January is not one).
    expect(workingDaysBetween('2025-12-31', '2026-01-09', newYear)).toBe(5)
    expect(workingDaysBetween('2025-12-31', '2026-01-09', plain)).toBe(6)
    // Reversed: negative.
    expect(workingDaysBetween('2026-01-12', '2026-01-09', newYear)).toBe(-2)
  })
})

describe('the seeded calendar', () => {
  const calendar = workCalendar(
    seeded.filter((h) => h.kind !== 'working').map((h) => h.date),
    seeded.filter((h) => h.kind === 'working').map((h) => h.date),
  )

  it('has the 2026 swaps: 2 January off for Saturday 10 January, 31 August off for Saturday 22 August', () => {
    expect(seeded.filter((h) => h.kind === 'working')).toEqual([
      expect.objectContaining({
        date: '2026-01-10',
        replaces: '2026-01-02',
        basis: expect.stringMatching(/12729\/VPCP-KGVX/),
      }),
      expect.objectContaining({
        date: '2026-08-22',
        replaces: '2026-08-31',
        basis: expect.stringMatching(/9859\/VPCP-KGVX/),
      }),
    ])
    for (const day of ['2026-01-10', '2026-08-22']) expect(isWorkingDay(day, calendar)).toBe(true)
    for (const day of ['2026-01-02', '2026-08-31', '2026-09-01', '2026-09-02'])
      expect(isWorkingDay(day, calendar)).toBe(false)
  })

  it('every make-up day is a weekend day replacing a weekday off that is in the table; every day cites its basis', () => {
    const off = new Set(seeded.filter((h) => h.kind !== 'working').map((h) => h.date))
    for (const h of seeded) {
      expect(h.basis, h.date).not.toBe('')
      if (h.kind !== 'working') continue
      expect(isWeekend(h.date), h.date).toBe(true)
      expect(isWeekend(h.replaces!), h.replaces).toBe(false)
      expect(off.has(h.replaces!), h.replaces).toBe(true)
    }
    expect(new Set(seeded.map((h) => h.date)).size).toBe(seeded.length)
  })

  it('gives each year its 11 statutory weekdays off (days in lieu included), plus its swaps', () => {
    // Weekdays off in 2026: 1 Jan; 2 Jan (swap); Tết 16–20 Feb (5); 27 Apr (in lieu of Sunday 26 Apr); 30 Apr;
    // 1 May; 31 Aug (swap); 1–2 Sep → 13: the 11 statutory days and the 2 swaps made up on Saturdays.
    const weekdaysOff = (year: string) =>
      [...calendar].filter((d) => d.startsWith(year) && !isWeekend(d)).sort()
    expect(weekdaysOff('2026')).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
    ])
    // 2027 (no decision yet): 1 Jan; Tết 4, 5, 8, 9, 10 Feb; 16 Apr; 30 Apr; 3 May (in lieu of Saturday 1 May);
    // 2–3 Sep → 11.
    expect(weekdaysOff('2027')).toHaveLength(11)
  })
})
