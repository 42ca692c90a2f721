import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, RefundStatus } from '../../../db/schema'
import { GatewayError, type RefundStatus as GatewayRefundStatus } from '../../../payments'
import type { CurrentUser } from '../auth/permissions'
import { vnDay } from '../calendar/vietnam-time'
import { agenciesFor } from '../auth/permissions'
import { toAttemptRef } from './attempt-ref'
import { PaymentError } from './errors'
import type { PaymentsRuntime } from './runtime.server'

/**
 * Refunds (issue #5 §7). Money leaves only after two finance users: one *requests* (choosing full or partial),
 * a different one *approves*; the database's check constraint keeps the rule too. Refused or withdrawn dossiers
 * and duplicate payments *propose* a refund automatically (once per payment); the state then follows the gateway.
 */

/** Locks a refund the finance user may act on (their agency), or throws refund_not_found. */
async function lockRefund(trx: Transaction<Database>, refundId: string, actor: CurrentUser) {
  const agencyIds = agenciesFor(actor, ['finance'])
  if (!/^[0-9a-f-]{36}$/i.test(refundId) || agencyIds.length === 0)
    throw new PaymentError('refund_not_found', 404)
  const refund = await trx
    .selectFrom('refunds as r')
    .innerJoin('payment_attempts as a', 'a.id', 'r.attempt_id')
    .innerJoin('fees as f', 'f.id', 'r.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .select([
      'r.id',
      'r.status',
      'r.amount',
      'r.requested_by',
      'r.attempt_id',
      'r.fee_id',
      'a.amount as paid_amount',
      'd.agency_id',
    ])
    .where('r.id', '=', refundId)
    .where('d.agency_id', 'in', agencyIds)
    .forUpdate('r')
    .executeTakeFirst()
  if (!refund) throw new PaymentError('refund_not_found', 404)
  return refund
}

/** What other refunds of the same payment already took or hold. */
async function committedElsewhere(trx: Transaction<Database>, attemptId: string, exceptId: string) {
  const row = await trx
    .selectFrom('refunds')
    .select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('total'))
    .where('attempt_id', '=', attemptId)
    .where('id', '<>', exceptId)
    .where('status', 'in', ['requested', 'processing', 'succeeded'])
    .executeTakeFirstOrThrow()
  return Number(row.total)
}

/**
 * A refund that failed at the gateway or was rejected leaves money owed: a finance user opens a new proposal
 * for what can still be refunded of that payment (a `manual` refund, then requested and approved as usual).
 */
export async function reopenRefund(
  db: Kysely<Database>,
  input: { refundId: string; actor: CurrentUser },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const refund = await lockRefund(trx, input.refundId, input.actor)
    if (refund.status !== 'failed' && refund.status !== 'rejected')
      throw new PaymentError('refund_wrong_state', 409)
    await trx
      .selectFrom('payment_attempts')
      .select('id')
      .where('id', '=', refund.attempt_id)
      .forUpdate()
      .execute()
    const room = Number(refund.paid_amount) - (await committedElsewhere(trx, refund.attempt_id, refund.id))
    const open = await trx
      .selectFrom('refunds')
      .select('id')
      .where('attempt_id', '=', refund.attempt_id)
      .where('status', '=', 'proposed')
      .executeTakeFirst()
    if (room <= 0 || open) throw new PaymentError('refund_wrong_state', 409)
    await trx
      .insertInto('refunds')
      .values({
        fee_id: refund.fee_id,
        attempt_id: refund.attempt_id,
        origin: 'manual',
        amount: room,
        idempotency_key: randomUUID(),
      })
      .execute()
  })
}

/** The first finance user: confirms a proposed refund with its amount (full or partial) and a reason. */
export async function requestRefund(
  db: Kysely<Database>,
  input: { refundId: string; actor: CurrentUser; amount: number; reason: string },
): Promise<void> {
  const reason = input.reason.trim()
  if (!reason || reason.length > 1000) throw new PaymentError('refund_reason', 422)
  await db.transaction().execute(async (trx) => {
    const refund = await lockRefund(trx, input.refundId, input.actor)
    if (refund.status !== 'proposed') throw new PaymentError('refund_wrong_state', 409)
    // Lock the payment so two refunds of it are sized one after the other.
    await trx
      .selectFrom('payment_attempts')
      .select('id')
      .where('id', '=', refund.attempt_id)
      .forUpdate()
      .execute()
    const room = Number(refund.paid_amount) - (await committedElsewhere(trx, refund.attempt_id, refund.id))
    if (!Number.isInteger(input.amount) || input.amount <= 0 || input.amount > room) {
      throw new PaymentError('refund_amount', 422)
    }
    await trx
      .updateTable('refunds')
      .set({
        status: 'requested',
        amount: input.amount,
        reason,
        requested_by: input.actor.id,
        requested_at: new Date(),
      })
      .where('id', '=', refund.id)
      .where('status', '=', 'proposed')
      .execute()
  })
}

/**
 * The second finance user: approves (the refund goes to the gateway) or rejects. The requester can never decide
 * their own request. The gateway call happens after the decision commits, with the refund's stored idempotency
 * key, so a retry (a timeout, the polling job) can never refund twice.
 */
export async function decideRefund(
  db: Kysely<Database>,
  payments: PaymentsRuntime,
  input: { refundId: string; actor: CurrentUser; approve: boolean; note: string },
): Promise<RefundStatus> {
  const note = input.note.trim()
  if (!input.approve && !note) throw new PaymentError('refund_reason', 422)
  await db.transaction().execute(async (trx) => {
    const refund = await lockRefund(trx, input.refundId, input.actor)
    if (refund.status !== 'requested') throw new PaymentError('refund_wrong_state', 409)
    if (refund.requested_by === input.actor.id) throw new PaymentError('refund_same_person', 403)
    await trx
      .updateTable('refunds')
      .set({
        status: input.approve ? 'processing' : 'rejected',
        decided_by: input.actor.id,
        decided_at: new Date(),
        decision_note: note || null,
      })
      .where('id', '=', refund.id)
      .execute()
  })
  if (!input.approve) return 'rejected'
  return submitRefund(db, payments, input.refundId)
}

/**
 * Sends an approved refund to its gateway and records the answer. Safe to run again (the polling job does, for
 * refunds left `processing` by a gateway outage): the idempotency key makes the gateway answer the same.
 */
export async function submitRefund(
  db: Kysely<Database>,
  payments: PaymentsRuntime,
  refundId: string,
): Promise<RefundStatus> {
  const r = await db
    .selectFrom('refunds as r')
    .innerJoin('payment_attempts as a', 'a.id', 'r.attempt_id')
    .select([
      'r.id',
      'r.status',
      'r.amount',
      'r.reason',
      'r.idempotency_key',
      'r.provider_ref',
      'r.requested_by',
      'a.id as attempt_id',
      'a.provider',
      'a.provider_ref as payment_ref',
      'a.created_at',
      'a.payer_ip',
      'a.transaction_id',
      'a.amount as paid_amount',
      'a.settled_at',
    ])
    .where('r.id', '=', refundId)
    .executeTakeFirstOrThrow()
  if (r.status !== 'processing' || r.provider_ref) return r.status
  const gateway = payments.gateways.get(r.provider)
  if (!gateway) return r.status
  // A resend is safe only while the gateway still recognises the key: VNPay dedupes request ids within one
  // Vietnamese day, Stripe keeps keys 24 h. Later, a person must look at the gateway first (finance page).
  const now = new Date()
  const sent = await db
    .updateTable('refunds')
    .set({ submitted_at: sql`coalesce(submitted_at, now())` })
    .where('id', '=', r.id)
    .returning('submitted_at')
    .executeTakeFirstOrThrow()
  const firstSent = sent.submitted_at ?? now
  if (vnDay(firstSent) !== vnDay(now) || now.getTime() - firstSent.getTime() > 12 * 3600_000)
    return 'processing'
  let result
  try {
    result = await gateway.refund({
      refundId: r.id,
      idempotencyKey: r.idempotency_key,
      payment: {
        providerRef: r.payment_ref ?? toAttemptRef(r.attempt_id),
        attemptId: toAttemptRef(r.attempt_id),
        createdAt: r.created_at,
        payerIp: r.payer_ip,
        transactionId: r.transaction_id,
        amount: Number(r.paid_amount),
        paidAt: r.settled_at,
      },
      amount: Number(r.amount),
      reason: r.reason ?? 'refund',
      requestedBy: r.requested_by ?? 'system',
      requesterIp: '127.0.0.1',
    })
  } catch (error) {
    if (error instanceof GatewayError && !error.detail.retryable) {
      await applyRefundState(db, r.id, 'failed')
      return 'failed'
    }
    // Left processing: the polling job sends it again with the same key (the same day).
    return 'processing'
  }
  await applyRefundState(db, r.id, result.status, result.providerRef)
  return result.status === 'pending' ? 'processing' : result.status
}

/**
 * Moves a refund to the gateway's state (from the refund call's answer or a notification). Conditional: only a
 * refund still processing moves, so replays and late events change nothing. A refund that returns the fee's
 * whole payment marks the fee refunded (not for duplicates: the fee stays paid by its other payment).
 */
export async function applyRefundState(
  db: Kysely<Database>,
  refundId: string,
  status: GatewayRefundStatus,
  providerRef?: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // The gateway's id and its answer land together, so a crash cannot leave one without the other.
    if (providerRef) {
      await trx
        .updateTable('refunds')
        .set({ provider_ref: providerRef })
        .where('id', '=', refundId)
        .where('provider_ref', 'is', null)
        .execute()
    }
    if (status === 'pending') return
    const moved = await trx
      .updateTable('refunds')
      .set({ status, settled_at: status === 'succeeded' ? new Date() : null })
      .where('id', '=', refundId)
      .where('status', '=', 'processing')
      .returning(['fee_id', 'attempt_id', 'origin'])
      .executeTakeFirst()
    if (!moved || status !== 'succeeded' || moved.origin === 'duplicate') return
    const refunded = await trx
      .selectFrom('refunds')
      .select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('total'))
      .where('attempt_id', '=', moved.attempt_id)
      .where('status', '=', 'succeeded')
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('fees')
      .set({ status: 'refunded' })
      .where('id', '=', moved.fee_id)
      .where('paid_attempt_id', '=', moved.attempt_id)
      .where('status', '=', 'paid')
      .where('amount', '<=', Number(refunded.total))
      .execute()
  })
}

/** A refund notification from the gateway, matched on the gateway's refund id. */
export async function applyRefundNotification(
  db: Kysely<Database>,
  provider: 'stripe' | 'vnpay',
  refund: { providerRef: string; status: GatewayRefundStatus },
): Promise<'applied' | 'error'> {
  const row = await db
    .selectFrom('refunds as r')
    .innerJoin('payment_attempts as a', 'a.id', 'r.attempt_id')
    .select('r.id')
    .where('a.provider', '=', provider)
    .where('r.provider_ref', '=', refund.providerRef)
    .executeTakeFirst()
  // Unknown yet: the event may have overtaken our own record of the refund's id. Answer so that the gateway
  // delivers it again later (Stripe retries for days; VNPay sends no refund notifications).
  if (!row) return 'error'
  await applyRefundState(db, row.id, refund.status)
  return 'applied'
}
