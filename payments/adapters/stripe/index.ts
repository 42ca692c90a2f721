export { checkoutExpiry, createStripeGateway, stripeDefaults, type StripeConfig } from './stripe-gateway'
export { asGatewayError } from './errors'
export { notificationOf, refundStatusOf, settlementLineOf, snapshotOfSession } from './normalise'
