import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, SummaryRows, TextArea } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { agenciesFor } from '../modules/auth/permissions'
import { PaymentError } from '../modules/payments/errors'
import { refundList } from '../modules/payments/finance.server'
import { decideRefund, reopenRefund, requestRefund } from '../modules/payments/refunds.server'
import { requireArea } from '../utils/auth.server'
import { formatDateTime, formatMoney } from '../utils/format'
import { rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

/**
 * Refunds, four eyes: a clerk confirms a proposed refund (full or partial, with a reason); a different clerk
 * approves it, and only then does the money go back through the gateway.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'finance')
  const [{ t }, refunds] = await Promise.all([
    getT(args.request, ['payments', 'common']),
    refundList(args.context.db, agenciesFor(user, ['finance'])),
  ])
  return { title: t('refunds.title'), titleSuffix: t('common:meta.titleSuffix'), refunds, me: user.id }
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireArea(args, 'finance')
  const form = await args.request.formData()
  const intent = String(form.get('intent') ?? '')
  const refundId = String(form.get('refundId') ?? '')
  try {
    if (intent === 'request') {
      const raw = String(form.get('amount') ?? '').replace(/[\s.,₫đ]/g, '')
      await requestRefund(args.context.db, {
        refundId,
        actor: user,
        amount: /^\d{1,15}$/.test(raw) ? Number(raw) : NaN,
        reason: String(form.get('reason') ?? ''),
      })
    } else if (intent === 'reopen') {
      await reopenRefund(args.context.db, { refundId, actor: user })
    } else if (intent === 'approve' || intent === 'reject') {
      await decideRefund(args.context.db, args.context.payments, {
        refundId,
        actor: user,
        approve: intent === 'approve',
        note: String(form.get('note') ?? ''),
      })
    } else {
      return data({ refundId, error: 'payments:errors.refund_wrong_state' }, { status: 400 })
    }
  } catch (error) {
    // An unknown refund is the 404 page; the other refusals are shown beside the refund.
    if (error instanceof PaymentError && error.status !== 404)
      return data({ refundId, error: `payments:errors.${error.code}` }, { status: error.status })
    rethrowAsHttp(error)
  }
  return redirect(`/finance/refunds#refund-${refundId}`)
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Refunds() {
  const { t, i18n } = useTranslation('payments')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { refunds, me } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  return (
    <>
      <h1>{t('refunds.title')}</h1>
      <p className="lead">{t('refunds.intro')}</p>
      {refunds.length === 0 ? <p>{t('refunds.none')}</p> : null}
      {refunds.map((r) => {
        const error = actionData?.refundId === r.id ? actionData.error : null
        const heading = `refund-${r.id}-title`
        return (
          <section key={r.id} id={`refund-${r.id}`} className="section card" aria-labelledby={heading}>
            <h2 id={heading}>{`${r.code} – ${t(`refunds.origin.${r.origin}`)}`}</h2>
            <SummaryRows
              rows={[
                { label: t('refunds.status'), value: <strong>{t(`refunds.state.${r.status}`)}</strong> },
                { label: t('pay.for'), value: r.description[lng] },
                {
                  label: t('refunds.paid'),
                  value: `${formatMoney(r.paid_amount, lng)} · ${t(`method.${r.provider}`)}${r.transaction_id ? ` · ${r.transaction_id}` : ''}`,
                },
                r.status !== 'proposed'
                  ? { label: t('refunds.amount'), value: formatMoney(r.amount, lng) }
                  : null,
                r.requester
                  ? {
                      label: t('refunds.requestedBy'),
                      value: `${r.requester}, ${r.requested_at ? formatDateTime(r.requested_at, lng) : ''} — ${r.reason ?? ''}`,
                    }
                  : null,
                r.decider
                  ? {
                      label: t('refunds.decidedBy'),
                      value: `${r.decider}, ${r.decided_at ? formatDateTime(r.decided_at, lng) : ''}${r.decision_note ? ` — ${r.decision_note}` : ''}`,
                    }
                  : null,
              ]}
            />
            {error ? (
              <p className="notice notice--warning" role="alert">
                {t(error)}
              </p>
            ) : null}
            {r.status === 'proposed' ? (
              <Form method="post">
                <input type="hidden" name="refundId" value={r.id} />
                <Field
                  id={`amount-${r.id}`}
                  name="amount"
                  label={t('refunds.amountLabel')}
                  hint={t('refunds.amountHint', { amount: formatMoney(r.amount, lng) })}
                  className="input--12ch"
                  inputMode="numeric"
                  defaultValue={String(r.amount)}
                  required
                />
                <TextArea id={`reason-${r.id}`} name="reason" label={t('refunds.reason')} rows={2} required />
                <button type="submit" name="intent" value="request" className="button" disabled={busy}>
                  {t('refunds.request')}
                </button>
              </Form>
            ) : r.status === 'requested' && r.requested_by === me ? (
              <p className="notice">{t('refunds.awaitingOther')}</p>
            ) : r.status === 'requested' ? (
              <Form method="post">
                <input type="hidden" name="refundId" value={r.id} />
                <TextArea
                  id={`note-${r.id}`}
                  name="note"
                  label={t('refunds.note')}
                  hint={t('refunds.noteHint')}
                  rows={2}
                />
                <div className="button-row">
                  <button type="submit" name="intent" value="approve" className="button" disabled={busy}>
                    {t('refunds.approve', { amount: formatMoney(r.amount, lng) })}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="reject"
                    className="button button--secondary"
                    disabled={busy}
                  >
                    {t('refunds.reject')}
                  </button>
                </div>
              </Form>
            ) : r.status === 'failed' || r.status === 'rejected' ? (
              <Form method="post">
                <input type="hidden" name="refundId" value={r.id} />
                <button
                  type="submit"
                  name="intent"
                  value="reopen"
                  className="button button--secondary"
                  disabled={busy}
                >
                  {t('refunds.reopen')}
                </button>
              </Form>
            ) : null}
          </section>
        )
      })}
    </>
  )
}
