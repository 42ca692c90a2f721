/**
 * The field kit: every label, hint, error and control of the portal is drawn here, so that a change to how a
 * field looks or is announced is made once. Each control takes an explicit `id` (the label's `for`, and the base
 * of `${id}-hint` and `${id}-error`, which aria-describedby names); errors are translation keys, translated here.
 * Everything works without JavaScript; `registration` is react-hook-form's `register(name)` when it runs.
 */
export { ErrorSummary, type FieldErrors } from './fields/error-summary'
export { Field, fieldId, Select, TextArea } from './fields/field'
export { Checkboxes, Choice, Fieldset, Radios, type Option } from './fields/fieldset'
export { SummaryRows, type SummaryRow } from './fields/summary-rows'
