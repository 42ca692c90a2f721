import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  addressPartName,
  addressParts,
  groupItemName,
  isShown,
  todayInVietnam,
  type Translate,
} from '../modules/forms/names'
import type { Field as FieldDef, FormSection, GroupFieldDef, LeafField } from '../modules/forms/definition'
import { Checkboxes, Field, fieldId, Fieldset, Radios, Select, TextArea } from './forms'

type Lng = 'vi' | 'en'

interface FormSectionFieldsProps {
  section: Pick<FormSection, 'fields'>
  lng: Lng
  /** what to show in the inputs: the posted values after a no-JS post-back, or the saved draft */
  values?: Record<string, unknown>
  /** input name → message from the schema (a `forms:` key, possibly `key|{json}`), or text already translated */
  errors?: Partial<Record<string, string>>
  /** react-hook-form's register, when JavaScript is on */
  register?: (name: string) => object
  /** react-hook-form's watch: with it, conditional fields that do not apply are hidden once JavaScript runs */
  watch?: (name: string) => unknown
  /** fields filled from verified VNeID claims: shown read-only with `note` saying where they came from */
  locked?: { keys: string[]; note: string }
}

/**
 * Every field of a section, rendered from its definition. Works without JavaScript: plain inputs named after
 * the schema's paths (`key`, `key.province`, `key[0].child`), default values from `values`, conditional fields
 * always shown, group buttons that post `_action=add:<group>` / `remove:<group>:<index>` for the route to apply.
 */
export function FormSectionFields({
  section,
  lng,
  values = {},
  errors = {},
  register,
  watch,
  locked,
}: FormSectionFieldsProps) {
  const { t } = useTranslation('forms')
  const hydrated = useHydrated()
  const byKey = new Map(
    section.fields.flatMap((f) => (f.type === 'group' ? [f, ...f.fields] : [f])).map((f) => [f.key, f]),
  )
  // Hide only once hydrated: the server's HTML must work for a browser that never runs the script.
  const shown = (field: FieldDef, scope: (key: string) => string): boolean => {
    if (!field.showIf || !watch || !hydrated) return true
    const target = byKey.get(field.showIf.field)
    // A field that depends on a hidden one is hidden too (its value is dropped on the server).
    if (target && !shown(target, scope)) return false
    return isShown(field.showIf, { [field.showIf.field]: watch(scope(field.showIf.field)) })
  }
  const ctx: RenderContext = {
    lng,
    t,
    errors,
    register,
    shown,
    locked: new Set(locked?.keys),
    lockedNote: locked?.note,
  }
  return (
    <>
      {section.fields.map((field) => (
        <FieldView
          key={field.key}
          field={field}
          name={field.key}
          value={values[field.key]}
          ctx={ctx}
          scope={(k) => k}
        />
      ))}
    </>
  )
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}

interface RenderContext {
  lng: Lng
  t: Translate
  errors: Partial<Record<string, string>>
  register?: (name: string) => object
  /** whether a conditional field applies now; `scope` maps a field key to its input name */
  shown: (field: FieldDef, scope: (key: string) => string) => boolean
  /** keys of the top-level fields filled from VNeID (read-only), and the sentence that says so */
  locked: Set<string>
  lockedNote?: string
}

interface FieldViewProps {
  field: FieldDef
  /** the input's name: the key, or `group[i].key` inside a group */
  name: string
  value: unknown
  ctx: RenderContext
  scope: (key: string) => string
}

function FieldView(props: FieldViewProps) {
  const { field, ctx, scope } = props
  const content =
    field.type === 'group' ? <GroupView {...props} field={field} /> : <LeafView {...props} field={field} />
  if (!field.showIf) return content
  const equals = Array.isArray(field.showIf.equals) ? field.showIf.equals : [field.showIf.equals]
  return (
    <div
      data-show-if={scope(field.showIf.field)}
      data-show-if-equals={JSON.stringify(equals)}
      hidden={!ctx.shown(field, scope) || undefined}
    >
      {content}
    </div>
  )
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')
const list = (value: unknown) =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')

/** The label, with "(optional)" for optional fields (GOV.UK: mark the optional ones, not the required). */
function labelText(field: FieldDef, ctx: RenderContext) {
  return field.required ? field.label[ctx.lng] : `${field.label[ctx.lng]} ${ctx.t('optional')}`
}

function LeafView({ field, name, value, ctx }: FieldViewProps & { field: LeafField }) {
  // Locked: the verified value only, read-only, with where it came from as the hint (issue 16 §4).
  const locked = ctx.locked.has(name)
  const common = {
    id: fieldId(name),
    name,
    label: labelText(field, ctx),
    hint: locked ? ctx.lockedNote : field.hint?.[ctx.lng],
    error: ctx.errors[name],
    registration: ctx.register?.(name),
    defaultValue: text(value),
  }
  const lockedInput = locked ? { readOnly: true, 'data-locked': 'vneid' } : {}
  const options =
    'options' in field
      ? field.options
          .filter((o) => !locked || o.value === text(value))
          .map((o) => ({ value: o.value, label: o.label[ctx.lng] }))
      : []
  switch (field.type) {
    case 'text':
      return <Field {...common} {...lockedInput} />
    case 'number':
      return (
        <Field
          {...common}
          {...lockedInput}
          inputMode={field.integer ? 'numeric' : 'decimal'}
          autoComplete="off"
          className="input--10ch"
        />
      )
    case 'date':
      return (
        <Field
          {...common}
          {...lockedInput}
          type="date"
          className="input--12ch"
          max={field.notAfterToday ? todayInVietnam() : undefined}
          min={field.notBeforeToday ? todayInVietnam() : undefined}
        />
      )
    case 'citizen_id':
      return (
        <Field
          {...common}
          {...lockedInput}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          className="input--12ch"
        />
      )
    case 'phone':
      return <Field {...common} {...lockedInput} type="tel" className="input--12ch" />
    case 'email':
      return <Field {...common} {...lockedInput} type="email" spellCheck={false} autoCapitalize="none" />
    case 'textarea':
      return <TextArea {...common} {...lockedInput} rows={5} />
    case 'select':
      return (
        <Select {...common} {...lockedInput}>
          {locked ? null : <option value="">{ctx.t('choose')}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      )
    case 'radio':
      return <Radios {...common} legend={common.label} options={options} defaultValue={common.defaultValue} />
    case 'checkboxes':
      return <Checkboxes {...common} legend={common.label} options={options} defaultValue={list(value)} />
    case 'address': {
      const parts = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
      return (
        <Fieldset id={common.id} legend={common.label} hint={common.hint} error={common.error}>
          <div className="address-grid">
            {addressParts.map((part) => {
              const partName = addressPartName(name, part)
              return (
                <Field
                  key={part}
                  id={fieldId(partName)}
                  name={partName}
                  label={ctx.t(part)}
                  error={ctx.errors[partName]}
                  defaultValue={text(parts[part])}
                  registration={ctx.register?.(partName)}
                  {...(locked ? { readOnly: true, 'data-locked': 'vneid' } : {})}
                />
              )
            })}
          </div>
        </Fieldset>
      )
    }
  }
}

function GroupView({ field, name, value, ctx, scope }: FieldViewProps & { field: GroupFieldDef }) {
  const items = Array.isArray(value) ? value : []
  const minSlots = Math.max(field.minItems, 1)
  const slots = Math.max(items.length, minSlots)
  const itemLabel = (n: number) => ctx.t('item', { label: field.itemLabel[ctx.lng], n })
  const siblings = new Set(field.fields.map((f) => f.key))
  return (
    <Fieldset
      id={fieldId(name)}
      legend={labelText(field, ctx)}
      hint={field.hint?.[ctx.lng]}
      error={ctx.errors[name]}
      focusable
    >
      {Array.from({ length: slots }, (_, index) => {
        const item = (
          typeof items[index] === 'object' && items[index] !== null ? items[index] : {}
        ) as Record<string, unknown>
        const legend = itemLabel(index + 1)
        // Inside an item, a condition on a sibling reads that item's input; otherwise the section's.
        const itemScope = (key: string) => (siblings.has(key) ? groupItemName(name, index, key) : scope(key))
        return (
          // Keyed by content too: after the route removes an item, the slots below must show their new values.
          <fieldset className="fieldset group-item" key={`${index}:${JSON.stringify(item)}`}>
            <legend className="fieldset__legend">{legend}</legend>
            {field.fields.map((child) => (
              <FieldView
                key={child.key}
                field={child}
                name={groupItemName(name, index, child.key)}
                value={item[child.key]}
                ctx={ctx}
                scope={itemScope}
              />
            ))}
            {slots > minSlots ? (
              <button
                type="submit"
                name="_action"
                value={`remove:${name}:${index}`}
                className="button button--secondary"
                formNoValidate
              >
                {ctx.t('remove', { item: lowerFirst(legend) })}
              </button>
            ) : null}
          </fieldset>
        )
      })}
      {slots < field.maxItems ? (
        <button
          type="submit"
          name="_action"
          value={`add:${name}`}
          className="button button--secondary"
          formNoValidate
        >
          {ctx.t('addAnother', { label: lowerFirst(field.itemLabel[ctx.lng]) })}
        </button>
      ) : null}
    </Fieldset>
  )
}

/** "Thành viên" → "thành viên" inside a sentence; an acronym ("CCCD") stays as it is. */
function lowerFirst(s: string) {
  return s.length > 1 && s[1] === s[1].toLocaleLowerCase() ? s[0].toLocaleLowerCase() + s.slice(1) : s
}

/** The names and labels of a section's inputs in page order: what ErrorSummary's `order` and `labels` want. */
export function formSectionLabels(
  section: Pick<FormSection, 'fields'>,
  lng: Lng,
  values: Record<string, unknown>,
  t: Translate,
): { order: string[]; labels: Record<string, string> } {
  const order: string[] = []
  const labels: Record<string, string> = {}
  const add = (name: string, label: string) => {
    order.push(name)
    labels[name] = label
  }
  const leaf = (field: LeafField, name: string, prefix: string) => {
    const label = prefix + field.label[lng]
    add(name, label)
    if (field.type === 'address')
      for (const part of addressParts) add(addressPartName(name, part), `${label}: ${t(`forms:${part}`)}`)
  }
  for (const field of section.fields) {
    if (field.type !== 'group') {
      leaf(field, field.key, '')
      continue
    }
    add(field.key, field.label[lng])
    const items = Array.isArray(values[field.key]) ? (values[field.key] as unknown[]) : []
    const slots = Math.max(items.length, field.minItems, 1)
    for (let i = 0; i < slots; i++) {
      const prefix = `${t('forms:item', { label: field.itemLabel[lng], n: i + 1 })}: `
      for (const child of field.fields) leaf(child, groupItemName(field.key, i, child.key), prefix)
    }
  }
  return { order, labels }
}
