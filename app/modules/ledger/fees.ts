import type { FeePolicy } from '../catalogue/types'

export interface FeeDemand {
  amount: number
  /** paid online at submission (level 4), or at the counter (level 3) */
  kind: 'submission' | 'counter'
  description: { vi: string; en: string }
}

/**
 * The fee due when a dossier is submitted, from the procedure's policy and the form data; null when nothing is
 * due now (free, or assessed later by the specialist).
 */
export function feeAtSubmission(
  policy: FeePolicy,
  level: 3 | 4,
  formData: Record<string, unknown>,
  procedureName: { vi: string; en: string },
): FeeDemand | null {
  let amount = 0
  if (policy.kind === 'fixed') amount = policy.amount
  else if (policy.kind === 'per_unit') {
    const units = Number(formData[policy.unitField])
    amount = Number.isInteger(units) && units > 0 ? units * policy.unitAmount : policy.unitAmount
  }
  if (amount <= 0) return null
  return {
    amount,
    kind: level === 4 ? 'submission' : 'counter',
    description: { vi: `Phí, lệ phí: ${procedureName.vi}`, en: `Fee: ${procedureName.en}` },
  }
}
