import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Database, PaymentAttempt } from '../../../db/schema'
import { GatewayError, type Provider } from '../../../payments'
import { toAttemptRef } from './attempt-ref'
import { DossierNotFoundError } from '../workflow/errors'
import { PaymentError } from './errors'
import type { PaymentsRuntime } from './runtime.server'

/**
 * Starting a payment (issue #5 §5). One live attempt per fee: the attempt row, with its idempotency key, is
 * committed *before* the gateway is called, so a second click, a retry after a timeout or a crash in between
 * finds it and asks the gateway again with the same key — the gateway answers with the same checkout, and
 * nobody is charged twice. Choosing another provider supersedes the live attempt (it can still settle if the
 * payer finishes it; a second payment then becomes a refund proposal).
 */

export interface StartCheckoutInput {
  dossierCode: string
  userId: string
  provider: string
  locale: 'vi' | 'en'
  /** our origin, for the return addresses */
  origin: string
  ip: string
  now?: Date
}

const RETRIES = 2

export async function startCheckout(
  db: Kysely<Database>,
  payments: PaymentsRuntime,
  input: StartCheckoutInput,
  logger: Logger,
): Promise<{ redirectUrl: string }> {
  // Someone else's dossier (or none) is not found, whatever was posted: the same answer as for a wrong code.
  const own = await db
    .selectFrom('dossiers')
    .select('id')
    .where('code', '=', input.dossierCode)
    .where('applicant_id', '=', input.userId)
    .executeTakeFirst()
  if (!own) throw new DossierNotFoundError()
  if (!payments.providers.includes(input.provider as Provider))
    throw new PaymentError('provider_not_offered', 422)
  const provider = input.provider as Provider
  const now = input.now ?? new Date()

  const { attempt, description, dossierCode } = await db.transaction().execute(async (trx) => {
    const fee = await trx
      .selectFrom('fees as f')
      .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
      .select(['f.id', 'f.amount', 'f.description', 'd.code'])
      .where('d.code', '=', input.dossierCode)
      .where('d.applicant_id', '=', input.userId)
      .where('d.status', '=', 'awaiting_payment')
      .where('f.status', '=', 'due')
      .where('f.kind', 'in', ['submission', 'assessed'])
      .orderBy('f.created_at')
      .forUpdate('f')
      .executeTakeFirst()
    if (!fee) throw new PaymentError('nothing_to_pay', 409)
    const live = await trx
      .selectFrom('payment_attempts')
      .selectAll()
      .where('fee_id', '=', fee.id)
      .where('status', 'in', ['creating', 'pending', 'processing'])
      .executeTakeFirst()
    // The payer already acted (3-D Secure, bank processing, VNPay's "debited, under review"): a second
    // checkout now could take the money twice. Wait for the gateway's answer.
    if (live?.status === 'processing') throw new PaymentError('payment_in_progress', 409)
    // Reuse the live attempt unless it is for another provider or about to close.
    if (live && live.provider === provider && live.expires_at.getTime() - now.getTime() > 5 * 60_000) {
      return {
        attempt: live,
        description: describe(fee.description, live.locale, fee.code!),
        dossierCode: fee.code!,
      }
    }
    if (live) {
      await trx
        .updateTable('payment_attempts')
        .set({ status: 'superseded' })
        .where('id', '=', live.id)
        .where('status', 'in', ['creating', 'pending'])
        .execute()
    }
    const id = randomUUID()
    const created = await trx
      .insertInto('payment_attempts')
      .values({
        id,
        fee_id: fee.id,
        provider,
        idempotency_key: randomUUID(),
        amount: Number(fee.amount),
        payer_ip: input.ip,
        locale: input.locale,
        return_url: returnUrlFor(input.origin, provider, id),
        cancel_url: `${input.origin}/dossiers/${fee.code}/pay?cancelled=1`,
        created_by: input.userId,
        created_at: now,
        expires_at: new Date(now.getTime() + payments.expiresMinutes * 60_000),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return {
      attempt: created,
      description: describe(fee.description, input.locale, fee.code!),
      dossierCode: fee.code!,
    }
  })

  if (attempt.status !== 'creating' && attempt.redirect_url) return { redirectUrl: attempt.redirect_url }
  const redirectUrl = await createAtGateway(db, payments, attempt, { description, dossierCode })
  if (!redirectUrl) {
    logger.warn(
      { event: 'payment_gateway_unavailable', provider, attemptId: attempt.id },
      'gateway unavailable',
    )
    throw new PaymentError('gateway_unavailable', 503)
  }
  return { redirectUrl }
}

/** What the gateway shows the payer; always in the attempt's own language, so a retry sends the same text. */
export const describe = (description: { vi: string; en: string }, locale: 'vi' | 'en', code: string) =>
  `${description[locale]} – ${code}`

/** Where the payer comes back to; the page only shows the state (the notification is the authority). */
export function returnUrlFor(origin: string, provider: Provider, attemptId: string) {
  return provider === 'vnpay' ? `${origin}/payments/vnpay/return` : `${origin}/payments/return/${attemptId}`
}

/**
 * Calls the gateway for an attempt still `creating`, with its stored key, a few times on retryable failures.
 * Returns the redirect URL, or null when the gateway could not be reached (the attempt stays `creating`; the next
 * click or the polling job asks again with the same key).
 */
export async function createAtGateway(
  db: Kysely<Database>,
  payments: PaymentsRuntime,
  attempt: PaymentAttempt,
  context: { description: string; dossierCode: string },
): Promise<string | null> {
  const gateway = payments.gateways.get(attempt.provider)
  if (!gateway) return null
  for (let round = 0; round <= RETRIES; round++) {
    try {
      const checkout = await gateway.createCheckout({
        attemptId: toAttemptRef(attempt.id),
        idempotencyKey: attempt.idempotency_key,
        amount: Number(attempt.amount),
        description: context.description,
        locale: attempt.locale,
        returnUrl: attempt.return_url,
        cancelUrl: attempt.cancel_url,
        payerIp: attempt.payer_ip,
        createdAt: attempt.created_at,
        expiresAt: attempt.expires_at,
        metadata: { dossier_code: context.dossierCode, fee_id: attempt.fee_id, attempt_id: attempt.id },
      })
      await db
        .updateTable('payment_attempts')
        .set({
          provider_ref: checkout.providerRef,
          redirect_url: checkout.redirectUrl,
          status: 'pending',
          // the gateway's own closing time (Stripe needs at least 30 minutes from its clock)
          expires_at: checkout.expiresAt,
        })
        .where('id', '=', attempt.id)
        .where('status', '=', 'creating')
        .execute()
      return checkout.redirectUrl
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error
      if (!error.detail.retryable) {
        // Refused for good (bad configuration, invalid request): close the attempt so the next click starts anew.
        await db
          .updateTable('payment_attempts')
          .set({ status: 'failed', failure_code: error.detail.code ?? 'gateway_refused' })
          .where('id', '=', attempt.id)
          .where('status', '=', 'creating')
          .execute()
        return null
      }
      if (round < RETRIES) await new Promise((r) => setTimeout(r, 150 * (round + 1)))
    }
  }
  return null
}
