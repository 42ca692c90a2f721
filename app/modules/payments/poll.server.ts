import { sql, type Kysely } from 'kysely'
import type PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Database } from '../../../db/schema'
import { applyPayment } from './apply.server'
import { toAttemptRef } from './attempt-ref'
import { createAtGateway, describe } from './checkout.server'
import { submitRefund } from './refunds.server'
import type { PaymentsRuntime } from './runtime.server'

/**
 * The safety net under webhooks and IPNs (issue #5 §5): attempts still open some minutes after they began are
 * asked about (Stripe retrieve, VNPay querydr) and the answer is applied exactly like a notification, so a
 * lost webhook or IPN still settles. Attempts whose create call never got an answer are created again with
 * their stored idempotency key (the gateway returns the same checkout). Approved refunds that never reached the
 * gateway are sent again with theirs. Safe to run twice at once: every change is a conditional update.
 */

export const PAYMENT_POLL_QUEUE = 'payment-poll'

export interface PollResult {
  checked: number
  settled: number
  expired: number
  errors: number
  refundsSent: number
}

export async function pollOpenAttempts(
  db: Kysely<Database>,
  payments: PaymentsRuntime,
  options: { origin: string; logger: Logger; now?: Date; olderThanSeconds?: number; limit?: number },
): Promise<PollResult> {
  const now = options.now ?? new Date()
  const olderThan = options.olderThanSeconds ?? payments.pollAfterSeconds
  const cutoff = new Date(now.getTime() - olderThan * 1000)
  const result: PollResult = { checked: 0, settled: 0, expired: 0, errors: 0, refundsSent: 0 }
  const open = await db
    .selectFrom('payment_attempts as a')
    .innerJoin('fees as f', 'f.id', 'a.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .selectAll('a')
    .select(['d.code as dossier_code', 'f.description'])
    .where('a.status', 'in', ['creating', 'pending', 'processing', 'superseded'])
    .where('a.created_at', '<=', cutoff)
    // superseded attempts are watched until their checkout closes, then left alone
    .where((eb) =>
      eb.or([
        eb('a.status', '<>', 'superseded'),
        eb('a.expires_at', '>', sql<Date>`${now}::timestamptz - interval '1 hour'`),
      ]),
    )
    .where((eb) => eb.or([eb('a.checked_at', 'is', null), eb('a.checked_at', '<=', cutoff)]))
    // never checked first, then the longest unchecked: stubborn attempts cannot starve new ones
    .orderBy(sql`a.checked_at NULLS FIRST`)
    .orderBy('a.created_at')
    .limit(options.limit ?? 100)
    .execute()

  for (const attempt of open) {
    result.checked++
    const gateway = payments.gateways.get(attempt.provider)
    try {
      if (!gateway) continue
      if (attempt.status === 'creating') {
        if (attempt.expires_at <= now) await expire(db, attempt.id)
        else {
          await createAtGateway(db, payments, attempt, {
            description: describe(attempt.description, attempt.locale, attempt.dossier_code ?? ''),
            dossierCode: attempt.dossier_code ?? '',
          })
        }
        continue
      }
      const snapshot = await gateway.retrieve({
        providerRef: attempt.provider_ref ?? toAttemptRef(attempt.id),
        attemptId: toAttemptRef(attempt.id),
        createdAt: attempt.created_at,
        payerIp: attempt.payer_ip,
      })
      await applyPayment(db, {
        provider: attempt.provider,
        eventId: `poll:${attempt.id}:${snapshot.status}:${snapshot.transactionId ?? ''}`,
        source: 'poll',
        snapshot,
        payload: JSON.stringify(snapshot),
        now,
      })
      if (snapshot.status === 'succeeded') result.settled++
      // The gateway still says open long after the checkout closed (VNPay: never paid, "not found").
      if (snapshot.status === 'pending' && attempt.expires_at.getTime() + 5 * 60_000 < now.getTime()) {
        if (await expire(db, attempt.id)) result.expired++
      }
    } catch (error) {
      result.errors++
      options.logger.warn(
        { err: error, event: 'payment_poll_failed', attemptId: attempt.id },
        'payment poll failed',
      )
    } finally {
      await db
        .updateTable('payment_attempts')
        .set({ checked_at: now, check_count: sql`check_count + 1` })
        .where('id', '=', attempt.id)
        .execute()
    }
  }

  const stuckRefunds = await db
    .selectFrom('refunds')
    .select('id')
    .where('status', '=', 'processing')
    .where('provider_ref', 'is', null)
    .where('decided_at', '<=', cutoff)
    .limit(50)
    .execute()
  for (const r of stuckRefunds) {
    const status = await submitRefund(db, payments, r.id).catch(() => 'processing' as const)
    if (status !== 'processing') result.refundsSent++
  }
  return result
}

async function expire(db: Kysely<Database>, attemptId: string): Promise<boolean> {
  const moved = await db
    .updateTable('payment_attempts')
    .set({ status: 'expired' })
    .where('id', '=', attemptId)
    .where('status', 'in', ['creating', 'pending', 'superseded'])
    .executeTakeFirst()
  return Number(moved.numUpdatedRows) > 0
}

/** Runs the poll every minute through pg-boss (one job at a time across processes: a singleton queue). */
export async function startPaymentPolling(
  boss: PgBoss,
  deps: { db: Kysely<Database>; payments: PaymentsRuntime; origin: string; logger: Logger },
): Promise<void> {
  await boss.createQueue(PAYMENT_POLL_QUEUE, {
    name: PAYMENT_POLL_QUEUE,
    policy: 'singleton',
    expireInSeconds: 120,
  })
  await boss.schedule(PAYMENT_POLL_QUEUE, '* * * * *')
  await boss.work(PAYMENT_POLL_QUEUE, async () => {
    const result = await pollOpenAttempts(deps.db, deps.payments, {
      origin: deps.origin,
      logger: deps.logger,
    })
    if (result.checked || result.refundsSent)
      deps.logger.info({ event: 'payment_poll', ...result }, 'payment poll')
  })
}
