import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Radios, SummaryRows } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { startCheckout } from '../modules/payments/checkout.server'
import { PaymentError } from '../modules/payments/errors'
import { paymentPage } from '../modules/payments/queries.server'
import { requireUser } from '../utils/auth.server'
import { formatMoney } from '../utils/format'
import { notFound, rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args)
  const page = await paymentPage(args.context.db, args.params.code ?? '', user.id)
  if (!page) throw notFound()
  const { t } = await getT(args.request, ['payments', 'common'])
  const url = new URL(args.request.url)
  return {
    title: t('pay.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    page,
    providers: args.context.payments.providers,
    mock: args.context.payments.mock !== null,
    cancelled: url.searchParams.has('cancelled'),
  }
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args)
  const form = await args.request.formData()
  const { lng } = await getT(args.request, ['payments'])
  try {
    const { redirectUrl } = await startCheckout(
      args.context.db,
      args.context.payments,
      {
        dossierCode: args.params.code ?? '',
        userId: user.id,
        provider: String(form.get('provider') ?? ''),
        locale: lng,
        origin: args.context.origin,
        ip: args.context.ip,
      },
      args.context.logger,
    )
    return redirect(redirectUrl)
  } catch (error) {
    if (error instanceof PaymentError) {
      return data({ error: `payments:errors.${error.code}` }, { status: error.status })
    }
    rethrowAsHttp(error)
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Pay() {
  const { t, i18n } = useTranslation('payments')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { page, providers, mock, cancelled } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const last = page.lastAttempt
  return (
    <div className="narrow">
      <p className="caption">{page.name[lng]}</p>
      <h1>{t('pay.title')}</h1>
      {actionData?.error ? (
        <p className="notice notice--warning" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      {cancelled && page.due ? (
        <p className="notice" role="status">
          {t('pay.cancelled')}
        </p>
      ) : null}
      {page.due && last?.failure_code && last.status !== 'succeeded' ? (
        <p className="notice notice--warning" role="status">
          {t('pay.lastFailed', { reason: t(failureKey(last.failure_code)) })}
        </p>
      ) : null}
      {page.due && last?.status === 'processing' ? (
        <p className="notice" role="status">
          {t('errors.payment_in_progress')}
        </p>
      ) : page.due ? (
        <>
          <SummaryRows
            rows={[
              { label: t('pay.dossier'), value: page.code },
              { label: t('pay.for'), value: page.due.description[lng] },
              { label: t('pay.amount'), value: <strong>{formatMoney(page.due.amount, lng)}</strong> },
            ]}
          />
          <p>{t('pay.intro')}</p>
          {mock ? <p className="notice">{t('pay.mockNotice')}</p> : null}
          <Form method="post">
            {providers.length > 1 ? (
              <Radios
                id="provider"
                name="provider"
                legend={t('pay.choose')}
                options={providers.map((p) => ({ value: p, label: t(`provider.${p}`) }))}
                defaultValue={providers[0]}
              />
            ) : (
              <input type="hidden" name="provider" value={providers[0]} />
            )}
            <button type="submit" className="button" disabled={busy}>
              {t('pay.submit', { amount: formatMoney(page.due.amount, lng) })}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p className="notice notice--success" role="status">
            {page.receipts.length ? t('pay.nothingDuePaid') : t('pay.nothingDue')}
          </p>
          {page.receipts.map((r) => (
            <p key={r.id}>
              <a href={`/receipts/${r.id}`}>{t('pay.viewReceipt', { amount: formatMoney(r.amount, lng) })}</a>
            </p>
          ))}
        </>
      )}
      <p>
        <a href={`/dossiers/${page.code}`}>{t('backToDossier')}</a>
      </p>
    </div>
  )
}

/** A translation key for a gateway's failure code (Stripe decline codes, VNPay response codes). */
export function failureKey(code: string): string {
  const known = [
    'card_declined',
    'generic_decline',
    'payment_intent_authentication_failure',
    'insufficient_funds',
    'expired_card',
    'processing_error',
    'incorrect_number',
    'authentication_failed',
    '24',
    '51',
    '11',
  ]
  return known.includes(code) ? `payments:failure.${code}` : 'payments:failure.other'
}
