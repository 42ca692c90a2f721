import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { translateMessage } from '../../modules/forms/build-schema'
import { itemReasonName, RESULT_KEY, resultRule } from '../../modules/officer/action-forms'
import { formatDate, formatMoney } from '../../utils/format'
import { acceptText, sizeText } from '../../utils/upload-errors'
import type { ActionFeedback, OfficerPageData } from './route'

type Lng = 'vi' | 'en'

/** A unique element id for an input of one action's form (several forms on the page have a `reason`). */
const inputId = (intent: string, name: string) => `${intent}-${name.replace(/[^\w-]/g, '-')}`

interface FormProps {
  d: OfficerPageData
  intent: string
  feedback: ActionFeedback | undefined
}

/** The id, error and posted value of one input of one action's form. */
function fieldState({ intent, feedback }: Omit<FormProps, 'd'>, name: string) {
  const mine = feedback?.intent === intent ? feedback : undefined
  const id = inputId(intent, name)
  const error = mine?.errors[name]
  return {
    id,
    error,
    value: mine?.values[name],
    describedBy: [error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined,
  }
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation('officer')
  if (!error) return null
  return (
    <p id={`${id}-error`} className="field__error">
      <span className="visually-hidden">{t('common:form.errorPrefix')} </span>
      {translateMessage(t, error)}
    </p>
  )
}

function TextArea(props: Omit<FormProps, 'd'> & { name: string; label: string; hint?: string }) {
  const f = fieldState(props, props.name)
  const hintId = props.hint ? `${f.id}-hint` : undefined
  return (
    <div className={`field${f.error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={f.id}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={hintId} className="field__hint">
          {props.hint}
        </div>
      ) : null}
      <FieldError id={f.id} error={f.error} />
      <textarea
        id={f.id}
        name={props.name}
        className="input textarea textarea--short"
        rows={3}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={[hintId, f.describedBy].filter(Boolean).join(' ') || undefined}
        defaultValue={f.value}
      />
    </div>
  )
}

function Input(
  props: Omit<FormProps, 'd'> & {
    name: string
    label: string
    hint?: string
    type?: string
    className?: string
    inputMode?: 'numeric'
  },
) {
  const f = fieldState(props, props.name)
  const hintId = props.hint ? `${f.id}-hint` : undefined
  return (
    <div className={`field${f.error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={f.id}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={hintId} className="field__hint">
          {props.hint}
        </div>
      ) : null}
      <FieldError id={f.id} error={f.error} />
      <input
        id={f.id}
        name={props.name}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        className={`input ${props.className ?? ''}`}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={[hintId, f.describedBy].filter(Boolean).join(' ') || undefined}
        defaultValue={props.type === 'file' ? undefined : f.value}
        accept={props.type === 'file' ? resultRule.accept.join(',') : undefined}
      />
    </div>
  )
}

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

function SupplementItems({ d, feedback }: { d: OfficerPageData; feedback: ActionFeedback | undefined }) {
  const { t, i18n } = useTranslation('officer')
  const lng: Lng = i18n.language === 'en' ? 'en' : 'vi'
  const intent = 'request_supplement'
  const mine = feedback?.intent === intent ? feedback : undefined
  const checked = new Set((mine?.values.items ?? '').split(' '))
  const itemsError = mine?.errors.items
  const item = (kind: 'document' | 'field', key: string, name: string) => {
    const value = `${kind}:${key}`
    const boxId = inputId(intent, `item-${kind}-${key}`)
    const reasonName = itemReasonName(kind, key)
    const reasonId = inputId(intent, reasonName)
    const error = mine?.errors[reasonName]
    return (
      <li key={value} className={`supplement-item${error ? ' field--error' : ''}`}>
        <div className="choice">
          <input id={boxId} type="checkbox" name="items" value={value} defaultChecked={checked.has(value)} />
          <label htmlFor={boxId}>{name}</label>
        </div>
        <div className="supplement-item__reason">
          <label className="field__label" htmlFor={reasonId}>
            {t('supplement.reason')}
            <span className="visually-hidden">{`: ${name}`}</span>
          </label>
          <FieldError id={reasonId} error={error} />
          <input
            id={reasonId}
            name={reasonName}
            className="input"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${reasonId}-error` : undefined}
            defaultValue={mine?.values[reasonName]}
          />
        </div>
      </li>
    )
  }
  return (
    <>
      <p className="field__hint">{t('supplement.hint')}</p>
      {itemsError ? (
        <p id={inputId(intent, 'items')} className="field__error" tabIndex={-1}>
          {translateMessage(t, itemsError)}
        </p>
      ) : null}
      <fieldset className="fieldset supplement-group">
        <legend className="fieldset__legend">{t('supplement.documents')}</legend>
        <ul className="plain-list">{d.documents.map((doc) => item('document', doc.key, doc.name[lng]))}</ul>
      </fieldset>
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
    </>
  )
}

function DeliveryChoice({ d, feedback }: { d: OfficerPageData; feedback: ActionFeedback | undefined }) {
  const { t } = useTranslation('officer')
  const intent = 'deliver'
  const f = fieldState({ intent, feedback }, 'method')
  const chosen = f.value ?? d.delivery_method ?? d.delivery_options[0]
  return (
    <fieldset className={`fieldset field${f.error ? ' field--error' : ''}`} aria-describedby={f.describedBy}>
      <legend className="fieldset__legend">{t('actions.deliver.method')}</legend>
      <FieldError id={f.id} error={f.error} />
      <div className="choices">
        {d.delivery_options.map((m) => (
          <div className="choice" key={m}>
            <input
              id={inputId(intent, `method-${m}`)}
              type="radio"
              name="method"
              value={m}
              defaultChecked={chosen === m}
            />
            <label htmlFor={inputId(intent, `method-${m}`)}>
              {t(`delivery.${m}`)}
              {m === d.delivery_method ? ` (${t('actions.deliver.chosenByApplicant')})` : ''}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  )
}

/** Only the actions this officer may take on this dossier now (the server checks again). */
export function ActionPanel({ d, feedback }: { d: OfficerPageData; feedback: ActionFeedback | undefined }) {
  const { t, i18n } = useTranslation('officer')
  const lng: Lng = i18n.language === 'en' ? 'en' : 'vi'
  const errors = feedback && !feedback.conflict ? Object.entries(feedback.errors) : []
  const dueFees = d.fees.filter((f) => f.status === 'due')
  const draftResult = [...d.files].reverse().find((f) => f.requirement_key === RESULT_KEY)
  const p = (intent: string) => ({ d, intent, feedback })
  return (
    <section className="section" aria-labelledby="actions">
      <h2 id="actions">{t('actions.title')}</h2>
      {errors.length && feedback?.intent !== 'message' && feedback?.intent !== 'note' ? (
        <div className="error-summary" role="alert" aria-labelledby="action-errors-title">
          <h3 id="action-errors-title" className="error-summary__title">
            {t('common:form.errorSummaryTitle')}
          </h3>
          <ul className="error-summary__list">
            {errors.map(([field, message]) => (
              <li key={field}>
                <a href={`#${inputId(feedback!.intent, field)}`}>{translateMessage(t, message)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.actions.length === 0 ? <p>{t('actions.none')}</p> : null}
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
                <TextArea {...p(action)} name="reason" label={t(`actions.${action}.reason`)} />
              </ActionForm>
            )
          case 'request_supplement':
            return (
              <ActionForm key={action} {...p(action)}>
                <SupplementItems d={d} feedback={feedback} />
              </ActionForm>
            )
          case 'assign': {
            const f = fieldState({ intent: action, feedback }, 'assigneeId')
            return (
              <ActionForm key={action} {...p(action)}>
                <div className={`field${f.error ? ' field--error' : ''}`}>
                  <label className="field__label" htmlFor={f.id}>
                    {t('actions.assign.specialist')}
                  </label>
                  <FieldError id={f.id} error={f.error} />
                  <select
                    id={f.id}
                    name="assigneeId"
                    className="input select"
                    defaultValue={f.value ?? (d.specialists.length === 1 ? d.specialists[0].id : '')}
                    aria-invalid={f.error ? true : undefined}
                    aria-describedby={f.error ? `${f.id}-error` : undefined}
                  >
                    <option value="">{t('actions.assign.choose')}</option>
                    {d.specialists.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.full_name}
                      </option>
                    ))}
                  </select>
                </div>
              </ActionForm>
            )
          }
          case 'assess_fee':
            return (
              <ActionForm key={action} {...p(action)}>
                <Input
                  {...p(action)}
                  name="amount"
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
                <Input
                  {...p(action)}
                  name={RESULT_KEY}
                  type="file"
                  label={t('actions.propose.file')}
                  hint={t('actions.propose.fileHint', {
                    types: acceptText(resultRule.accept),
                    size: sizeText(resultRule.maxBytes),
                  })}
                  className="input--file"
                />
                <TextArea {...p(action)} name="note" label={t('actions.propose.note')} hint={t('optional')} />
              </ActionForm>
            )
          case 'approve':
            return (
              <ActionForm key={action} {...p(action)}>
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
                <Input
                  {...p(action)}
                  name="newAppointmentAt"
                  type="date"
                  label={t('actions.apologise.date')}
                  hint={
                    d.due_at
                      ? t('actions.apologise.dateHint', { date: formatDate(d.due_at, lng) })
                      : undefined
                  }
                  className="input--12ch"
                />
                <TextArea {...p(action)} name="reason" label={t('actions.apologise.reason')} />
              </ActionForm>
            )
          default:
            return null
        }
      })}
    </section>
  )
}
