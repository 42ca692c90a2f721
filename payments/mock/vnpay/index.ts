export {
  createMockVnpay,
  mockVnpayApiUrl,
  vnpayIpnAcknowledged,
  type DescribeResult,
  type MockVnpay,
  type MockVnpayOptions,
  type MockVnpayOrder,
  type PageRefusal,
  type PayChoice,
  type PayResult,
} from './mock-vnpay'
