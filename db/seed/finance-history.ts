import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import { vnDay } from '../../app/modules/calendar/vietnam-time'
import { issueReceipt } from '../../app/modules/ledger/receipts.server'
import { reconcile } from '../../app/modules/finance/reconcile.server'
import type { Database } from '../schema'
import { demoCitizen } from './accounts'

/**
 * A month of payment history for each demo agency with finance clerks (STP, UBQ1), relative to the seeding day, so
 * /finance/reconciliation opens on a realistic day (issue 10 §6): each day a few dossiers paid by card (Stripe
 * protocol) or VNPay, their receipts and settlement lines — and among them a refunded payment, a payment still
 * pending, a duplicate payment, a payment never settled and a wrong settled amount. The latest business day is
 * not imported: its VNPay and Stripe report files are written to `<dataDir>/settlements/` for a clerk to upload.
 * Past days are reconciled. Idempotent (skipped once seeded); set-based enough to stay well under a few seconds.
 */

const marker = 'demo-seed-history'
const perDay = 4
const days = 30

export async function seedFinanceHistory(
  db: Kysely<Database>,
  options: { now?: Date; dataDir: string },
): Promise<{ dossiers: number; files: string[] } | null> {
  const now = options.now ?? new Date()
  const seeded = await db
    .selectFrom('settlement_imports')
    .select('id')
    .where('file_name', '=', marker)
    .executeTakeFirst()
  if (seeded) return null
  const citizen = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', demoCitizen.email)
    .executeTakeFirst()
  if (!citizen) return null
  const latest = vnDay(new Date(now.getTime() - 86_400_000))
  const vnpayRows: string[] = []
  const stripeRows: string[] = []
  let dossiers = 0
  await db.transaction().execute(async (trx) => {
    const importRow = await trx
      .insertInto('settlement_imports')
      .values({ provider: 'stripe', source: 'api', file_name: marker, status: 'imported' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const agencies = await trx
      .selectFrom('agencies as a')
      .innerJoin('procedures as p', 'p.agency_id', 'a.id')
      .innerJoin('procedure_versions as v', 'v.procedure_id', 'p.id')
      .select(['a.id as agency_id', 'a.code', 'p.id as procedure_id', 'v.id as version_id', 'p.fee_amount'])
      .where('a.code', 'in', ['STP', 'UBQ1'])
      .where('p.fee_amount', '>', 0)
      .distinctOn('a.code')
      .orderBy('a.code')
      .orderBy('p.code')
      .execute()
    for (const agency of agencies) {
      // Business days back from yesterday: i = 1 is the latest (its files are left to upload).
      const businessDays: string[] = []
      for (let back = 1; back <= days; back++) {
        const day = vnDay(new Date(now.getTime() - back * 86_400_000))
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
        if (weekday !== 0 && weekday !== 6) businessDays.push(day)
      }
      for (let i = businessDays.length; i >= 1; i--) {
        const day = businessDays[i - 1]
        const d = i
        for (let k = 1; k <= perDay; k++) {
          const at = new Date(Date.parse(`${day}T0${k + 1}:15:00Z`))
          const provider = k % 2 === 0 ? 'stripe' : 'vnpay'
          const code = `${agency.code}-${day.slice(2).replaceAll('-', '')}-9${String(k).padStart(3, '0')}`
          // the story, by business days back: pending here but paid at the gateway (1–2, k = 1), a wrong settled
          // amount (3), never settled (4), refunded (5), paid twice (6)
          const pending = d <= 2 && k === 1
          const dossier = await trx
            .insertInto('dossiers')
            .values({
              code,
              procedure_id: agency.procedure_id,
              procedure_version_id: agency.version_id,
              agency_id: agency.agency_id,
              applicant_id: citizen.id,
              status: pending ? 'awaiting_payment' : d > 5 ? 'completed' : 'received',
              submitted_at: at,
              received_at: pending ? null : at,
              created_at: at,
            })
            .onConflict((oc) => oc.doNothing())
            .returning('id')
            .executeTakeFirst()
          if (!dossier) continue
          dossiers++
          const amount = Number(agency.fee_amount)
          const fee = await trx
            .insertInto('fees')
            .values({
              dossier_id: dossier.id,
              kind: 'submission',
              amount,
              description: JSON.stringify({ vi: 'Lệ phí', en: 'Fee' }),
              created_at: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          const txn = `${provider === 'stripe' ? 'pi_demo' : '1'}${day.replaceAll('-', '')}${agency.code.length}${k}`
          const attempt = await trx
            .insertInto('payment_attempts')
            .values({
              fee_id: fee.id,
              provider,
              idempotency_key: sql<string>`gen_random_uuid()`,
              amount,
              status: pending ? 'pending' : 'succeeded',
              return_url: 'http://localhost/',
              cancel_url: 'http://localhost/',
              payer_ip: '127.0.0.1',
              transaction_id: pending ? null : txn,
              created_at: at,
              expires_at: new Date(at.getTime() + 30 * 60_000),
              settled_at: pending ? null : at,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          await trx
            .updateTable('payment_attempts')
            .set({ provider_ref: sql`replace(id::text, '-', '')` })
            .where('id', '=', attempt.id)
            .execute()
          const ref = attempt.id.replaceAll('-', '')
          const settledAmount = d === 3 && k === 2 ? amount - 10_000 : amount
          const stripeFee = Math.round(settledAmount * 0.011) + 2_000
          // The gateway took the money even while the portal still waits: a lost webhook (missing in portal).
          if (!pending) {
            await trx
              .updateTable('fees')
              .set({ status: 'paid', paid_at: at, paid_attempt_id: attempt.id, paid_method: provider })
              .where('id', '=', fee.id)
              .execute()
            await issueReceipt(trx, {
              feeId: fee.id,
              method: provider,
              attemptId: attempt.id,
              transactionId: txn,
              at,
            })
          }
          if (d === 4 && k === 3) continue // paid here, never settled (missing at the gateway)
          if (day === latest) {
            const paid = new Date(at.getTime() + 7 * 3_600_000)
              .toISOString()
              .replace(/[-:T]/g, '')
              .slice(0, 14)
            if (provider === 'vnpay')
              vnpayRows.push([ref, txn, settledAmount, 'NCB', paid, '01', '00'].join(','))
            else {
              stripeRows.push(
                [
                  `txn_demo_${ref.slice(0, 12)}`,
                  at.toISOString().slice(0, 19).replace('T', ' '),
                  'vnd',
                  settledAmount,
                  stripeFee,
                  settledAmount - stripeFee,
                  'charge',
                  txn,
                  ref,
                ].join(','),
              )
            }
            continue
          }
          await trx
            .insertInto('settlement_lines')
            .values({
              provider,
              line_id: provider === 'stripe' ? `txn_demo_${ref.slice(0, 12)}` : `${txn}:payment`,
              import_id: importRow.id,
              our_reference: ref,
              attempt_ref: attempt.id,
              transaction_id: txn,
              refund_ref: null,
              type: 'payment',
              gross: settledAmount,
              fee: provider === 'stripe' ? stripeFee : 0,
              net: settledAmount - (provider === 'stripe' ? stripeFee : 0),
              settled_at: new Date(at.getTime() + 60_000),
              payout_id: null,
              bank_code: provider === 'vnpay' ? 'NCB' : null,
              raw: JSON.stringify({ seed: true }),
            })
            .onConflict((oc) => oc.doNothing())
            .execute()
          if (d === 5 && k === 4) {
            const refundAt = new Date(at.getTime() + 3_600_000)
            await trx
              .insertInto('refunds')
              .values({
                fee_id: fee.id,
                attempt_id: attempt.id,
                origin: 'manual',
                amount,
                status: 'succeeded',
                reason: 'Demo: refused dossier',
                idempotency_key: sql<string>`gen_random_uuid()`,
                provider_ref: `re_demo_${ref.slice(0, 12)}`,
                settled_at: refundAt,
              })
              .execute()
            await trx.updateTable('fees').set({ status: 'refunded' }).where('id', '=', fee.id).execute()
            await trx
              .insertInto('settlement_lines')
              .values({
                provider,
                line_id: `txn_demo_refund_${ref.slice(0, 12)}`,
                import_id: importRow.id,
                our_reference: ref,
                attempt_ref: attempt.id,
                transaction_id: txn,
                refund_ref: `re_demo_${ref.slice(0, 12)}`,
                type: 'refund',
                gross: -amount,
                fee: 0,
                net: -amount,
                settled_at: refundAt,
                payout_id: null,
                bank_code: null,
                raw: JSON.stringify({ seed: true }),
              })
              .onConflict((oc) => oc.doNothing())
              .execute()
          }
          // A second success for the same fee: a duplicate payment.
          if (d === 6 && k === 4) {
            await trx
              .insertInto('payment_attempts')
              .values({
                fee_id: fee.id,
                provider,
                idempotency_key: sql<string>`gen_random_uuid()`,
                amount,
                status: 'succeeded',
                return_url: 'http://localhost/',
                cancel_url: 'http://localhost/',
                payer_ip: '127.0.0.1',
                transaction_id: `${txn}dup`,
                created_at: at,
                expires_at: new Date(at.getTime() + 30 * 60_000),
                settled_at: new Date(at.getTime() + 120_000),
              })
              .execute()
          }
        }
      }
    }
  })
  const dir = path.join(options.dataDir, 'settlements')
  mkdirSync(dir, { recursive: true })
  const vnpayFile = path.join(dir, `vnpay-${latest}.csv`)
  const stripeFile = path.join(dir, `stripe-${latest}.csv`)
  writeFileSync(
    vnpayFile,
    ['TxnRef,TransactionNo,Amount,BankCode,PayDate,TransactionType,TransactionStatus', ...vnpayRows].join(
      '\n',
    ) + '\n',
  )
  writeFileSync(
    stripeFile,
    [
      'balance_transaction_id,created_utc,currency,gross,fee,net,reporting_category,payment_intent_id,payment_metadata[attempt_id]',
      ...stripeRows,
    ].join('\n') + '\n',
  )
  // Past days reconciled (the latest waits for its files).
  await reconcile(db, {
    from: new Date(Date.parse(`${vnDay(new Date(now.getTime() - (days + 1) * 86_400_000))}T00:00:00+07:00`)),
    to: new Date(Date.parse(`${latest}T00:00:00+07:00`)),
    now,
  })
  return { dossiers, files: [vnpayFile, stripeFile] }
}
