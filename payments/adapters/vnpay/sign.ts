import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * VNPay 2.1.0 signatures (reference/payment-protocols.md). Two kinds:
 * - redirect and callback parameters (pay URL, Return URL, IPN): `vnp_SecureHash` over the sorted, URL-encoded
 *   `k=v&k=v` string of the vnp_* parameters (`hashData`);
 * - the JSON API (querydr, refund): `vnp_SecureHash` over a fixed list of fields joined by `|`, raw, not encoded
 *   (`querydrHash`, `refundHash` and the response checks).
 * Both are HMAC-SHA512 keyed with the hash secret, in lowercase hex (128 characters).
 */

/** Parameters as they travel: a query string, or a plain record (empty and missing values are not signed). */
export type VnpParams = URLSearchParams | Readonly<Record<string, string | number | null | undefined>>

const notSigned = new Set(['vnp_SecureHash', 'vnp_SecureHashType'])

export function hmacSha512(secret: string, data: string): string {
  return createHmac('sha512', Buffer.from(secret, 'utf8')).update(Buffer.from(data, 'utf8')).digest('hex')
}

/** Compares two hex signatures in constant time (case-insensitively: some clients send upper-case hex). */
export function sameSignature(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== 'string') return false
  const a = Buffer.from(expected.toLowerCase(), 'utf8')
  const b = Buffer.from(received.toLowerCase(), 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Encodes one name or value as application/x-www-form-urlencoded: UTF-8 bytes as %XX (upper-case hex), space
 * as '+', only A–Z a–z 0–9 and `* - . _` left as they are. That is what VNPay's own Java demo (URLEncoder) and
 * the WHATWG URLSearchParams serialiser produce. The other official demos differ on a few characters only
 * (PHP's urlencode also encodes `*`; Node's encodeURIComponent leaves `! ' ( ) * ~`), so the free text we sign
 * (vnp_OrderInfo) is reduced to characters every variant encodes alike: see `orderInfoText`.
 */
export function encodeVnpValue(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}

/**
 * The string VNPay signs: the vnp_* parameters except the signature itself, empty ones dropped, sorted by name,
 * encoded, joined as `k=v&k=v`. It is also the query string we put on the wire, so what is sent is exactly what
 * was signed. Parameters of other names (a query string the merchant put on its own Return or IPN URL) are not
 * VNPay's and are left out, as VNPay's demos do. A vnp_* name given twice throws: a callback with a repeated
 * parameter is ambiguous and must not verify.
 */
export function hashData(params: VnpParams): string {
  const entries: [string, unknown][] =
    params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params)
  const values = new Map<string, string>()
  const seen = new Set<string>()
  for (const [name, raw] of entries) {
    if (!name.startsWith('vnp_') || notSigned.has(name)) continue
    if (seen.has(name)) throw new Error(`parameter ${name} appears twice`)
    seen.add(name)
    const value = raw === null || raw === undefined ? '' : String(raw)
    if (value !== '') values.set(name, value)
  }
  return [...values.keys()]
    .sort()
    .map((name) => `${encodeVnpValue(name)}=${encodeVnpValue(values.get(name)!)}`)
    .join('&')
}

/** vnp_SecureHash of redirect or callback parameters. */
export function signParams(params: VnpParams, secret: string): string {
  return hmacSha512(secret, hashData(params))
}

/** The signed query string: the parameters as `hashData` encodes them, then `vnp_SecureHash`. */
export function signedQuery(params: VnpParams, secret: string): string {
  const data = hashData(params)
  return `${data}&vnp_SecureHash=${hmacSha512(secret, data)}`
}

/**
 * Whether callback parameters (Return URL, IPN) carry a valid vnp_SecureHash: the hash is recomputed without
 * vnp_SecureHash and vnp_SecureHashType and compared in constant time. Never throws.
 */
export function verifyParams(params: VnpParams, secret: string): boolean {
  let received: string | null | undefined
  if (params instanceof URLSearchParams) {
    const all = params.getAll('vnp_SecureHash')
    if (all.length !== 1) return false
    received = all[0]
  } else {
    const value = params.vnp_SecureHash
    received = typeof value === 'string' ? value : null
  }
  if (!received) return false
  let expected: string
  try {
    expected = signParams(params, secret)
  } catch {
    return false
  }
  return sameSignature(expected, received)
}

// ---- JSON API (querydr, refund): fields joined by '|' in a fixed order, missing ones as empty strings ----

export const querydrRequestFields = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const

export const refundRequestFields = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TransactionType',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_TransactionNo',
  'vnp_TransactionDate',
  'vnp_CreateBy',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const

export const refundResponseFields = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
] as const

/** querydr's response adds the promotion fields to refund's. */
export const querydrResponseFields = [
  ...refundResponseFields,
  'vnp_PromotionCode',
  'vnp_PromotionAmount',
] as const

export type QuerydrRequestField = (typeof querydrRequestFields)[number]
export type RefundRequestField = (typeof refundRequestFields)[number]
export type QuerydrResponseField = (typeof querydrResponseFields)[number]

/** A JSON request or response as a record; VNPay sends strings, but a number is signed as its decimal form. */
export type VnpFields = Readonly<Record<string, unknown>>

function pipeData(fields: readonly string[], record: VnpFields): string {
  return fields
    .map((name) => {
      const value = record[name]
      return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
    })
    .join('|')
}

export function querydrHashData(request: VnpFields): string {
  return pipeData(querydrRequestFields, request)
}

export function refundHashData(request: VnpFields): string {
  return pipeData(refundRequestFields, request)
}

/** vnp_SecureHash of a querydr request: RequestId|Version|Command|TmnCode|TxnRef|TransactionDate|CreateDate|IpAddr|OrderInfo. */
export function querydrHash(request: VnpFields, secret: string): string {
  return hmacSha512(secret, querydrHashData(request))
}

/**
 * vnp_SecureHash of a refund request: RequestId|Version|Command|TmnCode|TransactionType|TxnRef|Amount|
 * TransactionNo|TransactionDate|CreateBy|CreateDate|IpAddr|OrderInfo.
 */
export function refundHash(request: VnpFields, secret: string): string {
  return hmacSha512(secret, refundHashData(request))
}

/**
 * vnp_SecureHash of a querydr response: ResponseId|Command|ResponseCode|Message|TmnCode|TxnRef|Amount|BankCode|
 * PayDate|TransactionNo|TransactionType|TransactionStatus|OrderInfo|PromotionCode|PromotionAmount.
 */
export function querydrResponseHash(response: VnpFields, secret: string): string {
  return hmacSha512(secret, pipeData(querydrResponseFields, response))
}

/** vnp_SecureHash of a refund response: querydr's order without the two promotion fields. */
export function refundResponseHash(response: VnpFields, secret: string): string {
  return hmacSha512(secret, pipeData(refundResponseFields, response))
}

/** Whether an API response carries its own valid signature (constant-time). */
export function verifyResponse(command: 'querydr' | 'refund', response: VnpFields, secret: string): boolean {
  const expected =
    command === 'querydr' ? querydrResponseHash(response, secret) : refundResponseHash(response, secret)
  const received = response.vnp_SecureHash
  return sameSignature(expected, typeof received === 'string' ? received : null)
}
