import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Radios, SummaryRows, TextArea } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { FinanceError } from '../modules/finance/errors'
import {
  approveResolution,
  exceptionItem,
  rejectResolution,
  reopenException,
  resolveException,
} from '../modules/finance/exceptions.server'
import { exceptionSources, receiptOfFee } from '../modules/finance/pages.server'
import { resolutionFormSchema } from '../modules/finance/resolution-form'
import { requireArea } from '../utils/auth.server'
import { formatDate, formatDateTime, formatMoney } from '../utils/format'
import { httpStatusOf, notFound, rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** One exception: what it is, where its money is, its resolutions (four eyes for money) and its audit trail. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'finance')
  const id = args.params.id ?? ''
  if (!uuid.test(id)) throw notFound()
  const { db } = args.context
  try {
    const [{ t }, found] = await Promise.all([
      getT(args.request, ['finance', 'common']),
      exceptionItem(db, user, id),
    ])
    const [receipt, sources] = await Promise.all([
      receiptOfFee(db, user, found.item.fee_id),
      exceptionSources(db, {
        attemptId: found.item.payment_attempt_id,
        lineId: found.item.settlement_line_id,
      }),
    ])
    return {
      title: t('pages.exception.title', { cls: t(`classes.${found.item.class}`) }),
      titleSuffix: t('common:meta.titleSuffix'),
      ...found,
      receipt,
      ...sources,
      me: user.id,
    }
  } catch (error) {
    rethrowAsHttp(error)
  }
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireArea(args, 'finance')
  const itemId = args.params.id ?? ''
  if (!uuid.test(itemId)) throw notFound()
  const { db } = args.context
  // The scope before the body: another agency's exception is the 404 page whatever was sent.
  await exceptionItem(db, user, itemId).catch(rethrowAsHttp)
  const parsed = resolutionFormSchema.safeParse(Object.fromEntries(await args.request.formData()))
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'intent')] ??= issue.message
    return data({ errors, error: null as string | null }, { status: 422 })
  }
  const form = parsed.data
  try {
    if (form.intent === 'resolve')
      await resolveException(db, user, { itemId, kind: form.kind, reason: form.reason })
    if (form.intent === 'approve') await approveResolution(db, user, { itemId, note: form.note })
    if (form.intent === 'reject') await rejectResolution(db, user, { itemId, reason: form.reason })
    if (form.intent === 'reopen') await reopenException(db, user, { itemId, reason: form.reason })
  } catch (error) {
    // Not found is the 404 page; four eyes (403) and a state that no longer fits (409) are shown on the page.
    const status = httpStatusOf(error)
    if (error instanceof FinanceError && status !== null && status !== 404)
      return data({ errors: {} as Record<string, string>, error: error.key }, { status })
    rethrowAsHttp(error)
  }
  return redirect(`/finance/reconciliation/exceptions/${itemId}?done=${form.intent}`)
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function ExceptionPage() {
  const { t, i18n } = useTranslation('finance')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { item, audit, resolutions, receipt, attempt, line, me } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const money = (n: number | string | null) => (n === null ? '—' : formatMoney(Number(n), lng))
  const awaiting = item.status === 'open' && !!item.requested_by
  const errors = outcome?.errors ?? {}
  return (
    <>
      <nav aria-label={t('pages.breadcrumb')} className="breadcrumb">
        <a href="/finance">{t('pages.home')}</a>{' '}
        <a href="/finance/reconciliation/exceptions">{t('pages.exceptions.title')}</a>
      </nav>
      <h1>{t('pages.exception.title', { cls: t(`classes.${item.class}`) })}</h1>
      {outcome?.error ? (
        <p className="notice notice--warning" role="alert">
          {t(outcome.error)}
        </p>
      ) : null}
      <ErrorSummary
        errors={errors}
        labels={{ kind: t('pages.exception.kind'), reason: t('pages.exception.reason') }}
        idOf={(name) => (name === 'kind' ? 'kind' : 'reason')}
      />
      <SummaryRows
        rows={[
          {
            label: t('pages.exceptions.status'),
            value: <strong>{t(`pages.status.${awaiting ? 'awaiting_approval' : item.status}`)}</strong>,
          },
          { label: t('pages.exceptions.agency'), value: item.agency_code ?? t('pages.exceptions.noAgency') },
          {
            label: t('pages.exceptions.provider'),
            value: t(`providers.${item.provider}`, { defaultValue: item.provider }),
          },
          { label: t('pages.exceptions.day'), value: formatDate(item.business_day, lng) },
          item.corrects_day
            ? {
                label: t('pages.exception.bookedOn'),
                value: (
                  <>
                    <Link
                      to={`/finance/reconciliation/days/${item.finance_day}?agency=${item.agency_code ?? ''}`}
                    >
                      {formatDate(item.finance_day, lng)}
                    </Link>{' '}
                    {t('pages.exception.corrects')}{' '}
                    <Link
                      to={`/finance/reconciliation/days/${item.corrects_day}?agency=${item.agency_code ?? ''}`}
                    >
                      {formatDate(item.corrects_day, lng)}
                    </Link>
                  </>
                ),
              }
            : null,
          { label: t('pages.exceptions.portal'), value: money(item.portal_amount) },
          { label: t('pages.exceptions.gateway'), value: money(item.gateway_amount) },
          {
            label: t('pages.exceptions.dossier'),
            value: (
              <>
                {item.dossier_code ?? '—'}
                {receipt ? (
                  <>
                    {' · '}
                    <a href={`/receipts/${receipt.id}`}>
                      {t('pages.exception.receipt', { number: receipt.number })}
                    </a>
                  </>
                ) : null}
              </>
            ),
          },
          { label: t('pages.exception.subject'), value: <code>{item.subject}</code> },
        ]}
      />

      <section className="section" aria-labelledby="attempt">
        <h2 id="attempt">{t('pages.exception.attemptTitle')}</h2>
        {attempt ? (
          <SummaryRows
            rows={[
              { label: t('pages.exception.attemptId'), value: <code>{attempt.id}</code> },
              {
                label: t('pages.exception.attemptStatus'),
                value: t(`pages.attemptStatus.${attempt.status}`, { defaultValue: attempt.status }),
              },
              { label: t('pages.exceptions.portal'), value: money(attempt.amount) },
              { label: t('pages.exception.transaction'), value: attempt.transaction_id ?? '—' },
              { label: t('pages.exception.createdAt'), value: formatDateTime(attempt.created_at, lng) },
            ]}
          />
        ) : (
          <p>{t('pages.exception.noAttempt')}</p>
        )}
      </section>

      <section className="section" aria-labelledby="line">
        <h2 id="line">{t('pages.exception.lineTitle')}</h2>
        {line ? (
          <SummaryRows
            rows={[
              { label: t('pages.exception.lineId'), value: <code>{line.line_id}</code> },
              {
                label: t('pages.exception.lineSource'),
                value: line.file_name ?? t(`pages.source.${line.source}`),
              },
              { label: t('pages.exception.gross'), value: money(line.gross) },
              { label: t('figures.gatewayFees'), value: money(line.fee) },
              { label: t('pages.exception.net'), value: money(line.net) },
              { label: t('pages.exception.settledAt'), value: formatDateTime(line.settled_at, lng) },
              { label: t('pages.exception.transaction'), value: line.transaction_id ?? '—' },
            ]}
          />
        ) : (
          <p>{t('pages.exception.noLine')}</p>
        )}
      </section>

      <section className="section" aria-labelledby="resolve">
        <h2 id="resolve">{t('pages.exception.resolveTitle')}</h2>
        {item.status === 'resolved' ? (
          <>
            <p>
              {t('pages.exception.resolvedAs', {
                kind: t(`resolutions.${item.resolution_kind}`),
                reason: item.reason,
              })}
            </p>
            <Form method="post">
              <TextArea
                id="reason"
                name="reason"
                label={t('pages.exception.reopenReason')}
                rows={2}
                required
              />
              <button
                type="submit"
                name="intent"
                value="reopen"
                className="button button--secondary"
                disabled={busy}
              >
                {t('pages.exception.reopen')}
              </button>
            </Form>
          </>
        ) : awaiting ? (
          <>
            <p>
              {t('pages.exception.requested', {
                name: item.requested_by_name,
                kind: t(`resolutions.${item.resolution_kind}`),
                reason: item.reason,
              })}
            </p>
            {item.requested_by === me ? (
              <p className="notice">{t('pages.exception.awaitingOther')}</p>
            ) : (
              <Form method="post">
                <TextArea id="note" name="note" label={t('pages.exception.note')} rows={2} />
                <button type="submit" name="intent" value="approve" className="button" disabled={busy}>
                  {t('pages.exception.approve')}
                </button>
              </Form>
            )}
            <Form method="post">
              <TextArea
                id="reason"
                name="reason"
                label={t('pages.exception.rejectReason')}
                rows={2}
                required
              />
              <button
                type="submit"
                name="intent"
                value="reject"
                className="button button--secondary"
                disabled={busy}
              >
                {item.requested_by === me ? t('pages.exception.withdraw') : t('pages.exception.reject')}
              </button>
            </Form>
          </>
        ) : (
          <Form method="post">
            <Radios
              id="kind"
              name="kind"
              legend={t('pages.exception.kind')}
              hint={t('pages.exception.kindHint')}
              error={errors.kind}
              options={resolutions.map((k) => ({ value: k, label: t(`resolutions.${k}`) }))}
            />
            <TextArea
              id="reason"
              name="reason"
              label={t('pages.exception.reason')}
              error={errors.reason}
              rows={3}
              required
            />
            <button type="submit" name="intent" value="resolve" className="button" disabled={busy}>
              {t('pages.exception.submit')}
            </button>
          </Form>
        )}
      </section>

      <section className="section" aria-labelledby="audit">
        <h2 id="audit">{t('pages.exception.auditTitle')}</h2>
        {audit.length === 0 ? (
          <p>{t('pages.exception.noAudit')}</p>
        ) : (
          <ol className="timeline">
            {audit.map((a) => (
              <li key={a.id}>
                {t('pages.exception.auditLine', {
                  at: formatDateTime(a.at, lng),
                  name: a.actor_name,
                  action: t(`pages.auditAction.${a.action}`),
                  kind: a.resolution_kind ? t(`resolutions.${a.resolution_kind}`) : '—',
                  reason: a.reason,
                })}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  )
}
