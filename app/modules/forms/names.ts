/**
 * The zod-free half of the forms kit: value shapes, HTML names, message keys and their translation, "today" in
 * Viet Nam, conditional fields, error flattening and walking a definition. Pages import these in the browser
 * without pulling zod in (the schemas themselves, build-schema.ts, load only when a form is validated).
 */
import type { Field, FormDefinition, ShowIf } from './definition'

export const addressParts = ['province', 'district', 'ward', 'street'] as const
export type AddressPart = (typeof addressParts)[number]
export type Address = Record<AddressPart, string>

/** What the schema returns for one field. */
export type LeafValue = string | number | string[] | Address
export type GroupItemValues = Record<string, LeafValue>
export type FormValue = LeafValue | GroupItemValues[]
export type FormValues = Record<string, FormValue>

/** What the browser posts (and what a page re-renders with after a no-JS post-back): still strings. */
export type RawLeafValue = string | string[] | Partial<Address>
export type RawGroupItem = Record<string, RawLeafValue>
export type RawValues = Record<string, RawLeafValue | RawGroupItem[]>

export const formErrors = {
  required: 'forms:errors.required',
  requiredChoice: 'forms:errors.requiredChoice',
  citizenId: 'forms:errors.citizenId',
  phone: 'forms:errors.phone',
  email: 'forms:errors.email',
  number: 'forms:errors.number',
  integer: 'forms:errors.integer',
  min: 'forms:errors.min',
  max: 'forms:errors.max',
  tooLong: 'forms:errors.tooLong',
  date: 'forms:errors.date',
  dateFuture: 'forms:errors.dateFuture',
  datePast: 'forms:errors.datePast',
  option: 'forms:errors.option',
  minItems: 'forms:errors.minItems',
  maxItems: 'forms:errors.maxItems',
} as const

/** 'forms:errors.min', { min: 5 } → 'forms:errors.min|{"min":5}' */
export function withValues(key: string, values?: Record<string, string | number>): string {
  return values ? `${key}|${JSON.stringify(values)}` : key
}

/** Any i18next `t` (useTranslation's, getFixedT's): only this much of it is used. */
export type Translate = (key: string, options?: Record<string, unknown>) => string

/** Translates a message from the schema: a plain key, or `key|{json}` whose values are interpolated. */
export function translateMessage(t: Translate, message: string): string {
  const bar = message.indexOf('|')
  if (bar < 0) return t(message)
  let values: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(message.slice(bar + 1))
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      values = parsed as Record<string, unknown>
  } catch {
    // a malformed tail: translate the key alone rather than show the raw text
  }
  return t(message.slice(0, bar), values)
}

const vietnamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** Today's calendar day in Viet Nam, 'yyyy-mm-dd' (whatever the server's or browser's time zone). */
export function todayInVietnam(now: Date = new Date()): string {
  const parts = Object.fromEntries(vietnamDate.formatToParts(now).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}

/** Checkbox values as posted: one string, several, or react-hook-form's `false` for none. */
export function asList(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [raw]
  return list
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean)
}

/** Whether a conditional field applies, given the values before it (as posted or parsed). */
export function isShown(showIf: ShowIf | undefined, values: Record<string, unknown>): boolean {
  if (!showIf) return true
  const wanted = Array.isArray(showIf.equals) ? showIf.equals : [showIf.equals]
  return asList(values[showIf.field]).some((v) => wanted.includes(v))
}

/** 'permanentAddress' + 'ward' → 'permanentAddress.ward' */
export function addressPartName(name: string, part: AddressPart): string {
  return `${name}.${part}`
}

/** 'members', 0, 'fullName' → 'members[0].fullName' */
export function groupItemName(groupKey: string, index: number, childKey: string): string {
  return `${groupKey}[${index}].${childKey}`
}

/** A zod issue path as the input's name: ['members', 0, 'address', 'ward'] → 'members[0].address.ward'. */
export function fieldName(path: readonly PropertyKey[]): string {
  return formatPath(path)
}

/** ['sections', 1, 'fields', 3, 'options'] → 'sections[1].fields[3].options' */
export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let out = root
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out ? `.${String(part)}` : String(part)
  }
  return out
}

/**
 * react-hook-form's nested `formState.errors` (members → [ { fullName: { message } } ]) flattened to input
 * names, the same as errorsFromIssues gives on the server.
 */
export function flattenFormErrors(errors: unknown, prefix: (string | number)[] = []): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (node: unknown, path: (string | number)[]) => {
    if (typeof node !== 'object' || node === null) return
    const n = node as Record<string, unknown>
    if (typeof n.message === 'string' && n.message) out[fieldName(path)] ??= n.message
    for (const [k, v] of Object.entries(n)) {
      if (k === 'message' || k === 'type' || k === 'ref' || k === 'types') continue
      if (k === 'root') walk(v, path)
      else walk(v, [...path, Array.isArray(node) ? Number(k) : k])
    }
  }
  walk(errors, prefix)
  return out
}

/** Every field of the definition in page order, sub-fields of groups right after their group. */
export function allFields(definition: FormDefinition): Field[] {
  return definition.sections.flatMap((section) =>
    section.fields.flatMap((field) => (field.type === 'group' ? [field, ...field.fields] : [field])),
  )
}

/** The field with that key, anywhere in the definition. */
export function findField(definition: FormDefinition, key: string): Field | undefined {
  return allFields(definition).find((field) => field.key === key)
}
