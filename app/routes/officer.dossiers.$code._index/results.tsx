import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, TextArea } from '../../components/forms'
import { SummaryRows } from '../../components/fields/summary-rows'
import { translateMessage } from '../../modules/forms/names'
import { resultFieldName } from '../../modules/results/names'
import { formatDateTime, formatSize } from '../../utils/format'
import type { ActionFeedback, loader, OfficerPageData } from './route'

const inputId = (intent: string, name: string) => `${intent}-${name.replace(/[^\w-]/g, '-')}`

/** Inside the propose form: the result template's fields (when the procedure has a template). */
export function ResultTemplateFields({ feedback }: { feedback: ActionFeedback | undefined }) {
  const { t, i18n } = useTranslation('results')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { results } = useLoaderData<typeof loader>()
  if (results.kind !== 'template') return null
  const mine = feedback?.intent === 'propose' ? feedback : undefined
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend">{t('template.register', { register: results.register })}</legend>
      <p>{t('template.intro')}</p>
      {results.fields.map((f) => {
        const name = resultFieldName(f.key)
        const props = {
          id: inputId('propose', name),
          name,
          label: f.label[lng],
          error: mine?.errors[name],
          defaultValue: mine?.values[name],
          hint: f.required ? undefined : t('officer:optional'),
        }
        return f.type === 'textarea' ? (
          <TextArea key={f.key} {...props} className="textarea--short" rows={3} />
        ) : (
          <Field key={f.key} {...props} type={f.type === 'date' ? 'date' : 'text'} className="input--20ch" />
        )
      })}
    </fieldset>
  )
}

/** Inside the approve form: the draft the approver is asked to sign, opened before deciding. */
export function DraftToApprove({ d }: { d: OfficerPageData }) {
  const { t } = useTranslation('results')
  const { results } = useLoaderData<typeof loader>()
  const draft = results.drafts.find((x) => x.status === 'proposed')
  return (
    <>
      {draft ? (
        <p>
          {`${t('drafts.toApprove')} `}
          <a href={`/officer/dossiers/${d.code}/drafts/${draft.id}`} target="_blank" rel="noreferrer">
            {t('drafts.open', { seq: draft.seq })}
          </a>
        </p>
      ) : null}
      <p>{t('drafts.approveSigns')}</p>
    </>
  )
}

/** The result's section: the drafts' history, the issued results, and revoking or correcting one. */
export function ResultSection({ d, feedback }: { d: OfficerPageData; feedback: ActionFeedback | undefined }) {
  const { t, i18n } = useTranslation('results')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { results } = useLoaderData<typeof loader>()
  if (!results.drafts.length && !results.results.length) return null
  return (
    <section className="section" aria-labelledby="results">
      <h2 id="results">{t('section')}</h2>
      {results.results.length ? (
        <>
          <h3>{t('issued.title')}</h3>
          {results.results.map((r) => (
            <div key={r.id} className="result">
              <p className={`notice ${r.valid ? 'notice--success' : 'notice--warning'}`}>
                {r.valid ? t('issued.valid') : t('issued.revoked', { reason: r.revoke_reason })}
              </p>
              <SummaryRows
                rows={[
                  { label: t('issued.number'), value: r.number_text },
                  { label: t('issued.signedBy'), value: r.signer_name },
                  { label: t('issued.signedAt'), value: formatDateTime(r.signed_at, lng) },
                  { label: t('issued.format'), value: r.signature_format },
                  { label: t('issued.hash'), value: r.sha256, valueClassName: 'receipt__hash' },
                  !!r.replaces_number && {
                    label: t('verify.replaces'),
                    value: r.replaces_number,
                  },
                  !!r.replaced_by_number && {
                    label: t('verify.replacedBy'),
                    value: r.replaced_by_number,
                  },
                ]}
              />
              <p>
                {r.file_id ? (
                  <>
                    <a href={`/officer/dossiers/${d.code}/files/${r.file_id}`}>
                      {`${t('issued.download')} (${formatSize(r.size, lng)})`}
                    </a>
                    {' · '}
                  </>
                ) : null}
                <a href={`/verify/${r.id}`}>{t('issued.verify')}</a>
              </p>
              {results.mayRevoke && r.valid ? (
                <RevokeForms d={d} resultId={r.id} feedback={feedback} />
              ) : null}
            </div>
          ))}
        </>
      ) : null}
      <h3>{t('drafts.title')}</h3>
      <ul className="plain-list">
        {results.drafts.map((x) => (
          <li key={x.id}>
            <a href={`/officer/dossiers/${d.code}/drafts/${x.id}`}>{t('drafts.open', { seq: x.seq })}</a>
            {` — ${t('drafts.row', { seq: x.seq, author: x.author, at: formatDateTime(x.created_at, lng) })}; ${t(`drafts.status.${x.status}`)}`}
            {x.returned_reason ? ` — ${t('drafts.returnedBecause', { reason: x.returned_reason })}` : ''}
          </li>
        ))}
      </ul>
    </section>
  )
}

function RevokeForms({
  d,
  resultId,
  feedback,
}: {
  d: OfficerPageData
  resultId: string
  feedback: ActionFeedback | undefined
}) {
  const { t, i18n } = useTranslation('results')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { results } = useLoaderData<typeof loader>()
  const current = results.results.find((r) => r.id === resultId)
  const forms = [
    { intent: 'revoke_result', key: 'revoke' },
    ...(results.kind === 'template' ? [{ intent: 'correct_result', key: 'correct' }] : []),
  ]
  return (
    <>
      {forms.map(({ intent, key }) => {
        const mine = feedback?.intent === intent ? feedback : undefined
        const titleId = `action-${intent}`
        return (
          <section key={intent} className="action" aria-labelledby={titleId}>
            <h3 id={titleId}>{t(`${key}.title`)}</h3>
            <p>{t(`${key}.intro`)}</p>
            <Form method="post" className="action-form" noValidate>
              <input type="hidden" name="intent" value={intent} />
              <input type="hidden" name="version" value={d.version} />
              <input type="hidden" name="resultId" value={resultId} />
              {mine?.errors.form ? (
                <p className="field__error">{translateMessage(t, mine.errors.form)}</p>
              ) : null}
              <TextArea
                id={inputId(intent, 'reason')}
                name="reason"
                label={t(`${key}.reason`)}
                error={mine?.errors.reason}
                defaultValue={mine?.values.reason}
                className="textarea--short"
                rows={3}
              />
              {intent === 'correct_result'
                ? results.fields.map((f) => {
                    const name = resultFieldName(f.key)
                    const props = {
                      id: inputId(intent, name),
                      name,
                      label: f.label[lng],
                      error: mine?.errors[name],
                      defaultValue: mine?.values[name] ?? (current?.fields as Record<string, string>)[f.key],
                    }
                    return f.type === 'textarea' ? (
                      <TextArea key={f.key} {...props} className="textarea--short" rows={3} />
                    ) : (
                      <Field
                        key={f.key}
                        {...props}
                        type={f.type === 'date' ? 'date' : 'text'}
                        className="input--20ch"
                      />
                    )
                  })
                : null}
              <button type="submit" className="button button--warning">
                {t(`${key}.submit`)}
              </button>
            </Form>
          </section>
        )
      })}
    </>
  )
}
