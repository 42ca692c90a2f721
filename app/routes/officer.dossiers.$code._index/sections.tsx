import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SummaryRows, TextArea } from '../../components/forms'
import { formatDate, formatDateTime, formatMoney } from '../../utils/format'
import type { ActionFeedback, OfficerPageData } from './route'

type Lng = 'vi' | 'en'
const useLng = (): Lng => (useTranslation().i18n.language === 'en' ? 'en' : 'vi')

/** Status, procedure, applicant, dates and the clock. */
export function DossierSummary({ d }: { d: OfficerPageData }) {
  const { t } = useTranslation(['officer', 'common'])
  const lng = useLng()
  return (
    <SummaryRows
      rows={[
        {
          label: t('summary.status'),
          value: <span className={`status status--${d.status}`}>{t(`status.${d.status}`)}</span>,
        },
        {
          label: t('summary.procedure'),
          value: `${lng === 'en' ? d.name_en : d.name_vi} (${d.procedure_code}) — ${t(`common:level.${d.level}`)}`,
        },
        { label: t('summary.agency'), value: lng === 'en' ? d.agency_en : d.agency_vi },
        {
          label: t('summary.applicant'),
          value: (
            <span className="applicant">
              <span>{d.applicant_name}</span>
              <span>{`${t('summary.phone')}: ${d.applicant_phone ?? '—'}`}</span>
              <span>{`${t('summary.email')}: ${d.applicant_email}`}</span>
              <span>{`${t('summary.citizenId')}: ${d.applicant_citizen_id ?? '—'}`}</span>
            </span>
          ),
        },
        {
          label: t('summary.identity'),
          value: d.identityVerifiedLevel ? (
            <strong className="tag tag--done">
              {t('summary.identityVerified', { level: d.identityVerifiedLevel })}
            </strong>
          ) : (
            t('summary.identityDeclared')
          ),
        },
        {
          label: t('summary.submittedAt'),
          value: d.submitted_at ? formatDateTime(d.submitted_at, lng) : '—',
        },
        d.receptionDeadline && {
          label: t('summary.receptionDeadline'),
          value: formatDateTime(d.receptionDeadline, lng),
        },
        { label: t('summary.receivedAt'), value: d.received_at ? formatDateTime(d.received_at, lng) : '—' },
        {
          label: t('summary.dueAt'),
          value: d.due_at
            ? `${formatDate(d.due_at, lng)}${
                d.daysLeft !== null
                  ? ` (${d.overdue || d.daysLeft < 0 ? t('summary.overdue') : t('summary.workingDaysLeft', { count: d.daysLeft })})`
                  : ''
              }`
            : t('summary.dueNotYet', { count: d.processing_days }),
        },
        d.paused_since && { label: t('summary.pausedSince'), value: formatDateTime(d.paused_since, lng) },
        { label: t('summary.assignee'), value: d.assignee_name ?? t('summary.unassigned') },
        {
          label: t('summary.delivery'),
          value: `${d.delivery_method ? t(`delivery.${d.delivery_method}`) : '—'}${
            d.delivery_address
              ? ` — ${[d.delivery_address.street, d.delivery_address.ward, d.delivery_address.district, d.delivery_address.province].filter(Boolean).join(', ')}`
              : ''
          }`,
        },
        {
          label: t('summary.fees'),
          value:
            d.fees.length === 0 ? (
              t('summary.noFees')
            ) : (
              <ul className="plain-list">
                {d.fees.map((f) => (
                  <li key={f.id}>
                    {`${f.description[lng]}: ${formatMoney(f.amount, lng)} — ${t(`feeStatus.${f.status}`)}`}
                    {f.paid_method ? ` (${t(`payments:method.${f.paid_method}`)})` : ''}
                    {f.receipt_id ? (
                      <>
                        {' · '}
                        <a href={`/receipts/${f.receipt_id}`}>{t('payments:receipt.title')}</a>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ),
        },
        d.completed_at && {
          label: t('summary.completedAt'),
          value: `${formatDateTime(d.completed_at, lng)}${d.timeliness ? ` — ${t(`timeliness.${d.timeliness}`)}` : ''}`,
        },
      ]}
    />
  )
}

/** Links to the printable forms this dossier's history allows. */
export function PrintLinks({ d }: { d: OfficerPageData }) {
  const { t } = useTranslation('officer')
  if (d.forms.length === 0) return null
  return (
    <section className="section" aria-labelledby="print-forms">
      <h2 id="print-forms">{t('print.title')}</h2>
      <ul className="link-list">
        {d.forms.map((f) => (
          <li key={f}>
            <a href={`/officer/dossiers/${d.code}/print/${f}`}>{t(`print.form.${f}`)}</a>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The whole audit trail, internal steps included, with who acted and as what. */
export function Timeline({ d }: { d: OfficerPageData }) {
  const { t } = useTranslation('officer')
  const lng = useLng()
  const date = (v: unknown) => (typeof v === 'string' || v instanceof Date ? formatDate(v, lng) : null)
  return (
    <section className="section" aria-labelledby="timeline">
      <h2 id="timeline">{t('timeline.title')}</h2>
      <ol className="timeline">
        {d.events.map((e) => {
          const details: string[] = []
          if (e.action === 'receive' && date(e.data.dueAt))
            details.push(t('timeline.appointment', { date: date(e.data.dueAt) }))
          if (e.action === 'apologise' && date(e.data.newAppointmentAt))
            details.push(t('timeline.newAppointment', { date: date(e.data.newAppointmentAt) }))
          if (e.assigneeName) details.push(t('timeline.assignee', { name: e.assigneeName }))
          if (typeof e.data.amount === 'number' && e.data.amount > 0)
            details.push(t('timeline.amount', { amount: formatMoney(e.data.amount, lng) }))
          if (typeof e.data.method === 'string')
            details.push(t(`delivery.${e.data.method}`, { defaultValue: e.data.method }))
          if (typeof e.data.trackingNumber === 'string')
            details.push(t('timeline.trackingNumber', { number: e.data.trackingNumber }))
          return (
            <li key={e.id}>
              <span className="timeline__when">{formatDateTime(e.at, lng)}</span>{' '}
              <strong>{t(`event.${e.action}`, { defaultValue: e.action })}</strong>
              {e.to_status && e.to_status !== e.from_status ? ` — ${t(`status.${e.to_status}`)}` : ''}
              {!e.citizen_visible ? (
                <>
                  {' '}
                  <span className="tag">{t('timeline.internal')}</span>
                </>
              ) : null}
              <div className="timeline__actor">
                {`${t(`roles.${e.actor_role}`, { defaultValue: e.actor_role })}${e.actor_name ? `: ${e.actor_name}` : ''}`}
              </div>
              {details.length ? <div>{details.join(' · ')}</div> : null}
              {e.items.length ? (
                <ul>
                  {e.items.map((i) => (
                    <li key={`${i.kind}:${i.key}`}>{`${i.name[lng]} — ${i.reason}`}</li>
                  ))}
                </ul>
              ) : null}
              {e.reason ? <div className="timeline__reason">{e.reason}</div> : null}
            </li>
          )
        })}
      </ol>
    </section>
  )
}

/** Messages to the applicant, or internal notes (staff only), each with its own form. */
export function Messages({
  d,
  feedback,
  kind,
}: {
  d: OfficerPageData
  feedback: ActionFeedback | undefined
  kind: 'message' | 'note'
}) {
  const { t } = useTranslation('officer')
  const lng = useLng()
  const list = kind === 'note' ? d.notes : d.messages
  const section = kind === 'note' ? 'notes' : 'messages'
  return (
    <section className="section" aria-labelledby={section}>
      <h2 id={section}>{t(`${section}.title`)}</h2>
      <p>{t(`${section}.intro`)}</p>
      {list.length === 0 ? (
        <p>{t(`${section}.none`)}</p>
      ) : (
        <ul className="messages">
          {list.map((m) => (
            <li key={m.id}>
              <span className="timeline__when">{`${formatDateTime(m.created_at, lng)} — ${m.author_name}`}</span>
              <p className="pre-line">{m.body}</p>
            </li>
          ))}
        </ul>
      )}
      {/* keyed by the count: a posted message empties the box (the form stays mounted with JavaScript) */}
      <Form key={list.length} method="post" className="action-form" noValidate>
        <input type="hidden" name="intent" value={kind} />
        <TextArea
          id={`${kind}-body`}
          name="body"
          label={t(`${section}.label`)}
          error={feedback?.intent === kind ? feedback.errors.body : undefined}
          rows={3}
          defaultValue={feedback?.intent === kind ? feedback.values.body : undefined}
        />
        <button type="submit" className="button button--secondary">
          {t(`${section}.submit`)}
        </button>
      </Form>
    </section>
  )
}
