import type { QuerydrResponseField } from './sign'

/** The shapes VNPay 2.1.0 exchanges (reference/payment-protocols.md), shared by the adapter and the mock. */

export const vnpVersion = '2.1.0'

/** POST {apiUrl} with `vnp_Command: 'querydr'`. vnp_RequestId: [A-Za-z0-9]{1,32}, unique per day. */
export interface QuerydrRequest {
  vnp_RequestId: string
  vnp_Version: string
  vnp_Command: 'querydr'
  vnp_TmnCode: string
  vnp_TxnRef: string
  vnp_OrderInfo: string
  /** optional, and not signed */
  vnp_TransactionNo?: string
  /** the payment's vnp_CreateDate */
  vnp_TransactionDate: string
  /** when this request was made */
  vnp_CreateDate: string
  vnp_IpAddr: string
  vnp_SecureHash: string
}

/** POST {apiUrl} with `vnp_Command: 'refund'`. */
export interface RefundRequest {
  vnp_RequestId: string
  vnp_Version: string
  vnp_Command: 'refund'
  vnp_TmnCode: string
  /** 02 full refund, 03 partial refund */
  vnp_TransactionType: '02' | '03'
  vnp_TxnRef: string
  /** the refund, in đồng × 100 */
  vnp_Amount: string
  /** the payment's vnp_TransactionNo (may be empty) */
  vnp_TransactionNo: string
  /** the payment's vnp_CreateDate */
  vnp_TransactionDate: string
  vnp_CreateBy: string
  vnp_CreateDate: string
  vnp_IpAddr: string
  vnp_OrderInfo: string
  vnp_SecureHash: string
}

/** A querydr or refund answer (refund's carries no promotion fields). Missing fields sign as empty strings. */
export type ApiResponse = Partial<Record<QuerydrResponseField | 'vnp_SecureHash', string>>

/**
 * API response codes: 00 ok, 02 merchant invalid, 03 bad format, 91 not found, 94 duplicate request (refund:
 * a refund for this request is already in progress), 95 refund refused because the original transaction did not
 * succeed, 97 bad signature, 99 other.
 */
export const apiResponseCodes = ['00', '02', '03', '91', '94', '95', '97', '99'] as const
export type ApiResponseCode = (typeof apiResponseCodes)[number]

/**
 * vnp_TransactionStatus: 00 success, 01 not completed, 02 error, 04 reversed, 05 refund in progress, 06 refund
 * sent to the bank, 07 suspected fraud (money taken), 09 refund refused.
 */
export const transactionStatuses = ['00', '01', '02', '04', '05', '06', '07', '09'] as const
export type TransactionStatus = (typeof transactionStatuses)[number]

export function isTransactionStatus(value: unknown): value is TransactionStatus {
  return typeof value === 'string' && (transactionStatuses as readonly string[]).includes(value)
}

/** vnp_TransactionType: 01 payment, 02 full refund, 03 partial refund. */
export type TransactionType = '01' | '02' | '03'
