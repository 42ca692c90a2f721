/**
 * Fee demands and counter payments (the ledger: plain SQL, no workflow and no gateway code). The workflow's
 * effects call these inside the transition's transaction; online payments are credited by app/modules/payments.
 */
import type { Transaction } from 'kysely'
import type { Database } from '../../../db/schema'
import type { Bilingual } from '../catalogue/types'
import type { FeeDemand } from './fees'
import { issueReceipt } from './receipts.server'

/** Records the fee demanded at submission. */
export async function demandFee(trx: Transaction<Database>, dossierId: string, fee: FeeDemand) {
  return trx
    .insertInto('fees')
    .values({
      dossier_id: dossierId,
      kind: fee.kind,
      amount: fee.amount,
      description: JSON.stringify(fee.description),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** Records a fee assessed by the specialist after reception (paid online; the clock waits for it). */
export async function demandAssessedFee(
  trx: Transaction<Database>,
  dossierId: string,
  input: { amount: number; description: Bilingual },
) {
  return trx
    .insertInto('fees')
    .values({
      dossier_id: dossierId,
      kind: 'assessed',
      amount: input.amount,
      description: JSON.stringify(input.description),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/**
 * Every fee of the dossier still due is paid at the counter now, each with its e-receipt numbered in the agency's
 * series. Returns the fees paid and their total.
 */
export async function payDueFeesAtCounter(trx: Transaction<Database>, dossierId: string, now: Date) {
  const paid = await trx
    .updateTable('fees')
    .set({ status: 'paid', paid_at: now, paid_method: 'counter' })
    .where('dossier_id', '=', dossierId)
    .where('status', '=', 'due')
    .returning(['id', 'amount'])
    .execute()
  for (const fee of paid) {
    await issueReceipt(trx, {
      feeId: fee.id,
      method: 'counter',
      attemptId: null,
      transactionId: null,
      at: now,
    })
  }
  return { feeIds: paid.map((f) => f.id), amount: paid.reduce((sum, f) => sum + Number(f.amount), 0) }
}
