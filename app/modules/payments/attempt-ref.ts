/**
 * Our reference for an attempt at the gateways: its uuid without dashes (32 hex characters), because VNPay
 * documents vnp_TxnRef as alphanumeric. Both directions are total: anything else maps to null.
 */
export const toAttemptRef = (attemptId: string) => attemptId.replaceAll('-', '')

export function fromAttemptRef(ref: string | null | undefined): string | null {
  if (!ref) return null
  const hex = ref.replaceAll('-', '').toLowerCase()
  if (!/^[0-9a-f]{32}$/.test(hex)) return null
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
