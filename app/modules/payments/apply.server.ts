import type { Kysely, Transaction } from 'kysely'
import type { Logger } from 'pino'
import type { Database } from '../../../db/schema'
import {
  NotificationRejected,
  type IncomingNotification,
  type NotificationAnswer,
  type NotificationOutcome,
  type PaymentSnapshot,
  type Provider,
} from '../../../payments'
import { performTransition, systemActor } from '../workflow/perform.server'
import { fromAttemptRef } from './attempt-ref'
import { issueReceipt } from '../ledger/receipts.server'
import { proposeRefund } from '../ledger/refund-proposals.server'
import { applyRefundNotification } from './refunds.server'
import type { PaymentsRuntime } from './runtime.server'

/**
 * Applying what a gateway says about a payment (DESIGN §6; security-and-reliability "Nothing lost, nothing
 * twice"). In ONE transaction: record the event once by its provider event id (a replay is acknowledged and
 * ignored), lock the attempt, check it is ours and the amount is right, then move it with conditional updates:
 * a success marks the fee paid, issues its receipt and moves the dossier on; a success for a fee already paid
 * is a duplicate payment and becomes a refund proposal for finance, never extra credit. An older event never
 * overwrites a newer state (nothing leaves `succeeded`).
 */

export type StoredOutcome = Exclude<NotificationOutcome, 'rejected' | 'error'> | 'duplicate_payment'

const LIVE = ['creating', 'pending', 'processing', 'superseded'] as const
const closedOrigin: Partial<Record<string, 'withdrawn' | 'refused'>> = {
  withdrawn: 'withdrawn',
  refused: 'refused',
  refused_at_intake: 'refused',
}

export interface ApplyInput {
  provider: Provider
  /** the provider's event id, a poll's own id (`poll:<attempt>:<status>`), or a finance resolution's */
  eventId: string
  source: 'notification' | 'poll' | 'reconciliation'
  snapshot: PaymentSnapshot
  payload: string
  now?: Date
}

export async function applyPayment(db: Kysely<Database>, input: ApplyInput): Promise<NotificationOutcome> {
  const outcome = await db.transaction().execute((trx) => applyPaymentIn(trx, input))
  return outcome === 'duplicate_payment' ? 'applied' : outcome
}

/**
 * The same, inside the caller's transaction (a finance resolution applying a settled gateway payment credits the
 * fee by this path). Returns the stored outcome: `duplicate_payment` when the money found its fee already paid.
 */
export async function applyPaymentIn(trx: Transaction<Database>, input: ApplyInput): Promise<StoredOutcome> {
  const event = await trx
    .insertInto('payment_events')
    .values({
      provider: input.provider,
      event_id: input.eventId,
      source: input.source,
      kind: 'payment',
      status: input.snapshot.status,
      amount: input.snapshot.amount,
      outcome: 'applied',
      payload: input.payload,
      transaction_id: input.snapshot.transactionId,
    })
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!event) {
    // A replay: answer as the first time did (a VNPay retry of a wrong-amount IPN still hears 04).
    const first = await trx
      .selectFrom('payment_events')
      .select('outcome')
      .where('provider', '=', input.provider)
      .where('event_id', '=', input.eventId)
      .executeTakeFirstOrThrow()
    return first.outcome === 'unknown_order' || first.outcome === 'amount_mismatch'
      ? (first.outcome as StoredOutcome)
      : 'duplicate'
  }
  const result = await applyToAttempt(trx, input)
  await trx
    .updateTable('payment_events')
    .set({ outcome: result.outcome, attempt_id: result.attemptId })
    .where('id', '=', event.id)
    .execute()
  return result.outcome
}

async function applyToAttempt(
  trx: Transaction<Database>,
  input: ApplyInput,
): Promise<{ outcome: StoredOutcome; attemptId: string | null }> {
  const { snapshot } = input
  const now = input.now ?? new Date()
  const attemptId = fromAttemptRef(snapshot.attemptId)
  const found = await trx
    .selectFrom('payment_attempts')
    .select(['id', 'fee_id'])
    .where('provider', '=', input.provider)
    .where(attemptId ? 'id' : 'provider_ref', '=', attemptId ?? snapshot.providerRef)
    .executeTakeFirst()
  if (!found) return { outcome: 'unknown_order', attemptId: null }
  // Locks in the same order as startCheckout (the fee, then its attempt), so the two never deadlock.
  await trx.selectFrom('fees').select('id').where('id', '=', found.fee_id).forUpdate().execute()
  const attempt = await trx
    .selectFrom('payment_attempts')
    .selectAll()
    .where('id', '=', found.id)
    .forUpdate()
    .executeTakeFirstOrThrow()
  // Where money moved (or was tried), the amount must be exactly ours. An order still open carries none
  // (VNPay's querydr states no amount before the payer opened its page).
  const moneyMoved = snapshot.status !== 'pending' && snapshot.status !== 'expired'
  if ((moneyMoved && snapshot.amount !== Number(attempt.amount)) || snapshot.currency !== 'VND') {
    return { outcome: 'amount_mismatch', attemptId: attempt.id }
  }
  const live = (LIVE as readonly string[]).includes(attempt.status)
  switch (snapshot.status) {
    case 'succeeded': {
      if (attempt.status === 'succeeded') {
        // A second signed success naming another money movement is a second payment, not a replay: recorded for
        // reconciliation (duplicate_payment), never credited twice.
        const another =
          snapshot.transactionId !== null &&
          attempt.transaction_id !== null &&
          snapshot.transactionId !== attempt.transaction_id
        return { outcome: another ? 'duplicate_payment' : 'already_settled', attemptId: attempt.id }
      }
      await trx
        .updateTable('payment_attempts')
        .set({
          status: 'succeeded',
          transaction_id: snapshot.transactionId,
          settled_at: snapshot.paidAt ?? now,
          failure_code: null,
          provider_ref: attempt.provider_ref ?? snapshot.providerRef,
        })
        .where('id', '=', attempt.id)
        .where('status', '<>', 'succeeded')
        .execute()
      const credited = await creditFee(trx, attempt, snapshot, now)
      return { outcome: credited ? 'applied' : 'duplicate_payment', attemptId: attempt.id }
    }
    case 'failed':
    case 'expired':
      if (live) {
        await trx
          .updateTable('payment_attempts')
          .set({ status: snapshot.status, failure_code: snapshot.failureCode })
          .where('id', '=', attempt.id)
          .where('status', 'in', LIVE)
          .execute()
      }
      return { outcome: live ? 'applied' : 'already_settled', attemptId: attempt.id }
    case 'processing':
      await trx
        .updateTable('payment_attempts')
        .set({ status: 'processing' })
        .where('id', '=', attempt.id)
        .where('status', 'in', ['creating', 'pending'])
        .execute()
      return { outcome: 'applied', attemptId: attempt.id }
    case 'pending':
      // Still open at the gateway; a decline on the hosted page leaves it open for another card.
      if (snapshot.failureCode && live) {
        await trx
          .updateTable('payment_attempts')
          .set({ failure_code: snapshot.failureCode })
          .where('id', '=', attempt.id)
          .execute()
      }
      return { outcome: 'applied', attemptId: attempt.id }
  }
}

/**
 * The money of `attempt` pays its fee, when the fee is still due: fee paid (conditional), receipt issued, and the
 * dossier moves on once nothing is due any more. Returns false when the fee was already settled (a duplicate).
 */
async function creditFee(
  trx: Transaction<Database>,
  attempt: { id: string; fee_id: string; amount: number; provider: Provider },
  snapshot: PaymentSnapshot,
  now: Date,
): Promise<boolean> {
  const paid = await trx
    .updateTable('fees')
    .set({ status: 'paid', paid_at: now, paid_attempt_id: attempt.id, paid_method: attempt.provider })
    .where('id', '=', attempt.fee_id)
    .where('status', '=', 'due')
    .returning(['id', 'dossier_id'])
    .executeTakeFirst()
  if (!paid) {
    await proposeRefund(trx, {
      feeId: attempt.fee_id,
      attemptId: attempt.id,
      amount: Number(attempt.amount),
      origin: 'duplicate',
    })
    return false
  }
  await issueReceipt(trx, {
    feeId: paid.id,
    method: attempt.provider,
    attemptId: attempt.id,
    transactionId: snapshot.transactionId,
    at: now,
  })
  const dossier = await trx
    .selectFrom('dossiers')
    .select(['code', 'status'])
    .where('id', '=', paid.dossier_id)
    .executeTakeFirstOrThrow()
  const stillDue = await trx
    .selectFrom('fees')
    .select('id')
    .where('dossier_id', '=', paid.dossier_id)
    .where('status', '=', 'due')
    .executeTakeFirst()
  if (!stillDue && dossier.status === 'awaiting_payment' && dossier.code) {
    // performTransition locks the dossier and checks its status again.
    await performTransition(trx, {
      dossierCode: dossier.code,
      action: 'pay',
      actor: systemActor,
      data: { attemptId: attempt.id, provider: attempt.provider, transactionId: snapshot.transactionId },
      now,
    })
  } else if (closedOrigin[dossier.status]) {
    // The money arrived after the dossier was withdrawn or refused: it goes back.
    await proposeRefund(trx, {
      feeId: attempt.fee_id,
      attemptId: attempt.id,
      amount: Number(attempt.amount),
      origin: closedOrigin[dossier.status]!,
    })
  }
  return true
}

/**
 * A gateway's callback (Stripe webhook, VNPay IPN): verify, apply, answer in the provider's terms. Never
 * throws: a rejected notification changes nothing and gets the provider's refusal; an unexpected failure rolls
 * back and gets the answer that makes the provider retry.
 */
export async function handleNotification(
  db: Kysely<Database>,
  payments: PaymentsRuntime,
  provider: Provider,
  request: IncomingNotification,
  logger: Logger,
): Promise<NotificationAnswer | null> {
  const gateway = payments.gateways.get(provider)
  if (!gateway) return null
  let outcome: NotificationOutcome
  try {
    const notification = await gateway.parseNotification(request)
    const payload = request.method === 'GET' ? new URL(request.url).search : request.rawBody.toString('utf8')
    switch (notification.kind) {
      case 'payment':
        outcome = await applyPayment(db, {
          provider,
          eventId: notification.eventId,
          source: 'notification',
          snapshot: notification.payment,
          payload,
        })
        break
      case 'refund':
        outcome = await applyRefundNotification(db, provider, notification.refund)
        break
      case 'ignored':
        outcome = 'applied'
        break
    }
    logger.info(
      { event: 'payment_notification', provider, kind: notification.kind, outcome },
      'payment notification',
    )
  } catch (error) {
    if (error instanceof NotificationRejected) {
      logger.warn(
        { event: 'payment_notification_rejected', provider, reason: error.reason },
        'notification rejected',
      )
      outcome = 'rejected'
    } else {
      logger.error({ err: error, event: 'payment_notification_failed', provider }, 'notification failed')
      outcome = 'error'
    }
  }
  return gateway.answer(outcome)
}
