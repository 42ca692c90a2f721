import { formatDate } from './format'

type Lng = 'vi' | 'en'
const weekdays = new Map<Lng, Intl.DateTimeFormat>()

/**
 * A calendar day 'yyyy-mm-dd' with its weekday, "Thứ Bảy, 10/01/2026" / "Saturday, 10/01/2026": where a swap of
 * working days is shown, which day of the week it is is the point.
 */
export function dayWithWeekday(day: string, lng: Lng): string {
  let f = weekdays.get(lng)
  if (!f) {
    f = new Intl.DateTimeFormat(lng === 'vi' ? 'vi-VN' : 'en-GB', { weekday: 'long', timeZone: 'UTC' })
    weekdays.set(lng, f)
  }
  const weekday = f.format(Date.parse(`${day}T00:00:00Z`))
  return `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)}, ${formatDate(day, lng)}`
}
