import { verifyParams } from './sign'
import { amountFromVnp, callbackStatus, type VnpayConfig } from './vnpay-gateway'

export interface VerifiedReturn {
  /** signature valid and meant for our terminal; when false every other field is null (or false) */
  valid: boolean
  /** vnp_TxnRef */
  attemptId: string | null
  responseCode: string | null
  transactionStatus: string | null
  /** đồng */
  amount: number | null
  /** both codes 00: what the page may tell the payer; it changes nothing (the IPN or querydr does) */
  succeeded: boolean
}

const invalid: VerifiedReturn = {
  valid: false,
  attemptId: null,
  responseCode: null,
  transactionStatus: null,
  amount: null,
  succeeded: false,
}

/**
 * Checks the payer's browser's arrival on the Return URL, for display only: never mark anything paid from it,
 * since the browser can replay or drop it. Unverified data is not handed back at all.
 */
export function verifyReturn(
  url: string | URL,
  config: Pick<VnpayConfig, 'tmnCode' | 'hashSecret'>,
): VerifiedReturn {
  let query: URLSearchParams
  try {
    query = new URL(url, 'http://return.invalid').searchParams
  } catch {
    return invalid
  }
  if (!verifyParams(query, config.hashSecret) || query.get('vnp_TmnCode') !== config.tmnCode) return invalid
  const attemptId = query.get('vnp_TxnRef')
  const responseCode = query.get('vnp_ResponseCode')
  const transactionStatus = query.get('vnp_TransactionStatus')
  const amount = amountFromVnp(query.get('vnp_Amount'))
  if (!attemptId || !responseCode || amount === null) return invalid
  return {
    valid: true,
    attemptId,
    responseCode,
    transactionStatus,
    amount,
    succeeded: callbackStatus(responseCode, transactionStatus ?? '') === 'succeeded',
  }
}
