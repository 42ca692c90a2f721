/**
 * Postal item numbers (số hiệu bưu gửi) in the UPU S10 format that Vietnam Post prints on registered and EMS items,
 * the public postal service that returns administrative results (Decision 45/2016/QĐ-TTg): two letters, eight
 * digits, a check digit, the two-letter country code — `EB123456785VN`. Pure: the officer's form and the workflow's
 * `recordDelivery` effect both check with it.
 */

/** Upper case, without spaces or dashes (as people type them from the receipt: "eb 1234 5678 5 vn"). */
export function normalisePostalTracking(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase()
}

/** The S10 check digit of eight digits (weights 8 6 4 2 3 5 9 7; 10 → 0, 11 → 5). */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7]
  const sum = weights.reduce((n, w, i) => n + w * Number(serial[i]), 0)
  const check = 11 - (sum % 11)
  return check === 10 ? 0 : check === 11 ? 5 : check
}

/** Whether a normalised number is a well-formed S10 item number with the right check digit. */
export function isPostalTracking(value: string): boolean {
  const m = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(value)
  return !!m && s10CheckDigit(m[1]) === Number(m[2])
}
