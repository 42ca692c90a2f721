/**
 * A form definition turned into the one zod schema that react-hook-form uses in the browser and the action uses
 * on the server (STYLE rule 3), plus the glue around it: flat HTML names ↔ values, error messages ↔ text.
 *
 * Contracts
 * - Input: the values object (strings as posted, arrays for checkboxes, objects for addresses, arrays of objects
 *   for groups). Output: trimmed and normalised values; numbers as numbers; phone numbers as 0xxxxxxxxx; e-mail
 *   lower-case; dates `yyyy-mm-dd`. Parsing an output again gives the same output (stored values can be
 *   re-checked).
 * - Empty optional fields, hidden conditional fields and blank group items are left out of the output.
 * - A conditional field is validated only when shown, so a hidden required field never errors.
 * - Messages are translation keys of the `forms` namespace; one that needs a value carries it as
 *   `key|{"min":5}` (see translateMessage). Issue paths are the HTML names' parts: ['members', 0, 'fullName'].
 */
import { z } from 'zod'
import {
  addressPartName,
  asList,
  addressParts,
  fieldName,
  formErrors,
  isShown,
  todayInVietnam,
  withValues,
  type Address,
  type FormValue,
  type FormValues,
  type GroupItemValues,
  type RawGroupItem,
  type RawLeafValue,
  type RawValues,
} from './names'
import {
  type Field,
  type FormDefinition,
  type FormSection,
  type GroupFieldDef,
  type LeafField,
} from './definition'

// ---------------------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------------------

/** The schema's type: values in (as posted, or as stored), clean values out. */
export type FormSchema = z.ZodType<FormValues, Record<string, unknown>>

// ---------------------------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------------------

/** 'yyyy-mm-dd', or the Vietnamese order 'd/m/yyyy' typed where a browser has no date picker; else null. */
function parseDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : []
  if (!y) return null
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const date = new Date(Date.UTC(year, month - 1, day))
  if (year < 1000 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

// ---------------------------------------------------------------------------------------------------------------
// One field's value
// ---------------------------------------------------------------------------------------------------------------

/** Used when a text field's definition sets no maxLength: a request is never unbounded. */
export const DEFAULT_MAX_LENGTH = { text: 500, textarea: 5000, addressPart: 200, email: 254 } as const

type Check<T> = { value: T } | { error: string; path?: (string | number)[] }

/** A posted scalar as text: trimmed; numbers (stored outputs) as their digits; anything else as empty. */
function asText(raw: unknown): string {
  if (typeof raw === 'string') return raw.trim()
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw)
  return ''
}

function tooLong(text: string, max: number): Check<string> {
  return text.length > max ? { error: withValues(formErrors.tooLong, { max }) } : { value: text }
}

/**
 * Whole-number fields accept Vietnamese digit grouping ("1.500.000", "1,500,000", "1 500 000"); otherwise one
 * "." or "," is the decimal separator ("12,5" = "12.5"). Beyond ±2^53 a number is refused, not rounded.
 */
function parseNumber(text: string, integer: boolean): number | null {
  let t = text.replace(/\s/g, '')
  if (integer && /^-?\d{1,3}((\.\d{3})+|(,\d{3})+)$/.test(t)) t = t.replace(/[.,]/g, '')
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return null
  const n = Number(t.replace(',', '.'))
  return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : null
}

function checkLeafText(field: LeafField, text: string, today: string): Check<string | number> {
  switch (field.type) {
    case 'text':
      return tooLong(text, field.maxLength ?? DEFAULT_MAX_LENGTH.text)
    case 'textarea':
      return tooLong(text.replace(/\r\n?/g, '\n'), field.maxLength ?? DEFAULT_MAX_LENGTH.textarea)
    case 'number': {
      const n = parseNumber(text, field.integer === true)
      if (n === null) return { error: formErrors.number }
      if (field.integer && !Number.isInteger(n)) return { error: formErrors.integer }
      if (field.min !== undefined && n < field.min)
        return { error: withValues(formErrors.min, { min: field.min }) }
      if (field.max !== undefined && n > field.max)
        return { error: withValues(formErrors.max, { max: field.max }) }
      return { value: n }
    }
    case 'date': {
      const date = parseDate(text)
      if (!date) return { error: formErrors.date }
      if (field.notAfterToday && date > today) return { error: formErrors.dateFuture }
      if (field.notBeforeToday && date < today) return { error: formErrors.datePast }
      return { value: date }
    }
    case 'select':
    case 'radio':
      return field.options.some((o) => o.value === text) ? { value: text } : { error: formErrors.option }
    case 'citizen_id': {
      const id = text.replace(/\s/g, '')
      return /^\d{12}$/.test(id) ? { value: id } : { error: formErrors.citizenId }
    }
    case 'phone': {
      const phone = text.replace(/[\s.()-]/g, '')
      return /^(0|\+84)[35789]\d{8}$/.test(phone)
        ? { value: phone.replace(/^\+84/, '0') }
        : { error: formErrors.phone }
    }
    case 'email': {
      if (text.length > DEFAULT_MAX_LENGTH.email)
        return { error: withValues(formErrors.tooLong, { max: DEFAULT_MAX_LENGTH.email }) }
      return z.email().safeParse(text).success ? { value: text.toLowerCase() } : { error: formErrors.email }
    }
    default:
      throw new Error(`not a one-line field: ${field.type}`)
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Whether a posted value is empty: nothing typed, ticked or chosen. */
function isBlank(field: Field, raw: unknown): boolean {
  if (field.type === 'checkboxes') return asList(raw).length === 0
  if (field.type === 'address') return !isRecord(raw) || addressParts.every((p) => asText(raw[p]) === '')
  if (field.type === 'group') return !Array.isArray(raw) || raw.every((item) => isBlankItem(field, item))
  return asText(raw) === ''
}

function isBlankItem(group: GroupFieldDef, item: unknown): boolean {
  return !isRecord(item) || group.fields.every((field) => isBlank(field, item[field.key]))
}

// ---------------------------------------------------------------------------------------------------------------
// Fields, sections, forms
// ---------------------------------------------------------------------------------------------------------------

interface Context {
  ctx: z.RefinementCtx
  today: string
}

function issue(c: Context, path: (string | number)[], message: string, input: unknown) {
  c.ctx.addIssue({ code: 'custom', message, path, input })
}

/**
 * Validates `fields` against `input`, in order; conditions see `scope` (the enclosing values, for a group's
 * sub-fields) and the values already parsed. Returns the clean values of the fields that are shown and filled.
 */
function parseFields(
  fields: Field[],
  input: Record<string, unknown>,
  scope: Record<string, unknown>,
  path: (string | number)[],
  c: Context,
): Record<string, FormValue> {
  const out: Record<string, FormValue> = {}
  for (const field of fields) {
    if (!isShown(field.showIf, { ...scope, ...out })) continue
    const raw = input[field.key]
    const at = [...path, field.key]
    if (field.type === 'group') {
      const items = parseGroup(field, raw, { ...scope, ...out }, at, c)
      if (items.length > 0) out[field.key] = items
      continue
    }
    if (isBlank(field, raw)) {
      if (field.type === 'address' && field.required) {
        for (const part of addressParts) issue(c, [...at, part], formErrors.required, raw)
      } else if (field.required) {
        const choice = field.type === 'select' || field.type === 'radio' || field.type === 'checkboxes'
        issue(c, at, choice ? formErrors.requiredChoice : formErrors.required, raw)
      }
      continue
    }
    if (field.type === 'checkboxes') {
      const ticked = new Set(asList(raw))
      const known = field.options.filter((o) => ticked.has(o.value)).map((o) => o.value)
      if (known.length < ticked.size) issue(c, at, formErrors.option, raw)
      else out[field.key] = known
      continue
    }
    if (field.type === 'address') {
      // Once any part is filled, all are needed: half an address reaches nobody.
      const address = {} as Address
      let ok = true
      for (const part of addressParts) {
        const text = asText((raw as Record<string, unknown>)[part]).replace(/\s+/g, ' ')
        const checked: Check<string> =
          text === '' ? { error: formErrors.required } : tooLong(text, DEFAULT_MAX_LENGTH.addressPart)
        if ('error' in checked) {
          ok = false
          issue(c, [...at, part], checked.error, raw)
        } else address[part] = checked.value
      }
      if (ok) out[field.key] = address
      continue
    }
    const checked = checkLeafText(field, asText(raw), c.today)
    if ('error' in checked) issue(c, at, checked.error, raw)
    else out[field.key] = checked.value
  }
  return out
}

/**
 * A group's items: blank items (every sub-field empty: an unused slot of the page) are skipped, the others are
 * validated at their own index (so errors point at the slot on the page); then the count is checked.
 */
function parseGroup(
  group: GroupFieldDef,
  raw: unknown,
  scope: Record<string, unknown>,
  at: (string | number)[],
  c: Context,
): GroupItemValues[] {
  const items = Array.isArray(raw) ? raw : []
  const out: GroupItemValues[] = []
  items.forEach((item, index) => {
    if (isBlankItem(group, item)) return
    out.push(
      parseFields(group.fields, item as Record<string, unknown>, scope, [...at, index], c) as GroupItemValues,
    )
  })
  const min = Math.max(group.minItems, group.required ? 1 : 0)
  if (out.length < min) issue(c, at, withValues(formErrors.minItems, { min }), raw)
  if (out.length > group.maxItems) issue(c, at, withValues(formErrors.maxItems, { max: group.maxItems }), raw)
  return out
}

export interface BuildOptions {
  /** the clock for "today" (in Viet Nam); read at every parse, so a long-lived schema never goes stale */
  now?: () => Date
}

function buildSchema(fields: Field[], options: BuildOptions): FormSchema {
  return z.record(z.string(), z.unknown()).transform((input, ctx) => {
    const today = todayInVietnam(options.now?.() ?? new Date())
    return parseFields(fields, input, {}, [], { ctx, today }) as FormValues
  })
}

/** The schema of one section (one page of the form): its fields only. */
export function buildSectionSchema(
  section: Pick<FormSection, 'fields'>,
  options: BuildOptions = {},
): FormSchema {
  return buildSchema(section.fields, options)
}

/** The schema of the whole form: every section's fields in one flat values object (keys are unique). */
export function buildFormSchema(definition: FormDefinition, options: BuildOptions = {}): FormSchema {
  return buildSchema(
    definition.sections.flatMap((section) => section.fields),
    options,
  )
}

// ---------------------------------------------------------------------------------------------------------------
// HTML names
// ---------------------------------------------------------------------------------------------------------------

/** The first message per input name, from a failed parse (server side). */
export function errorsFromIssues(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const i of issues) errors[fieldName(i.path)] ??= i.message
  return errors
}

type FieldsHolder = Pick<FormSection, 'fields'> | FormDefinition
const fieldsOf = (holder: FieldsHolder): Field[] =>
  'sections' in holder ? holder.sections.flatMap((s) => s.fields) : holder.fields

function leafFromFormData(field: LeafField, name: string, formData: FormData): RawLeafValue | undefined {
  const text = (n: string) => {
    const v = formData.get(n)
    return typeof v === 'string' ? v : undefined
  }
  if (field.type === 'checkboxes')
    return formData.getAll(name).filter((v): v is string => typeof v === 'string')
  if (field.type === 'address') {
    if (!addressParts.some((p) => formData.has(addressPartName(name, p)))) return undefined
    return Object.fromEntries(addressParts.map((p) => [p, text(addressPartName(name, p)) ?? ''])) as Address
  }
  return text(name)
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Flat HTML names → the values object: `key`; `key` repeated (checkboxes); `key.province` … (addresses);
 * `key[0].child` (groups; `key.0.child` too). Group items keep the page's order; gaps in the indexes close up
 * (so [0], [2] become 0, 1) and blank items stay (the page shows the same slots again). Names that are not
 * fields (`_action`, files) are ignored. Accepts a section, or a whole definition.
 */
export function formValuesFromFormData(holder: FieldsHolder, formData: FormData): RawValues {
  const values: RawValues = {}
  const names = [...new Set(formData.keys())]
  for (const field of fieldsOf(holder)) {
    if (field.type !== 'group') {
      const value = leafFromFormData(field, field.key, formData)
      if (value !== undefined) values[field.key] = value
      continue
    }
    const pattern = new RegExp(`^${escapeRegExp(field.key)}(?:\\[(\\d+)\\]|\\.(\\d+))\\.`)
    const indexes = new Map<number, string>() // index → how it was written ('[0]' or '.0')
    for (const n of names) {
      const match = pattern.exec(n)
      if (!match) continue
      const index = Number(match[1] ?? match[2])
      if (!indexes.has(index)) indexes.set(index, match[1] !== undefined ? `[${index}]` : `.${index}`)
    }
    values[field.key] = [...indexes.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, written]) => {
        const item: RawGroupItem = {}
        for (const child of field.fields) {
          const value = leafFromFormData(child, `${field.key}${written}.${child.key}`, formData)
          if (value !== undefined) item[child.key] = value
        }
        return item
      })
  }
  return values
}

// ---------------------------------------------------------------------------------------------------------------
// Group buttons (no-JS "add another" / "remove")
// ---------------------------------------------------------------------------------------------------------------

export type GroupAction = { kind: 'add'; group: string } | { kind: 'remove'; group: string; index: number }

/** `add:<groupKey>` / `remove:<groupKey>:<index>` (the `_action` of the group buttons), or null. */
export function parseGroupAction(action: unknown): GroupAction | null {
  if (typeof action !== 'string') return null
  const add = /^add:([a-z][a-zA-Z0-9]*)$/.exec(action)
  if (add) return { kind: 'add', group: add[1] }
  const remove = /^remove:([a-z][a-zA-Z0-9]*):(\d{1,3})$/.exec(action)
  if (remove) return { kind: 'remove', group: remove[1], index: Number(remove[2]) }
  return null
}

/**
 * Applies a group button to the posted values (no validation: the page is shown again with one slot more or
 * less). Returns null when `action` is not a group action of these fields. Adding stops at maxItems.
 */
export function applyGroupAction(holder: FieldsHolder, values: RawValues, action: unknown): RawValues | null {
  const parsed = parseGroupAction(action)
  if (!parsed) return null
  const group = fieldsOf(holder).find((f): f is GroupFieldDef => f.type === 'group' && f.key === parsed.group)
  if (!group) return null
  const current = values[group.key]
  const items: RawGroupItem[] = Array.isArray(current) ? [...(current as RawGroupItem[])] : []
  // The page always shows at least max(minItems, 1) slots: count those even when nothing was posted.
  while (items.length < Math.max(group.minItems, 1)) items.push({})
  if (parsed.kind === 'add') {
    if (items.length < group.maxItems) items.push({})
  } else if (parsed.index < items.length) {
    items.splice(parsed.index, 1)
  }
  return { ...values, [group.key]: items }
}

export {
  addressPartName,
  addressParts,
  fieldName,
  flattenFormErrors,
  formErrors,
  groupItemName,
  isShown,
  todayInVietnam,
  translateMessage,
  withValues,
  type Address,
  type AddressPart,
  type FormValue,
  type FormValues,
  type GroupItemValues,
  type LeafValue,
  type RawGroupItem,
  type RawLeafValue,
  type RawValues,
  type Translate,
} from './names'
