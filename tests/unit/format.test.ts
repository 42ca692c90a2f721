import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatMoney, formatSize } from '../../app/utils/format'

const nbsp = /\u00a0/g

describe('formatting', () => {
  it('formats đồng the Vietnamese way', () => {
    expect(formatMoney(150000, 'vi').replace(nbsp, ' ')).toBe('150.000 ₫')
    expect(formatMoney(0, 'vi').replace(nbsp, ' ')).toBe('0 ₫')
    expect(formatMoney(1234567, 'en')).toBe('₫1,234,567')
  })
  it('shows instants in Asia/Ho_Chi_Minh (UTC+7), whatever the server zone', () => {
    // 2026-11-27 20:30 UTC is already 28 November in Viet Nam.
    expect(formatDate(new Date('2026-11-27T20:30:00Z'), 'en')).toBe('28 November 2026')
    expect(formatDateTime(new Date('2026-11-27T20:30:00Z'), 'vi')).toBe('03:30, 28/11/2026')
  })
  it('writes a date and time the way officers read it: "15:47, 01/12/2026", in both languages', () => {
    expect(formatDateTime(new Date('2026-12-01T08:47:00Z'), 'vi')).toBe('15:47, 01/12/2026')
    expect(formatDateTime('2026-12-01T08:47:00.000Z', 'en')).toBe('15:47, 01/12/2026')
    // 24 hours, midnight as 00 (not 24), leading zeros on every part
    expect(formatDateTime(new Date('2026-01-04T17:05:00Z'), 'vi')).toBe('00:05, 05/01/2026')
    expect(formatDateTime(new Date('2026-03-09T13:00:00Z'), 'en')).toBe('20:00, 09/03/2026')
  })
  it('shows a calendar day as that day', () => {
    expect(formatDate('2026-04-30', 'en')).toBe('30 April 2026')
    expect(formatDate('2026-09-02', 'vi')).toContain('2026')
    expect(formatDate('2026-09-02', 'vi')).toMatch(/^2 tháng 9/)
  })
  it('gives sizes in KB below a megabyte and MB above, one decimal, never "0 MB"', () => {
    expect(formatSize(12_800, 'vi')).toBe('12,5 KB')
    expect(formatSize(12_800, 'en')).toBe('12.5 KB')
    expect(formatSize(300, 'vi')).toBe('0,3 KB')
    expect(formatSize(20, 'en')).toBe('0.1 KB')
    expect(formatSize(1024, 'en')).toBe('1.0 KB')
    expect(formatSize(3_500_000, 'vi')).toBe('3,3 MB')
    expect(formatSize(10 * 1024 * 1024, 'en')).toBe('10.0 MB')
    // just under a megabyte rounds up to the next unit, not to "1.024,0 KB"
    expect(formatSize(1024 * 1024 - 10, 'en')).toBe('1.0 MB')
    expect(formatSize(1_234_567_890, 'vi')).toBe('1.177,4 MB')
  })
})
