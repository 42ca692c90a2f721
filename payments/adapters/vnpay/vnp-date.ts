/**
 * VNPay writes every time as `yyyyMMddHHmmss` in GMT+7 (Vietnam has no daylight saving time), whatever the
 * server's own time zone. We keep UTC `Date`s everywhere else and convert only here.
 */

const gmt7 = 7 * 60 * 60 * 1000

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** `yyyyMMddHHmmss` in GMT+7. */
export function vnpDate(date: Date): string {
  const t = new Date(date.getTime() + gmt7)
  return (
    pad(t.getUTCFullYear(), 4) +
    pad(t.getUTCMonth() + 1) +
    pad(t.getUTCDate()) +
    pad(t.getUTCHours()) +
    pad(t.getUTCMinutes()) +
    pad(t.getUTCSeconds())
  )
}

/** The instant a VNPay `yyyyMMddHHmmss` (GMT+7) names, or null when it is not one (wrong shape, 31 February…). */
export function parseVnpDate(value: string | null | undefined): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value ?? '')
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number)
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - gmt7)
  // Date.UTC rolls 31 February over into March; a value that does not come back unchanged was not a real time.
  return vnpDate(date) === value ? date : null
}
