import { createStripeGateway, type StripeConfig } from './adapters/stripe'
import { createVnpayGateway, type VnpayConfig } from './adapters/vnpay'
import type { PaymentGateway, Provider } from './gateway'

export * from './gateway'
export type { StripeConfig, VnpayConfig }

/** Which providers are on, with their credentials. A provider left out is not offered to citizens. */
export interface PaymentsConfig {
  stripe?: StripeConfig
  vnpay?: VnpayConfig
}

export type Gateways = ReadonlyMap<Provider, PaymentGateway>

/** One adapter per configured provider, in the order citizens are offered them (card first). */
export function createGateways(config: PaymentsConfig): Gateways {
  const gateways = new Map<Provider, PaymentGateway>()
  if (config.stripe) gateways.set('stripe', createStripeGateway(config.stripe))
  if (config.vnpay) gateways.set('vnpay', createVnpayGateway(config.vnpay))
  return gateways
}
