/**
 * Stripe's test cards that the mock's hosted page honours (payment-protocols.md). Spaces and dashes are ignored;
 * any other number is refused as Stripe refuses a number that fails its checks (`incorrect_number`).
 */

export interface CardDecline {
  /** Stripe's error code (card_declined, expired_card, processing_error, incorrect_number…) */
  code: string
  /** the issuer's reason, when Stripe gives one (generic_decline, insufficient_funds…) */
  declineCode?: string
  message: string
}

export type CardBehaviour =
  { kind: 'success' } | { kind: 'three_d_secure' } | ({ kind: 'decline' } & CardDecline)

const cards: Record<string, CardBehaviour> = {
  '4242424242424242': { kind: 'success' },
  '4000000000000002': {
    kind: 'decline',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: 'Your card was declined.',
  },
  '4000000000009995': {
    kind: 'decline',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  '4000000000000069': {
    kind: 'decline',
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
  },
  '4000000000000119': {
    kind: 'decline',
    code: 'processing_error',
    declineCode: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  },
  '4000002760003184': { kind: 'three_d_secure' },
}

export function cardBehaviour(cardNumber: string): CardBehaviour {
  return (
    cards[cardNumber.replace(/[\s-]/g, '')] ?? {
      kind: 'decline',
      code: 'incorrect_number',
      message: 'Your card number is incorrect.',
    }
  )
}

/** What Stripe records when the payer fails the 3-D Secure challenge. */
export const threeDSecureFailure: CardDecline = {
  code: 'payment_intent_authentication_failure',
  message:
    'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
}
