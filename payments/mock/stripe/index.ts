export {
  createMockStripe,
  defaultMockStripeApiBase,
  defaultStripeFee,
  type MockCheckoutView,
  type MockStripe,
  type MockStripeOptions,
  type PayResult,
} from './mock-stripe'
export { stripeSignature, stripeSignatureHeader } from './sign'
export { cardBehaviour, type CardBehaviour, type CardDecline } from './test-cards'
