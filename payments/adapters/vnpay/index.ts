export { createVnpayGateway, refundRequestId, vnpayDefaults, type VnpayConfig } from './vnpay-gateway'
export { verifyReturn, type VerifiedReturn } from './verify-return'
export {
  encodeVnpValue,
  hashData,
  querydrHash,
  querydrResponseHash,
  refundHash,
  refundResponseHash,
  signParams,
  signedQuery,
  verifyParams,
  verifyResponse,
} from './sign'
export { parseVnpDate, vnpDate } from './vnp-date'
export { orderInfoText, stripDiacritics } from './strip-diacritics'
