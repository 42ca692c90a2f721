import { useEffect, useRef, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { translateMessage } from '../../modules/forms/names'
import { fieldId } from './field'

/** Errors are translation keys ("validation:required"); they are translated only here, at the edge. */
export type FieldErrors = Partial<Record<string, string>>

interface ErrorSummaryProps {
  errors: FieldErrors
  /** field order, so the summary lists problems in the order of the page (default: the errors' own order) */
  order?: string[]
  /** each field's label, shown before its message */
  labels?: Record<string, string>
  /** a form-level message, already translated (e.g. wrong password, wait N seconds) */
  message?: string
  /** [actionData, submitCount]: when either changes (a new submit), focus moves to the summary again */
  focusKey?: [unknown, unknown]
  /** the id of the input a field's link lands on (default: `fieldId(name)`) */
  idOf?: (name: string) => string
  /** h3 where the summary sits inside a section that has its own h2 */
  headingLevel?: 2 | 3
}

/**
 * GOV.UK-style error summary: a titled list of links to the fields. It takes focus when it appears, so a
 * screen-reader user hears what went wrong; without JavaScript it is the first thing in the page.
 */
export function ErrorSummary(props: ErrorSummaryProps) {
  const { errors, order = Object.keys(errors), labels = {}, message, focusKey, idOf = fieldId } = props
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  const names = order.filter((n) => errors[n])
  const any = names.length > 0 || !!message
  const [submitted, attempt] = focusKey ?? []
  useEffect(() => {
    if (any) ref.current?.focus()
  }, [any, message, submitted, attempt])
  if (!any) return null
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2'
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <Heading id="error-summary-title" className="error-summary__title">
        {t('form.errorSummaryTitle')}
      </Heading>
      <ul className="error-summary__list">
        {message ? <li>{message}</li> : null}
        {names.map((n) => (
          <li key={n}>
            <a href={`#${idOf(n)}`} onClick={focusField}>
              {labels[n] ? `${labels[n]}: ` : null}
              {translateMessage(t, errors[n]!)}
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
