import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Radios, SummaryRows } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { formatMoney } from '../utils/format'
import { badRequest, notFound } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

/**
 * The mock of VNPay's sandbox pay page (PAYMENT_PROVIDER=mock only; 404 otherwise), at the same path as
 * VNPay's. It checks the signed URL like VNPay does, lets the payer choose a bank and a test outcome, then
 * sends the browser to the signed Return URL and the IPN to the portal (retried until RspCode 00 or 02).
 */
function mockVnpay(context: LoaderFunctionArgs['context']) {
  const mock = context.payments.mock
  if (!mock) throw notFound()
  return mock.vnpay
}

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url)
  const described = mockVnpay(args.context).describe(url.searchParams)
  const { t } = await getT(args.request, ['payments', 'common'])
  const base = { title: t('mock.vnpayTitle'), titleSuffix: t('mock.gatewayName'), query: url.search.slice(1) }
  if (!described.ok) return data({ ...base, order: null, code: described.code }, { status: 400 })
  const { order } = described
  return { ...base, code: null, order: { amount: order.amount, orderInfo: order.orderInfo } }
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData()
  const query = new URLSearchParams(String(form.get('query') ?? ''))
  const outcome = form.has('cancel') ? 'cancel' : String(form.get('outcome') ?? 'success')
  const paid = mockVnpay(args.context).pay(query, {
    bankCode: String(form.get('bankCode') ?? 'NCB'),
    outcome: outcome === 'cancel' ? 'cancel' : outcome === 'insufficient' ? 'insufficient' : 'success',
  })
  if (!paid.ok) throw badRequest(`refused ${paid.code}`)
  return redirect(paid.returnUrl)
}

export const meta: MetaFunction<typeof loader> = pageTitle

const banks = ['NCB', 'VNPAYQR', 'INTCARD'] as const

export default function MockVnpay() {
  const { t, i18n } = useTranslation('payments')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { order, code, query } = useLoaderData<typeof loader>()
  const busy = useNavigation().state !== 'idle'
  return (
    <div className="narrow">
      <p className="notice">{t('mock.banner')}</p>
      <h1>{t('mock.vnpayTitle')}</h1>
      {!order ? (
        <p className="notice notice--warning" role="alert">
          {t('mock.vnpayInvalid', { code })}
        </p>
      ) : (
        <>
          <SummaryRows
            rows={[
              { label: t('pay.for'), value: order.orderInfo },
              { label: t('pay.amount'), value: <strong>{formatMoney(order.amount, lng)}</strong> },
            ]}
          />
          <Form method="post">
            <input type="hidden" name="query" value={query} />
            <Radios
              id="bank"
              name="bankCode"
              legend={t('mock.bank')}
              options={banks.map((b) => ({ value: b, label: t(`mock.banks.${b}`) }))}
              defaultValue={banks[0]}
            />
            <Radios
              id="outcome"
              name="outcome"
              legend={t('mock.outcome')}
              options={(['success', 'insufficient'] as const).map((o) => ({
                value: o,
                label: t(`mock.outcomes.${o}`),
              }))}
              defaultValue="success"
            />
            <div className="button-row">
              <button type="submit" className="button" disabled={busy}>
                {t('mock.vnpayPay')}
              </button>
              <button
                type="submit"
                name="cancel"
                value="1"
                className="button button--secondary"
                disabled={busy}
              >
                {t('mock.vnpayCancel')}
              </button>
            </div>
          </Form>
        </>
      )}
    </div>
  )
}
