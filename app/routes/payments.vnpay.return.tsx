import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { NotificationRejected } from '../../payments'
import { fromAttemptRef } from '../modules/payments/attempt-ref'
import { requireUser } from '../utils/auth.server'
import { badRequest, notFound } from '../utils/http-errors.server'

/**
 * VNPay's Return URL (DESIGN §8, stable). Display only: the signature is checked so a forged link cannot show
 * a false "paid", then the payer sees the attempt's own page, which shows only what the IPN (or our querydr)
 * established. Nothing changes here.
 */
export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args)
  const gateway = args.context.payments.gateways.get('vnpay')
  if (!gateway) throw notFound()
  try {
    const verified = await gateway.parseNotification({
      method: 'GET',
      url: args.request.url,
      headers: {},
      rawBody: Buffer.alloc(0),
    })
    const attemptId = verified.kind === 'payment' ? fromAttemptRef(verified.payment.attemptId) : null
    if (!attemptId) throw new NotificationRejected('malformed')
    return redirect(`/payments/return/${attemptId}`)
  } catch (error) {
    if (error instanceof NotificationRejected) throw badRequest('bad signature')
    throw error
  }
}
