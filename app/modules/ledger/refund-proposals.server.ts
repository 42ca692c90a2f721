import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Database } from '../../../db/schema'

/**
 * Refund proposals (the ledger's side of refunds): a refused or withdrawn dossier, or a payment that arrived for a
 * fee already paid, proposes giving that payment back, once per payment (a unique key on the attempt). Finance
 * then requests and approves it (payments/refunds.server.ts, four eyes) and the gateway carries it out.
 */

export type RefundOrigin = 'refused' | 'withdrawn' | 'duplicate'

/** Proposes refunding one payment; a second proposal for the same payment is a no-op. */
export async function proposeRefund(
  trx: Transaction<Database>,
  input: { feeId: string; attemptId: string; amount: number; origin: RefundOrigin },
): Promise<void> {
  await trx
    .insertInto('refunds')
    .values({
      fee_id: input.feeId,
      attempt_id: input.attemptId,
      amount: input.amount,
      origin: input.origin,
      idempotency_key: randomUUID(),
    })
    .onConflict((oc) => oc.column('attempt_id').where('origin', '<>', 'manual').doNothing())
    .execute()
}

/** A dossier was refused or withdrawn: every fee it paid online is proposed for a refund. */
export async function proposeRefundsForClosedDossier(
  trx: Transaction<Database>,
  dossierId: string,
  origin: 'refused' | 'withdrawn',
): Promise<void> {
  const paid = await trx
    .selectFrom('fees as f')
    .innerJoin('payment_attempts as a', 'a.id', 'f.paid_attempt_id')
    .select(['f.id', 'a.id as attempt_id', 'a.amount'])
    .where('f.dossier_id', '=', dossierId)
    .where('f.status', '=', 'paid')
    .execute()
  for (const p of paid) {
    await proposeRefund(trx, { feeId: p.id, attemptId: p.attempt_id, amount: Number(p.amount), origin })
  }
}

/**
 * A refund proposed by a person (a finance resolution of a reconciliation exception): always a new proposal, with
 * its reason; finance then requests and approves it like any other (four eyes). Returns its id.
 */
export async function proposeManualRefund(
  trx: Transaction<Database>,
  input: { feeId: string; attemptId: string; amount: number; reason: string },
): Promise<string> {
  const row = await trx
    .insertInto('refunds')
    .values({
      fee_id: input.feeId,
      attempt_id: input.attemptId,
      amount: input.amount,
      origin: 'manual',
      reason: input.reason,
      idempotency_key: randomUUID(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
