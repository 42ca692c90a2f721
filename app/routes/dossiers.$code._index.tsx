import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Answers } from '../components/answers'
import { DateMove, DossierDocuments, DossierResult, SupplementAsked } from '../components/dossier-progress'
import { Radios, SummaryRows, TextArea } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { loadHolidays } from '../modules/calendar/holidays.server'
import { workingDaysLeft } from '../modules/calendar/working-days'
import { rateDossier } from '../modules/dossiers/citizen-actions.server'
import { TransitionNotAllowedError } from '../modules/dossiers/errors'
import { citizenActionPaths } from '../modules/dossiers/citizen-paths'
import { holderOf } from '../modules/dossiers/progress'
import { getForApplicant } from '../modules/dossiers/queries.server'
import { requireUser } from '../utils/auth.server'
import { formatDate, formatDateTime, formatMoney } from '../utils/format'
import { notFound, rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'
import { parseForm } from '../utils/validation'
import { rateSchema } from '../modules/dossiers/citizen-forms.server'

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args)
  const dossier = await getForApplicant(args.context.db, args.params.code ?? '', user.id)
  if (!dossier) throw notFound()
  const now = new Date()
  const year = now.getUTCFullYear()
  const [{ t }, holidays] = await Promise.all([
    getT(args.request, ['dossier', 'common']),
    dossier.due_at ? loadHolidays(args.context.db, year - 1, year + 2) : Promise.resolve(new Set<string>()),
  ])
  return {
    title: t('detail.title', { code: dossier.code }),
    titleSuffix: t('common:meta.titleSuffix'),
    dossier: { ...dossier, form_data: dossier.form_data },
    // A paused clock does not count down: the page says since when it is paused instead.
    daysLeft:
      dossier.due_at && !dossier.completed_at && !dossier.paused_since
        ? workingDaysLeft(now, dossier.due_at, holidays)
        : null,
  }
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args)
  const parsed = parseForm(rateSchema(), await args.request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
  try {
    await rateDossier(args.context.db, {
      code: args.params.code ?? '',
      applicantId: user.id,
      score: Number(parsed.data.score),
      comment: parsed.data.comment || null,
    })
  } catch (error) {
    if (error instanceof TransitionNotAllowedError)
      return data({ errors: { score: 'dossier:errors.conflict' } }, { status: 409 })
    rethrowAsHttp(error)
  }
  return redirect(`/dossiers/${args.params.code}#rating`)
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function DossierPage() {
  const { t, i18n } = useTranslation('dossier')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { dossier: d, daysLeft } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const dueFee = d.fees.find((f) => f.status === 'due' && f.kind !== 'counter')
  const holder = holderOf(d.status)
  const docName = (key: string) => d.documents.find((doc) => doc.key === key)?.name[lng] ?? key
  return (
    <>
      <p className="caption">{lng === 'en' ? d.name_en : d.name_vi}</p>
      <h1>{t('detail.title', { code: d.code })}</h1>
      {d.status === 'awaiting_payment' && dueFee ? (
        <div className="notice notice--warning" role="status">
          <p>{t('detail.paymentAwaited', { amount: formatMoney(dueFee.amount, lng) })}</p>
          <p>
            <a className="button" href={`/dossiers/${d.code}/pay`}>
              {t('detail.payNow')}
            </a>
          </p>
        </div>
      ) : null}
      <SummaryRows
        rows={[
          {
            label: t('detail.status'),
            value: <span className={`status status--${d.status}`}>{t(`status.${d.status}`)}</span>,
          },
          { label: t('detail.currentStep'), value: t(`detail.step.${d.status}`) },
          { label: t('detail.holder'), value: t(`detail.holderRole.${holder}`) },
          { label: t('detail.agency'), value: lng === 'en' ? d.agency_en : d.agency_vi },
          {
            label: t('detail.submittedAt'),
            value: d.submitted_at ? formatDateTime(d.submitted_at, lng) : '—',
          },
          {
            label: t('detail.dueAt'),
            value: d.due_at
              ? `${formatDate(d.due_at, lng)}${
                  d.paused_since
                    ? ` (${t('detail.pausedSince', { since: formatDateTime(d.paused_since, lng) })})`
                    : daysLeft !== null
                      ? ` (${daysLeft < 0 ? t('detail.overdue') : t('detail.workingDaysLeft', { count: daysLeft })})`
                      : ''
                }`
              : t('detail.dueNotYet', { days: t('catalogue:processingDays', { count: d.processing_days }) }),
          },
          ...(d.status === 'completed' && d.completed_at
            ? [{ label: t('detail.returnedAt'), value: formatDateTime(d.completed_at, lng) }]
            : []),
        ]}
      />

      {d.actions.includes('withdraw') ? (
        <p>
          <a className="button button--secondary" href={citizenActionPaths.withdraw(d)}>
            {t('withdraw.title')}
          </a>
        </p>
      ) : null}
      {d.status === 'supplement_requested' && d.supplement ? (
        <SupplementAsked
          supplement={d.supplement}
          agency={lng === 'en' ? d.agency_en : d.agency_vi}
          answerHref={d.actions.includes('supplement') ? citizenActionPaths.supplement(d) : null}
        />
      ) : null}

      {d.result || d.status === 'result_ready' || d.status === 'completed' ? (
        <DossierResult code={d.code ?? ''} result={d.result} delivery={d.delivery} />
      ) : null}

      <section className="section" aria-labelledby="timeline">
        <h2 id="timeline">{t('detail.timeline')}</h2>
        <ol className="timeline">
          {d.events.map((e) => (
            <li key={e.id}>
              <span className="timeline__when">{formatDateTime(e.at, lng)}</span>{' '}
              <strong>{t(`event.${e.action}`, { defaultValue: e.action })}</strong>
              {e.to_status && e.to_status !== e.from_status ? ` — ${t(`status.${e.to_status}`)}` : ''}
              {e.reason ? <div className="timeline__reason">{e.reason}</div> : null}
              {e.dateMove ? <DateMove move={e.dateMove} /> : null}
            </li>
          ))}
        </ol>
      </section>

      <section className="section" aria-labelledby="messages">
        <h2 id="messages">{t('detail.messages')}</h2>
        {d.messages.length === 0 ? (
          <p>{t('detail.noMessages')}</p>
        ) : (
          <ul className="messages">
            {d.messages.map((m) => (
              <li key={m.id}>
                <span className="timeline__when">{formatDateTime(m.created_at, lng)}</span>
                <p className="pre-line">{m.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {d.fees.length > 0 ? (
        <section className="section" aria-labelledby="fees">
          <h2 id="fees">{t('detail.fees')}</h2>
          <ul>
            {d.fees.map((f) => (
              <li key={f.id}>
                {`${f.description[lng]}: ${formatMoney(f.amount, lng)} — ${t(`detail.feeStatus.${f.status}`)}`}
                {f.receipt_id ? (
                  <>
                    {' · '}
                    <a href={`/receipts/${f.receipt_id}`}>{t('detail.receipt')}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="section" aria-labelledby="documents">
        <h2 id="documents">{t('detail.documents')}</h2>
        <DossierDocuments code={d.code ?? ''} files={d.files} nameOf={docName} />
      </section>

      <section className="section" aria-labelledby="answers">
        <h2 id="answers">{t('detail.answers')}</h2>
        <Answers form={d.form} formData={d.form_data} />
      </section>

      {d.status === 'completed' ? (
        <section className="section" aria-labelledby="rating" id="rating">
          <h2 id="rating-title">{t('rating.title')}</h2>
          {d.rating ? (
            <p role="status">{t('rating.thanks', { score: t(`rating.score.${d.rating.score}`) })}</p>
          ) : null}
          <Form method="post">
            <Radios
              id="score"
              name="score"
              legend={t('rating.legend')}
              error={actionData?.errors?.score}
              options={(['5', '4', '3', '2', '1'] as const).map((s) => ({
                value: s,
                label: t(`rating.score.${s}`),
              }))}
              defaultValue={d.rating ? String(d.rating.score) : undefined}
            />
            <TextArea
              id="comment"
              name="comment"
              label={t('rating.comment')}
              rows={3}
              defaultValue={d.rating?.comment ?? ''}
            />
            <button type="submit" className="button">
              {t('rating.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
