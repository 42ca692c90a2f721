import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatMoney } from '../../app/utils/format'

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
    expect(formatDateTime(new Date('2026-11-27T20:30:00Z'), 'vi')).toContain('03:30')
  })
  it('shows a calendar day as that day', () => {
    expect(formatDate('2026-04-30', 'en')).toBe('30 April 2026')
    expect(formatDate('2026-09-02', 'vi')).toContain('2026')
    expect(formatDate('2026-09-02', 'vi')).toMatch(/^2 tháng 9/)
  })
})
