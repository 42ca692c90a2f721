import type { ReactNode } from 'react'
import { classes, describedBy, HintAndError, type Wiring } from './field'

interface FieldsetProps extends Omit<Wiring, 'label' | 'registration'> {
  legend: ReactNode
  /** the fieldset itself carries `id` and can take focus (a group the error summary links to) */
  focusable?: boolean
  className?: string
  children: ReactNode
}

/** A question answered by several inputs (choices, an address, a group): a fieldset whose legend is the question. */
export function Fieldset({ id, legend, hint, error, focusable, className, children }: FieldsetProps) {
  return (
    <div className={classes('field', error && 'field--error')}>
      <fieldset
        className={classes('fieldset', className)}
        aria-describedby={describedBy(id, hint, error)}
        id={focusable ? id : undefined}
        tabIndex={focusable ? -1 : undefined}
      >
        <legend className="fieldset__legend">{legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        {children}
      </fieldset>
    </div>
  )
}

interface ChoiceProps {
  id: string
  type: 'radio' | 'checkbox'
  name: string
  value: string
  label: ReactNode
  defaultChecked?: boolean
  required?: boolean
  registration?: object
}

/** One radio or checkbox and its label. */
export function Choice({
  id,
  type,
  name,
  value,
  label,
  defaultChecked,
  required,
  registration,
}: ChoiceProps) {
  return (
    <div className="choice">
      <input
        id={id}
        type={type}
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        required={required}
        {...registration}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  )
}

export interface Option {
  value: string
  label: ReactNode
}

interface ChoicesProps extends Omit<Wiring, 'label'> {
  name: string
  legend: ReactNode
  options: readonly Option[]
  /** side by side rather than one under the other */
  inline?: boolean
}

/** The choices of a fieldset; the first carries the group's `id` (the error summary's link lands on it). */
function Choices(props: ChoicesProps & { type: ChoiceProps['type']; checked: (value: string) => boolean }) {
  const { id, name, legend, hint, error, options, inline, registration, type, checked } = props
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error}>
      <div className={classes('choices', inline && 'choices--inline')}>
        {options.map((option, i) => (
          <Choice
            key={option.value}
            id={i === 0 ? id : `${id}-${i}`}
            type={type}
            name={name}
            value={option.value}
            label={option.label}
            defaultChecked={checked(option.value)}
            registration={registration}
          />
        ))}
      </div>
    </Fieldset>
  )
}

/** Radios under a legend; `defaultValue` is the one chosen at first. */
export function Radios({ defaultValue, ...props }: ChoicesProps & { defaultValue?: string | null }) {
  return <Choices {...props} type="radio" checked={(value) => value === defaultValue} />
}

/** Checkboxes under a legend; `defaultValue` lists the ones ticked at first. */
export function Checkboxes({
  defaultValue = [],
  ...props
}: ChoicesProps & { defaultValue?: readonly string[] }) {
  return <Choices {...props} type="checkbox" checked={(value) => defaultValue.includes(value)} />
}
