/** Domain errors of payments; routes turn them into translated messages (keys under `payments:errors`). */
export class PaymentError extends Error {
  constructor(
    readonly code:
      | 'nothing_to_pay'
      | 'payment_in_progress'
      | 'provider_not_offered'
      | 'gateway_unavailable'
      | 'refund_not_found'
      | 'refund_wrong_state'
      | 'refund_same_person'
      | 'refund_amount'
      | 'refund_reason',
    readonly status: number,
  ) {
    super(code)
    this.name = 'PaymentError'
  }
}
