import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Choice, ErrorSummary, Field, Radios, Select, TextArea } from '../../components/forms'
import { translateMessage } from '../../modules/forms/names'
import { itemReasonName, RESULT_KEY, resultRule } from '../../modules/officer/action-forms'
import { formatDate, formatMoney, formatSize } from '../../utils/format'
import { acceptText } from '../../utils/upload-errors'
import { DraftToApprove, ResultTemplateFields } from './results'
import type { ActionFeedback, OfficerPageData } from './route'

type Lng = 'vi' | 'en'

/** A unique element id for an input of one action's form (several forms on the page have a `reason`). */
const inputId = (intent: string, name: string) => `${intent}-${name.replace(/[^\w-]/g, '-')}`

interface FormProps {
  d: OfficerPageData
  intent: string
  feedback: ActionFeedback | undefined
}

/** The kit's id, name, error and posted value for one input of one action's form. */
function fieldProps({ intent, feedback }: Omit<FormProps, 'd'>, name: string) {
  const mine = feedback?.intent === intent ? feedback : undefined
  return { id: inputId(intent, name), name, error: mine?.errors[name], defaultValue: mine?.values[name] }
}

/** The panel's text areas are short: several action forms share the page. */
const short = { className: 'textarea--short', rows: 3 }

/** One action: a heading, what it does, its inputs and its button; posts `intent` and the page's version. */
function ActionForm({
  d,
  intent,
  feedback,
  children,
  warning,
  multipart,
}: FormProps & { children?: ReactNode; warning?: boolean; multipart?: boolean }) {
  const { t } = useTranslation('officer')
  const titleId = `action-${intent}`
  return (
    <section className="action" aria-labelledby={titleId}>
      <h3 id={titleId}>{t(`actions.${intent}.title`)}</h3>
      <p>{t(`actions.${intent}.intro`)}</p>
      <Form
        method="post"
        encType={multipart ? 'multipart/form-data' : undefined}
        className="action-form"
        noValidate
      >
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="version" value={d.version} />
        {feedback?.intent === intent && feedback.errors.form ? (
          <p className="field__error">{translateMessage(t, feedback.errors.form)}</p>
        ) : null}
        {children}
        <button type="submit" className={`button${warning ? ' button--warning' : ''}`}>
          {t(`actions.${intent}.submit`)}
        </button>
      </Form>
    </section>
  )
}

/**
 * What to ask for. The documents the officers marked "needs supplement" come first, chosen, with their reasons
 * (dossier_file_checks); every other document and field of the form is folded away in a <details>, opened when
 * a posted choice among them needs its message.
 */
function SupplementItems({ d, feedback }: { d: OfficerPageData; feedback: ActionFeedback | undefined }) {
  const { t, i18n } = useTranslation('officer')
  const lng: Lng = i18n.language === 'en' ? 'en' : 'vi'
  const intent = 'request_supplement'
  const mine = feedback?.intent === intent ? feedback : undefined
  const checked = new Set((mine?.values.items ?? '').split(' ').filter(Boolean))
  const itemsError = mine?.errors.items
  const marks: Record<string, string> = d.supplementMarks
  const item = (kind: 'document' | 'field', key: string, name: string) => {
    const value = `${kind}:${key}`
    const reasonName = itemReasonName(kind, key)
    const mark = kind === 'document' ? marks[key] : undefined
    const f = fieldProps({ intent, feedback }, reasonName)
    return (
      <li key={value} className="supplement-item">
        <Choice
          id={inputId(intent, `item-${kind}-${key}`)}
          type="checkbox"
          name="items"
          value={value}
          label={name}
          defaultChecked={mine ? checked.has(value) : mark !== undefined}
        />
        <div className="supplement-item__reason">
          <Field
            {...f}
            defaultValue={f.defaultValue ?? mark}
            label={
              <>
                {t('supplement.reason')}
                <span className="visually-hidden">{`: ${name}`}</span>
              </>
            }
          />
        </div>
      </li>
    )
  }
  const marked = d.documents.filter((doc) => marks[doc.key] !== undefined)
  const others = d.documents.filter((doc) => marks[doc.key] === undefined)
  const folded = [
    ...others.map((doc) => `document:${doc.key}`),
    ...d.form.sections.flatMap((s) => s.fields.map((f) => `field:${f.key}`)),
  ]
  const openFolded =
    folded.some((v) => checked.has(v)) ||
    Object.keys(mine?.errors ?? {}).some((k) => folded.some((v) => k === `reason:${v}`))
  const foldedCount = folded.length
  return (
    <>
      <p className="field__hint">{t(marked.length ? 'supplement.hintMarked' : 'supplement.hintNoMarks')}</p>
      {itemsError ? (
        <p id={inputId(intent, 'items')} className="field__error" tabIndex={-1}>
          {translateMessage(t, itemsError)}
        </p>
      ) : null}
      {marked.length ? (
        <fieldset className="fieldset supplement-group">
          <legend className="fieldset__legend">{t('supplement.marked')}</legend>
          <ul className="plain-list">{marked.map((doc) => item('document', doc.key, doc.name[lng]))}</ul>
        </fieldset>
      ) : null}
      <details className="supplement-more" open={openFolded || undefined}>
        <summary>{t('supplement.more', { count: foldedCount })}</summary>
        {others.length ? (
          <fieldset className="fieldset supplement-group">
            <legend className="fieldset__legend">
              {t(marked.length ? 'supplement.otherDocuments' : 'supplement.documents')}
            </legend>
            <ul className="plain-list">{others.map((doc) => item('document', doc.key, doc.name[lng]))}</ul>
          </fieldset>
        ) : null}
        {d.form.sections.map((section) => (
          <fieldset className="fieldset supplement-group" key={section.key}>
            <legend className="fieldset__legend">
              {t('supplement.fields', { section: section.title[lng] })}
            </legend>
            <ul className="plain-list">
              {section.fields.map((field) => item('field', field.key, field.label[lng]))}
            </ul>
          </fieldset>
        ))}
      </details>
    </>
  )
}

/**
 * Returning the result: the method the applicant chose comes first and is chosen; reception prints the result
 * for the counter or the post (the result file opened in the browser's viewer), and by post records the postal
 * item number from Vietnam Post's receipt (the applicant sees it on their dossier page and in the lookup).
 */
function DeliveryChoice({ d, feedback }: { d: OfficerPageData; feedback: ActionFeedback | undefined }) {
  const { t } = useTranslation('officer')
  const intent = 'deliver'
  const f = fieldProps({ intent, feedback }, 'method')
  const chosen = f.defaultValue ?? d.delivery_method ?? d.delivery_options[0]
  const options = [...d.delivery_options].sort(
    (a, b) => Number(b === d.delivery_method) - Number(a === d.delivery_method),
  )
  const result = [...d.files].reverse().find((file) => file.requirement_key === RESULT_KEY)
  return (
    <>
      {result ? (
        <p>
          <a href={`/officer/dossiers/${d.code}/files/${result.id}?inline`} target="_blank" rel="noreferrer">
            {t('actions.deliver.print', { name: result.original_name })}
          </a>
        </p>
      ) : null}
      <Radios
        {...f}
        defaultValue={chosen}
        legend={t('actions.deliver.method')}
        options={options.map((m) => ({
          value: m,
          label: `${t(`delivery.${m}`)}${m === d.delivery_method ? ` (${t('actions.deliver.chosenByApplicant')})` : ''}`,
        }))}
      />
      {d.delivery_options.includes('post') ? (
        <Field
          {...fieldProps({ intent, feedback }, 'trackingNumber')}
          label={t('actions.deliver.trackingNumber')}
          hint={t('actions.deliver.trackingHint')}
          autoComplete="off"
          spellCheck={false}
          className="input--20ch"
        />
      ) : null}
    </>
  )
}

/** Only the actions this officer may take on this dossier now (the server checks again). */
export function ActionPanel({ d, feedback }: { d: OfficerPageData; feedback: ActionFeedback | undefined }) {
  const { t, i18n } = useTranslation('officer')
  const lng: Lng = i18n.language === 'en' ? 'en' : 'vi'
  const dueFees = d.fees.filter((f) => f.status === 'due')
  const draftResult = [...d.files].reverse().find((f) => f.requirement_key === RESULT_KEY)
  const p = (intent: string) => ({ d, intent, feedback })
  return (
    <section className="section" aria-labelledby="actions">
      <h2 id="actions">{t('actions.title')}</h2>
      {feedback && !feedback.conflict && feedback.intent !== 'message' && feedback.intent !== 'note' ? (
        <ErrorSummary
          errors={feedback.errors}
          idOf={(name) => inputId(feedback.intent, name)}
          headingLevel={3}
        />
      ) : null}
      {d.actions.length === 0 ? <p>{t(d.ownDossier ? 'actions.ownDossier' : 'actions.none')}</p> : null}
      {d.actions.map((action) => {
        switch (action) {
          case 'receive':
            return (
              <ActionForm key={action} {...p(action)}>
                {d.appointmentIfReceivedNow ? (
                  <p className="notice">
                    {t('actions.receive.appointment', {
                      date: formatDate(d.appointmentIfReceivedNow, lng),
                      days: d.processing_days,
                    })}
                  </p>
                ) : null}
              </ActionForm>
            )
          case 'refuse_intake':
          case 'refuse':
          case 'return_rework':
            return (
              <ActionForm key={action} {...p(action)} warning={action !== 'return_rework'}>
                <TextArea
                  {...fieldProps(p(action), 'reason')}
                  {...short}
                  label={t(`actions.${action}.reason`)}
                />
              </ActionForm>
            )
          case 'request_supplement':
            return (
              <ActionForm key={action} {...p(action)}>
                <SupplementItems d={d} feedback={feedback} />
              </ActionForm>
            )
          case 'assign': {
            const f = fieldProps(p(action), 'assigneeId')
            return (
              <ActionForm key={action} {...p(action)}>
                <Select
                  {...f}
                  className="select"
                  label={t('actions.assign.specialist')}
                  defaultValue={f.defaultValue ?? (d.specialists.length === 1 ? d.specialists[0].id : '')}
                >
                  <option value="">{t('actions.assign.choose')}</option>
                  {d.specialists.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.full_name}
                    </option>
                  ))}
                </Select>
              </ActionForm>
            )
          }
          case 'assess_fee':
            return (
              <ActionForm key={action} {...p(action)}>
                <Field
                  {...fieldProps(p(action), 'amount')}
                  label={t('actions.assess_fee.amount')}
                  hint={t('actions.assess_fee.hint')}
                  inputMode="numeric"
                  className="input--12ch"
                />
              </ActionForm>
            )
          case 'propose':
            return (
              <ActionForm key={action} {...p(action)} multipart>
                <Field
                  {...fieldProps(p(action), RESULT_KEY)}
                  defaultValue={undefined}
                  type="file"
                  accept={resultRule.accept.join(',')}
                  label={t('actions.propose.file')}
                  hint={t('actions.propose.fileHint', {
                    types: acceptText(resultRule.accept),
                    size: formatSize(resultRule.maxBytes, lng),
                  })}
                  className="input--file"
                />
                <ResultTemplateFields feedback={feedback} />
                <TextArea
                  {...fieldProps(p(action), 'note')}
                  {...short}
                  label={t('actions.propose.note')}
                  hint={t('optional')}
                />
              </ActionForm>
            )
          case 'approve':
            return (
              <ActionForm key={action} {...p(action)}>
                <DraftToApprove d={d} />
                {draftResult ? (
                  <p>
                    {`${t('actions.approve.draft')} `}
                    <a href={`/officer/dossiers/${d.code}/files/${draftResult.id}`}>
                      {draftResult.original_name}
                    </a>
                  </p>
                ) : null}
              </ActionForm>
            )
          case 'record_counter_payment':
            return (
              <ActionForm key={action} {...p(action)}>
                <ul className="plain-list">
                  {dueFees.map((f) => (
                    <li key={f.id}>{`${f.description[lng]}: ${formatMoney(f.amount, lng)}`}</li>
                  ))}
                </ul>
              </ActionForm>
            )
          case 'deliver':
            return (
              <ActionForm key={action} {...p(action)}>
                <DeliveryChoice d={d} feedback={feedback} />
              </ActionForm>
            )
          case 'apologise':
            return (
              <ActionForm key={action} {...p(action)}>
                <Field
                  {...fieldProps(p(action), 'newAppointmentAt')}
                  type="date"
                  label={t('actions.apologise.date')}
                  hint={
                    d.due_at
                      ? t('actions.apologise.dateHint', { date: formatDate(d.due_at, lng) })
                      : undefined
                  }
                  className="input--12ch"
                />
                <TextArea
                  {...fieldProps(p(action), 'reason')}
                  {...short}
                  label={t('actions.apologise.reason')}
                />
              </ActionForm>
            )
          default:
            return null
        }
      })}
    </section>
  )
}
