import {
  useEffect,
  useRef,
  type InputHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react'
import { useTranslation } from 'react-i18next'
import { translateMessage } from '../modules/forms/build-schema'

/** Errors are translation keys ("validation:required"); they are translated only here, at the edge. */
export type FieldErrors = Partial<Record<string, string>>

export function fieldId(name: string) {
  return `f-${name}`
}

interface ErrorSummaryProps {
  errors: FieldErrors
  /** field order, so the summary lists problems in the order of the page */
  order: string[]
  labels: Record<string, string>
  /** a form-level message, already translated (e.g. wrong password, wait N seconds) */
  message?: string
  /** [actionData, submitCount]: when either changes (a new submit), focus moves to the summary again */
  focusKey?: [unknown, unknown]
}

/**
 * GOV.UK-style error summary: a titled list of links to the fields. It takes focus when it appears, so a
 * screen-reader user hears what went wrong; without JavaScript it is the first thing in the page.
 */
export function ErrorSummary({ errors, order, labels, message, focusKey }: ErrorSummaryProps) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  const names = order.filter((n) => errors[n])
  const any = names.length > 0 || !!message
  const [submitted, attempt] = focusKey ?? []
  useEffect(() => {
    if (any) ref.current?.focus()
  }, [any, message, submitted, attempt])
  if (!any) return null
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title" className="error-summary__title">
        {t('form.errorSummaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {message ? <li>{message}</li> : null}
        {names.map((n) => (
          <li key={n}>
            <a href={`#${fieldId(n)}`} onClick={focusField}>
              {labels[n] ?? n}: {translateMessage(t, errors[n]!)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** GOV.UK's behaviour: focus the field and bring its label into view (a plain fragment link without JS). */
function focusField(event: MouseEvent<HTMLAnchorElement>) {
  const id = event.currentTarget.hash.slice(1)
  const input = document.getElementById(id)
  if (!input) return
  event.preventDefault()
  document.querySelector(`label[for="${id}"]`)?.scrollIntoView()
  input.focus({ preventScroll: true })
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>

interface TextFieldProps extends InputProps {
  name: string
  label: string
  hint?: ReactNode
  error?: string
  /** react-hook-form's register(name) result, when JavaScript is on */
  registration?: object
}

/** Label, hint, error and input wired with aria-describedby / aria-invalid. Works without JavaScript. */
export function TextField({ name, label, hint, error, registration, className, ...input }: TextFieldProps) {
  const { t } = useTranslation()
  const id = fieldId(name)
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {translateMessage(t, error)}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        className={`input${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
        {...registration}
      />
    </div>
  )
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id'> {
  name: string
  label: string
  error?: string
  /** react-hook-form's register(name) result, when JavaScript is on */
  registration?: object
  children: ReactNode
}

/** A labelled select with its error, wired like TextField. Works without JavaScript. */
export function SelectField({ name, label, error, registration, children, ...select }: SelectFieldProps) {
  const { t } = useTranslation()
  const id = fieldId(name)
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {error ? (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {translateMessage(t, error)}
        </p>
      ) : null}
      <select
        id={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        {...select}
        {...registration}
      >
        {children}
      </select>
    </div>
  )
}
