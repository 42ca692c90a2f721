import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, SummaryRows } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { formatMoney } from '../utils/format'
import { notFound } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

/**
 * The mock gateway's hosted checkout page (PAYMENT_PROVIDER=mock only; 404 otherwise). It plays Stripe
 * Checkout's part: the payer types a test card here, never on the portal's own pages, and the mock then sends
 * its signed webhook to the portal and the browser back to the success URL.
 */
function mockStripe(context: LoaderFunctionArgs['context']) {
  const mock = context.payments.mock
  if (!mock) throw notFound()
  return mock.stripe
}

export async function loader(args: LoaderFunctionArgs) {
  const session = mockStripe(args.context).session(args.params.id ?? '')
  if (!session) throw notFound()
  const { t } = await getT(args.request, ['payments', 'common'])
  return {
    title: t('mock.checkoutTitle'),
    titleSuffix: t('mock.gatewayName'),
    session: {
      id: session.id,
      amount: session.amount,
      description: session.description,
      status: session.status,
      paymentStatus: session.paymentStatus,
      cancelUrl: session.cancelUrl,
      successUrl: session.successUrl,
      awaitingThreeDS: session.awaitingThreeDS,
    },
  }
}

export async function action(args: ActionFunctionArgs) {
  const stripe = mockStripe(args.context)
  const id = args.params.id ?? ''
  const form = await args.request.formData()
  const intent = String(form.get('intent') ?? 'pay')
  const result =
    intent === 'pay'
      ? stripe.payCheckout(id, String(form.get('card') ?? ''))
      : stripe.completeThreeDS(id, intent === 'approve-3ds')
  const outcome = await result
  if (outcome.outcome === 'succeeded' && outcome.redirectUrl) return redirect(outcome.redirectUrl)
  if (outcome.outcome === 'requires_action') return { threeDS: true as const, error: null }
  return data(
    { threeDS: false as const, error: `payments:failure.${outcome.declineCode ?? outcome.code ?? 'other'}` },
    { status: 402 },
  )
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function MockCheckout() {
  const { t, i18n } = useTranslation('payments')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { session } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const open = session.status === 'open'
  const threeDS = actionData?.threeDS || session.awaitingThreeDS
  return (
    <div className="narrow">
      <p className="notice">{t('mock.banner')}</p>
      <h1>{t('mock.checkoutTitle')}</h1>
      <SummaryRows
        rows={[
          { label: t('pay.for'), value: session.description },
          { label: t('pay.amount'), value: <strong>{formatMoney(session.amount, lng)}</strong> },
        ]}
      />
      {actionData?.error ? (
        <p className="notice notice--warning" role="alert">
          {t(actionData.error, { defaultValue: t('failure.other') })}
        </p>
      ) : null}
      {!open ? (
        <p className="notice" role="status">
          {session.paymentStatus === 'paid' ? t('mock.alreadyPaid') : t('mock.closed')}
        </p>
      ) : threeDS ? (
        <section aria-labelledby="three-ds">
          <h2 id="three-ds">{t('mock.threeDSTitle')}</h2>
          <p>{t('mock.threeDSIntro')}</p>
          <Form method="post" className="button-row">
            <button type="submit" name="intent" value="approve-3ds" className="button" disabled={busy}>
              {t('mock.threeDSApprove')}
            </button>
            <button
              type="submit"
              name="intent"
              value="fail-3ds"
              className="button button--secondary"
              disabled={busy}
            >
              {t('mock.threeDSFail')}
            </button>
          </Form>
        </section>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="pay" />
          <Field
            id="card"
            name="card"
            label={t('mock.card')}
            hint={t('mock.cardHint')}
            inputMode="numeric"
            autoComplete="cc-number"
            required
          />
          <Field
            id="expiry"
            name="expiry"
            label={t('mock.expiry')}
            className="input--12ch"
            autoComplete="cc-exp"
            defaultValue="12/34"
          />
          <Field
            id="cvc"
            name="cvc"
            label={t('mock.cvc')}
            className="input--12ch"
            autoComplete="cc-csc"
            defaultValue="123"
          />
          <button type="submit" className="button" disabled={busy}>
            {t('pay.submit', { amount: formatMoney(session.amount, lng) })}
          </button>
        </Form>
      )}
      <p>
        <a href={open ? session.cancelUrl : session.successUrl}>{open ? t('mock.cancel') : t('mock.back')}</a>
      </p>
    </div>
  )
}
