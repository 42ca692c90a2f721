import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'

/** What the citizen's payment page needs: the dossier, its fee due online (if any) and the last attempt. */
export async function paymentPage(db: Kysely<Database>, code: string, userId: string) {
  const dossier = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .select(['d.id', 'd.code', 'd.status', 'p.name_vi', 'p.name_en'])
    .where('d.code', '=', code)
    .where('d.applicant_id', '=', userId)
    .executeTakeFirst()
  if (!dossier) return null
  const fees = await db
    .selectFrom('fees as f')
    .leftJoin('receipts as r', 'r.fee_id', 'f.id')
    .select(['f.id', 'f.kind', 'f.amount', 'f.status', 'f.description', 'r.id as receipt_id'])
    .where('f.dossier_id', '=', dossier.id)
    .where('f.kind', 'in', ['submission', 'assessed'])
    .orderBy('f.created_at')
    .execute()
  const due = dossier.status === 'awaiting_payment' ? (fees.find((f) => f.status === 'due') ?? null) : null
  const last = due
    ? await db
        .selectFrom('payment_attempts')
        .select(['status', 'failure_code', 'provider'])
        .where('fee_id', '=', due.id)
        .orderBy('created_at', 'desc')
        .executeTakeFirst()
    : undefined
  return {
    code: dossier.code!,
    status: dossier.status,
    name: { vi: dossier.name_vi, en: dossier.name_en },
    due: due ? { id: due.id, amount: Number(due.amount), description: due.description } : null,
    receipts: fees.filter((f) => f.receipt_id).map((f) => ({ id: f.receipt_id!, amount: Number(f.amount) })),
    lastAttempt: last ?? null,
  }
}

/** One attempt as its payer's return page shows it; another person's attempt is simply not found. */
export async function attemptForPayer(db: Kysely<Database>, attemptId: string, userId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(attemptId)) return null
  const row = await db
    .selectFrom('payment_attempts as a')
    .innerJoin('fees as f', 'f.id', 'a.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .leftJoin('receipts as r', 'r.fee_id', 'f.id')
    .select([
      'a.id',
      'a.status',
      'a.amount',
      'a.provider',
      'a.failure_code',
      'f.status as fee_status',
      'f.paid_attempt_id',
      'f.description',
      'd.code',
      'd.status as dossier_status',
      'r.id as receipt_id',
    ])
    .where('a.id', '=', attemptId)
    .where('d.applicant_id', '=', userId)
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    status: row.status,
    amount: Number(row.amount),
    provider: row.provider,
    failureCode: row.failure_code,
    feePaid: row.fee_status === 'paid' || row.fee_status === 'refunded',
    /** this attempt paid a fee that another attempt had already paid: it will be refunded */
    duplicate: row.status === 'succeeded' && row.paid_attempt_id !== row.id,
    description: row.description,
    dossierCode: row.code!,
    receiptId: row.paid_attempt_id === row.id ? row.receipt_id : null,
  }
}
