/** Business days are cut in Asia/Ho_Chi_Minh (UTC+7, no daylight saving); instants are stored in UTC. */
const VN_OFFSET_MS = 7 * 3_600_000

/** The Vietnamese calendar day of an instant, as 'yyyy-mm-dd'. */
export function vnDay(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10)
}

/** 'yyMMdd' of the Vietnamese calendar day, as in dossier codes. */
export function vnYyMmDd(instant: Date): string {
  const d = vnDay(instant)
  return `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}`
}
