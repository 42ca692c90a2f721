/** Formatting happens only in the UI, through Intl, in the visitor's language and in Viet Nam's time zone. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh'
type Lng = 'vi' | 'en'
const tags: Record<Lng, string> = { vi: 'vi-VN', en: 'en-GB' }

const moneyFormats = new Map<Lng, Intl.NumberFormat>()
/** 150000 → "150.000 ₫" (vi) or "₫150,000" (en). Amounts are integer đồng. */
export function formatMoney(amount: number, lng: Lng): string {
  let f = moneyFormats.get(lng)
  if (!f) {
    f = new Intl.NumberFormat(tags[lng], { style: 'currency', currency: 'VND', maximumFractionDigits: 0 })
    moneyFormats.set(lng, f)
  }
  return f.format(amount)
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (measured: half the CPU of a citizen's
// dossier list with a few hundred dates), so each is made once per language and kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>()
function dateFormat(lng: Lng, kind: 'day' | 'date' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${lng} ${kind}`
  let f = dateFormats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(
      tags[lng],
      kind === 'day'
        ? { dateStyle: 'long', timeZone: 'UTC' }
        : kind === 'date'
          ? { dateStyle: 'long', timeZone: TIME_ZONE }
          : { dateStyle: 'short', timeStyle: 'short', timeZone: TIME_ZONE },
    )
    dateFormats.set(key, f)
  }
  return f
}

/** A calendar day 'yyyy-mm-dd' (no time zone) or an instant, shown as a date in Viet Nam. */
export function formatDate(value: string | Date, lng: Lng): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number)
    return dateFormat(lng, 'day').format(Date.UTC(y, m - 1, d))
  }
  return dateFormat(lng, 'date').format(new Date(value))
}

// One order for every date and time on every page, as officers read them on the forms of the one-stop shop:
// "15:47, 01/12/2026" (hour:minute, day/month/year, 24 hours, Viet Nam time), in both languages.
const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TIME_ZONE,
})

/** An instant as time and date in Viet Nam: "15:47, 01/12/2026" (the same in both languages). */
export function formatDateTime(value: string | Date, _lng?: Lng): string {
  const parts: Record<string, string> = {}
  for (const p of dateTimeParts.formatToParts(new Date(value))) parts[p.type] = p.value
  return `${parts.hour}:${parts.minute}, ${parts.day}/${parts.month}/${parts.year}`
}

const sizeFormats = new Map<Lng, Intl.NumberFormat>()
/**
 * A file size with one decimal, in KB below a megabyte and MB from there (1 KB = 1024 bytes): 12 800 bytes →
 * "12,5 KB" (vi) / "12.5 KB" (en); 3 500 000 → "3,3 MB". A file of a few bytes is "0,1 KB", never "0 MB".
 */
export function formatSize(bytes: number, lng: Lng): string {
  let f = sizeFormats.get(lng)
  if (!f) {
    f = new Intl.NumberFormat(tags[lng], { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    sizeFormats.set(lng, f)
  }
  const kb = bytes / 1024
  if (Math.round(kb * 10) / 10 < 1024) return `${f.format(bytes > 0 ? Math.max(kb, 0.1) : 0)} KB`
  return `${f.format(kb / 1024)} MB`
}
