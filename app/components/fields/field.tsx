import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { translateMessage } from '../../modules/forms/names'

/** The id the forms built from schemas give an input: the error summary's links land on it. */
export function fieldId(name: string) {
  return `f-${name}`
}

export interface Wiring {
  /** the control's id; its hint and error are `${id}-hint` and `${id}-error` */
  id: string
  label: ReactNode
  hint?: ReactNode
  /** a translation key (`ns:key`, possibly `ns:key|{json}`) */
  error?: string
  /** react-hook-form's register(name) result, when JavaScript is on */
  registration?: object
}

export function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

export const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ')

/** The hint, then the error (GOV.UK's order: label, hint, error, control). */
export function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  const { t } = useTranslation()
  return (
    <>
      {hint ? (
        <div id={`${id}-hint`} className="field__hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {translateMessage(t, error)}
        </p>
      ) : null}
    </>
  )
}

/** A labelled control: the wrapper, label, hint and error; `children` draws the control itself. */
function Labelled({
  id,
  label,
  hint,
  error,
  invalid,
  children,
}: Omit<Wiring, 'registration'> & { invalid?: boolean; children: ReactNode }) {
  return (
    <div className={classes('field', (error || invalid) && 'field--error')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  )
}

type Own<T> = Omit<T, 'id' | 'name' | 'className'> &
  Wiring & {
    name: string
    className?: string
    /** marks the field in error when the message is shown elsewhere (a refused upload, explained above) */
    invalid?: boolean
  }

/** Splits a control's props: label, hint and error for the wrapper; id, name, class and aria-* for the control. */
function wire<T>(props: Own<T>, base: string) {
  const { id, name, label, hint, error, invalid, registration, className, ...own } = props
  return {
    wrapper: { id, label, hint, error, invalid },
    control: {
      id,
      name,
      className: classes(base, className),
      'aria-invalid': error || invalid ? true : undefined,
      'aria-describedby': describedBy(id, hint, error),
      ...own,
      ...registration,
    } as unknown as T,
  }
}

/** A text-like <input> (text, email, password, tel, date, number, file…). */
export function Field(props: Own<InputHTMLAttributes<HTMLInputElement>>) {
  const { wrapper, control } = wire(props, 'input')
  return (
    <Labelled {...wrapper}>
      <input {...control} />
    </Labelled>
  )
}

/** A <textarea> (class `input textarea`, plus `className`). */
export function TextArea(props: Own<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { wrapper, control } = wire(props, 'input textarea')
  return (
    <Labelled {...wrapper}>
      <textarea {...control} />
    </Labelled>
  )
}

/** A <select>; the options are its children. */
export function Select(props: Own<SelectHTMLAttributes<HTMLSelectElement>>) {
  const { wrapper, control } = wire(props, 'input')
  return (
    <Labelled {...wrapper}>
      <select {...control} />
    </Labelled>
  )
}
