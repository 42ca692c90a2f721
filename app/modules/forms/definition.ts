/**
 * Form definitions as data: what an e-form of a procedure asks, stored as JSON and validated here before it is
 * saved or used. Pure (no server code): the browser, the server and the seed all import it.
 *
 * The zod schema checks the shape and the rules that span fields (unique keys, conditions pointing backwards,
 * options, ranges). `parseFormDefinition` never throws: it returns the definition or a list of messages, each
 * starting with the path of the offending part ("sections[1].fields[3].options: at least one option").
 */
import { z } from 'zod'
import { allFields, findField, formatPath } from './names'

/** A text in both languages; Vietnamese first, always both. */
export interface Bilingual {
  vi: string
  en: string
}

export const fieldTypes = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'radio',
  'checkboxes',
  'citizen_id',
  'phone',
  'email',
  'address',
  'group',
] as const
export type FieldType = (typeof fieldTypes)[number]

/**
 * A conditional field is shown, and validated, only when the earlier field `field` (a select, radio or
 * checkboxes field of the same section) has the value `equals`, or one of them; otherwise its value is dropped.
 * For checkboxes, "has" means "one of the ticked values".
 */
export interface ShowIf {
  field: string
  equals: string | string[]
}

export interface ChoiceOption {
  value: string
  label: Bilingual
}

/**
 * The verified identity facts a field may be declared to take (issue 16 §4): in a VNeID session the field is
 * pre-filled from the provider's verified claim and locked. Each fact once per definition, outside groups, on a
 * field of a fitting type (`identityFieldTypes`).
 */
export const identityFacts = ['fullName', 'personalId', 'birthdate', 'gender', 'address', 'phone'] as const
export type IdentityFact = (typeof identityFacts)[number]
export const identityFieldTypes: Record<IdentityFact, readonly FieldType[]> = {
  fullName: ['text'],
  personalId: ['citizen_id'],
  birthdate: ['date'],
  gender: ['radio', 'select'],
  address: ['address'],
  phone: ['phone'],
}

interface BaseField {
  /** camelCase; unique in the whole definition (sub-fields of groups included); the HTML input's name */
  key: string
  label: Bilingual
  hint?: Bilingual
  required: boolean
  showIf?: ShowIf
  /** filled and locked from this verified VNeID fact when the applicant signed in with VNeID */
  identity?: IdentityFact
}

export interface TextFieldDef extends BaseField {
  type: 'text'
  maxLength?: number
}
export interface TextareaFieldDef extends BaseField {
  type: 'textarea'
  maxLength?: number
}
export interface NumberFieldDef extends BaseField {
  type: 'number'
  min?: number
  max?: number
  integer?: boolean
}
export interface DateFieldDef extends BaseField {
  type: 'date'
  /** e.g. a date of birth: today (in Viet Nam) or earlier */
  notAfterToday?: boolean
  /** e.g. an appointment: today (in Viet Nam) or later */
  notBeforeToday?: boolean
}
export interface ChoiceFieldDef extends BaseField {
  type: 'select' | 'radio' | 'checkboxes'
  options: ChoiceOption[]
}
export interface SimpleFieldDef extends BaseField {
  type: 'citizen_id' | 'phone' | 'email' | 'address'
}
export type LeafField =
  TextFieldDef | TextareaFieldDef | NumberFieldDef | DateFieldDef | ChoiceFieldDef | SimpleFieldDef

/** A repeatable group of sub-fields (e.g. the members of a household). Groups do not nest. */
export interface GroupFieldDef extends BaseField {
  type: 'group'
  minItems: number
  maxItems: number
  /** names one item: "Thành viên" → legends "Thành viên thứ 1", buttons "Thêm thành viên" */
  itemLabel: Bilingual
  fields: LeafField[]
}

export type Field = LeafField | GroupFieldDef

export interface FormSection {
  key: string
  title: Bilingual
  description?: Bilingual
  fields: Field[]
}

export interface FormDefinition {
  sections: FormSection[]
}

/** A document the applicant attaches (procedure_versions.documents holds a list of them; so does the seed). */
export interface RequiredDocument {
  /** snake_case, stable: attachments refer to it */
  key: string
  /**
   * What kind of paper it is, as a stable snake_case code shared across procedures ('identity_document',
   * 'driving_licence'): a document of the same kind that the applicant already holds in their store (an earlier
   * upload, or a result a procedure issued with that `result_kind`) may be used instead of a new upload. A
   * document without a kind (a procedure's own request form) is always uploaded.
   */
  kind?: string
  name: Bilingual
  /** e.g. { vi: '01 bản chính', en: '1 original' } */
  copies: Bilingual
  required: boolean
  /** MIME types accepted online */
  accept: string[]
  maxBytes: number
}

// ---------------------------------------------------------------------------------------------------------------
// Messages (the definition is written by administrators and developers: plain English, not translation keys)
// ---------------------------------------------------------------------------------------------------------------

export const definitionMessages = {
  camelCase: 'must be a camelCase identifier (a lower-case letter, then letters and digits)',
  snakeCase: 'must be a snake_case identifier (a lower-case letter, then lower-case letters, digits and _)',
  vi: 'the Vietnamese text is required',
  en: 'the English text is required',
  unknownType: `unknown field type (one of: ${fieldTypes.join(', ')})`,
  nestedGroup: 'a group cannot contain another group',
  atLeastOneSection: 'at least one section',
  atLeastOneField: 'at least one field',
  atLeastOneOption: 'at least one option',
  atLeastOneValue: 'at least one value',
  atLeastOneType: 'at least one MIME type',
  atLeastOneDocument: 'at least one document',
  positiveInteger: 'must be a whole number of 1 or more',
  nonNegativeInteger: 'must be a whole number of 0 or more',
  finiteNumber: 'must be a number',
  mimeType: 'must be a MIME type such as application/pdf',
  duplicateKey: (key: string, first: string) => `duplicate key "${key}" (already used at ${first})`,
  duplicateSectionKey: (key: string) => `duplicate section key "${key}"`,
  duplicateDocumentKey: (key: string) => `duplicate document key "${key}"`,
  duplicateOption: (value: string) => `duplicate option value "${value}"`,
  minGreaterThanMax: (min: number, max: number) => `min (${min}) is greater than max (${max})`,
  minItemsGreaterThanMaxItems: (min: number, max: number) =>
    `minItems (${min}) is greater than maxItems (${max})`,
  dateBothWays: 'notAfterToday and notBeforeToday cannot both be set',
  showIfUnknown: (field: string) => `unknown field "${field}"`,
  showIfNotEarlier: (field: string) => `"${field}" must be an earlier field of the same section`,
  showIfInGroup: (field: string) => `"${field}" is inside a group; only its own group can use it`,
  showIfNotChoice: (field: string) => `"${field}" must be a select, radio or checkboxes field`,
  showIfNotOption: (value: string, field: string) => `"${value}" is not an option of "${field}"`,
  identityType: (fact: string, types: readonly string[]) =>
    `identity "${fact}" needs a field of type ${types.join(' or ')}`,
  identityTwice: (fact: string, first: string) => `identity "${fact}" is already taken by ${first}`,
  identityInGroup: 'a field inside a group cannot take an identity fact',
  identityGenderOptions: 'identity "gender" needs the options "male" and "female"',
  notJson: 'not valid JSON',
} as const
const m = definitionMessages

// ---------------------------------------------------------------------------------------------------------------
// Shape
// ---------------------------------------------------------------------------------------------------------------

const camelCaseKey = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/, m.camelCase)
  .max(64)
const snakeCaseKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, m.snakeCase)
  .max(64)

export const bilingualSchema = z.strictObject({
  vi: z.string(m.vi).trim().min(1, m.vi),
  en: z.string(m.en).trim().min(1, m.en),
})

const positiveInt = z.number(m.positiveInteger).int(m.positiveInteger).min(1, m.positiveInteger)
const nonNegativeInt = z.number(m.nonNegativeInteger).int(m.nonNegativeInteger).min(0, m.nonNegativeInteger)

const showIfSchema = z.strictObject({
  field: camelCaseKey,
  equals: z.union([z.string().min(1), z.array(z.string().min(1)).min(1, m.atLeastOneValue)]),
})

const base = {
  key: camelCaseKey,
  label: bilingualSchema,
  hint: bilingualSchema.optional(),
  required: z.boolean(),
  showIf: showIfSchema.optional(),
  identity: z.enum(identityFacts).optional(),
}

const optionsSchema = z
  .array(z.strictObject({ value: z.string().trim().min(1).max(100), label: bilingualSchema }))
  .min(1, m.atLeastOneOption)
  .superRefine((options, ctx) => {
    const seen = new Set<string>()
    options.forEach((option, i) => {
      if (seen.has(option.value))
        ctx.addIssue({ code: 'custom', message: m.duplicateOption(option.value), path: [i, 'value'] })
      seen.add(option.value)
    })
  })

const numberField = z
  .strictObject({
    ...base,
    type: z.literal('number'),
    min: z.number(m.finiteNumber).optional(),
    max: z.number(m.finiteNumber).optional(),
    integer: z.boolean().optional(),
  })
  .superRefine((field, ctx) => {
    if (field.min !== undefined && field.max !== undefined && field.min > field.max)
      ctx.addIssue({ code: 'custom', message: m.minGreaterThanMax(field.min, field.max), path: ['min'] })
  })

const dateField = z
  .strictObject({
    ...base,
    type: z.literal('date'),
    notAfterToday: z.boolean().optional(),
    notBeforeToday: z.boolean().optional(),
  })
  .superRefine((field, ctx) => {
    if (field.notAfterToday && field.notBeforeToday)
      ctx.addIssue({ code: 'custom', message: m.dateBothWays, path: ['notBeforeToday'] })
  })

const leafMembers = [
  z.strictObject({ ...base, type: z.literal('text'), maxLength: positiveInt.optional() }),
  z.strictObject({ ...base, type: z.literal('textarea'), maxLength: positiveInt.optional() }),
  numberField,
  dateField,
  z.strictObject({ ...base, type: z.enum(['select', 'radio', 'checkboxes']), options: optionsSchema }),
  z.strictObject({ ...base, type: z.enum(['citizen_id', 'phone', 'email', 'address']) }),
] as const
const unknownType = {
  error: (issue: { code: string }) => (issue.code === 'invalid_union' ? m.unknownType : undefined),
}

const leafFieldSchema = z.discriminatedUnion('type', [...leafMembers], unknownType)

/** A group's sub-field: any field but a group (said plainly, rather than "unknown type"). */
const groupChildSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'group')
      ctx.addIssue({ code: 'custom', message: m.nestedGroup, path: ['type'] })
  })
  .pipe(leafFieldSchema)

const groupField = z
  .strictObject({
    ...base,
    type: z.literal('group'),
    minItems: nonNegativeInt,
    maxItems: positiveInt.max(100),
    itemLabel: bilingualSchema,
    fields: z.array(groupChildSchema).min(1, m.atLeastOneField),
  })
  .superRefine((field, ctx) => {
    if (field.minItems > field.maxItems)
      ctx.addIssue({
        code: 'custom',
        message: m.minItemsGreaterThanMaxItems(field.minItems, field.maxItems),
        path: ['minItems'],
      })
  })

const fieldSchema = z.discriminatedUnion('type', [...leafMembers, groupField], unknownType)

const sectionSchema = z.strictObject({
  key: camelCaseKey,
  title: bilingualSchema,
  description: bilingualSchema.optional(),
  fields: z.array(fieldSchema).min(1, m.atLeastOneField),
})

const definitionShape = z.strictObject({
  sections: z.array(sectionSchema).min(1, m.atLeastOneSection),
})

// ---------------------------------------------------------------------------------------------------------------
// Rules across fields (run only once the shape is valid)
// ---------------------------------------------------------------------------------------------------------------

type Path = (string | number)[]

/** Where each key lives: its path, section, group (if a sub-field) and position in page order. */
interface KeyPlace {
  path: Path
  section: number
  group: string | null
  order: number
  field: Field
}

function checkDefinition(definition: FormDefinition, ctx: z.RefinementCtx) {
  const sectionKeys = new Set<string>()
  const places = new Map<string, KeyPlace>()
  let order = 0

  definition.sections.forEach((section, s) => {
    if (sectionKeys.has(section.key))
      ctx.addIssue({
        code: 'custom',
        message: m.duplicateSectionKey(section.key),
        path: ['sections', s, 'key'],
      })
    sectionKeys.add(section.key)

    const place = (field: Field, path: Path, group: string | null) => {
      const first = places.get(field.key)
      if (first) {
        ctx.addIssue({
          code: 'custom',
          message: m.duplicateKey(field.key, formatPath(first.path)),
          path: [...path, 'key'],
        })
      } else {
        places.set(field.key, { path, section: s, group, order: order++, field })
      }
    }
    section.fields.forEach((field, f) => {
      const path: Path = ['sections', s, 'fields', f]
      place(field, path, null)
      if (field.type === 'group')
        field.fields.forEach((child, c) => place(child, [...path, 'fields', c], field.key))
    })
  })

  // Conditions point backwards, within the section: a sub-field may also use an earlier sibling of its group.
  const checkShowIf = (field: Field, path: Path, section: number, group: string | null) => {
    if (!field.showIf) return
    const at = [...path, 'showIf', 'field']
    const target = places.get(field.showIf.field)
    const self = places.get(field.key)
    if (!target)
      return ctx.addIssue({ code: 'custom', message: m.showIfUnknown(field.showIf.field), path: at })
    if (target.group !== null && target.group !== group)
      return ctx.addIssue({ code: 'custom', message: m.showIfInGroup(field.showIf.field), path: at })
    if (target.section !== section || !self || target.order >= self.order)
      return ctx.addIssue({ code: 'custom', message: m.showIfNotEarlier(field.showIf.field), path: at })
    const targetField = target.field
    if (targetField.type !== 'select' && targetField.type !== 'radio' && targetField.type !== 'checkboxes')
      return ctx.addIssue({ code: 'custom', message: m.showIfNotChoice(field.showIf.field), path: at })
    const values = new Set(targetField.options.map((o) => o.value))
    const equals = Array.isArray(field.showIf.equals) ? field.showIf.equals : [field.showIf.equals]
    for (const value of equals)
      if (!values.has(value))
        ctx.addIssue({
          code: 'custom',
          message: m.showIfNotOption(value, field.showIf.field),
          path: [...path, 'showIf', 'equals'],
        })
  }
  // Identity facts: a fitting type, once each, never inside a group (a group item is another person).
  const facts = new Map<string, Path>()
  const checkIdentity = (field: Field, path: Path, inGroup: boolean) => {
    if (!field.identity) return
    const at = [...path, 'identity']
    if (inGroup) return ctx.addIssue({ code: 'custom', message: m.identityInGroup, path: at })
    const types = identityFieldTypes[field.identity]
    if (!types.includes(field.type))
      return ctx.addIssue({ code: 'custom', message: m.identityType(field.identity, types), path: at })
    if (
      field.identity === 'gender' &&
      'options' in field &&
      !['male', 'female'].every((v) => field.options.some((o) => o.value === v))
    )
      return ctx.addIssue({ code: 'custom', message: m.identityGenderOptions, path: at })
    const first = facts.get(field.identity)
    if (first)
      return ctx.addIssue({ code: 'custom', message: m.identityTwice(field.identity, formatPath(first)), path: at })
    facts.set(field.identity, path)
  }
  definition.sections.forEach((section, s) =>
    section.fields.forEach((field, f) => {
      const path: Path = ['sections', s, 'fields', f]
      checkIdentity(field, path, false)
      if (field.type === 'group')
        field.fields.forEach((child, c) => checkIdentity(child, [...path, 'fields', c], true))
    }),
  )
  definition.sections.forEach((section, s) =>
    section.fields.forEach((field, f) => {
      const path: Path = ['sections', s, 'fields', f]
      checkShowIf(field, path, s, null)
      if (field.type === 'group')
        field.fields.forEach((child, c) => checkShowIf(child, [...path, 'fields', c], s, field.key))
    }),
  )
}

/** Validates a form definition: its shape, then the rules across fields. */
export const formDefinitionSchema: z.ZodType<FormDefinition> = definitionShape.pipe(
  z.custom<FormDefinition>().superRefine(checkDefinition),
)

// ---------------------------------------------------------------------------------------------------------------
// Required documents
// ---------------------------------------------------------------------------------------------------------------

const MAX_UPLOAD_BYTES = 100 * 1024 * 1024

export const requiredDocumentSchema = z.strictObject({
  key: snakeCaseKey,
  kind: snakeCaseKey.optional(),
  name: bilingualSchema,
  copies: bilingualSchema,
  required: z.boolean(),
  accept: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, m.mimeType)).min(1, m.atLeastOneType),
  maxBytes: positiveInt.max(MAX_UPLOAD_BYTES),
})

export const requiredDocumentsSchema: z.ZodType<RequiredDocument[]> = z
  .array(requiredDocumentSchema)
  .min(1, m.atLeastOneDocument)
  .superRefine((documents, ctx) => {
    const seen = new Set<string>()
    documents.forEach((document, i) => {
      if (seen.has(document.key))
        ctx.addIssue({ code: 'custom', message: m.duplicateDocumentKey(document.key), path: [i, 'key'] })
      seen.add(document.key)
    })
  })

// ---------------------------------------------------------------------------------------------------------------
// Parsing: never throws
// ---------------------------------------------------------------------------------------------------------------

function parseWith<T>(schema: z.ZodType<T>, json: unknown, root: string) {
  let input = json
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json)
    } catch {
      return { ok: false as const, errors: [`${root}: ${m.notJson}`] }
    }
  }
  const result = schema.safeParse(input)
  if (result.success) return { ok: true as const, value: result.data }
  const errors = result.error.issues.map(
    (issue) => `${formatPath(issue.path, root) || root}: ${issue.message}`,
  )
  return { ok: false as const, errors: [...new Set(errors)] }
}

export type ParseDefinitionResult = { ok: true; definition: FormDefinition } | { ok: false; errors: string[] }

/**
 * A definition from JSON (a parsed value, or the JSON text). Never throws: `{ ok: true, definition }`, or
 * `{ ok: false, errors }` with one "path: message" per problem.
 */
export function parseFormDefinition(json: unknown): ParseDefinitionResult {
  const result = parseWith(formDefinitionSchema, json, '')
  return result.ok ? { ok: true, definition: result.value } : { ok: false, errors: fixRoot(result.errors) }
}

export type ParseDocumentsResult =
  { ok: true; documents: RequiredDocument[] } | { ok: false; errors: string[] }

/** Same contract as parseFormDefinition; paths start with "documents" ("documents[2].accept: …"). */
export function parseRequiredDocuments(json: unknown): ParseDocumentsResult {
  const result = parseWith(requiredDocumentsSchema, json, 'documents')
  return result.ok ? { ok: true, documents: result.value } : { ok: false, errors: result.errors }
}

/** A problem with the definition as a whole has an empty path: call it "definition". */
function fixRoot(errors: string[]) {
  return errors.map((e) => (e.startsWith(': ') ? `definition${e}` : e))
}

// ---------------------------------------------------------------------------------------------------------------
// Reading stored rows: a JSON column is parsed by its schema here, never cast where it is used
// ---------------------------------------------------------------------------------------------------------------

/**
 * A stored JSON value that its schema refuses. Every writer validates first (the seed, the publish page, the
 * workflow), so this is a bug or a row edited by hand, never a user's mistake: it is thrown (the page answers 500).
 */
export class StoredJsonError extends Error {
  constructor(
    readonly column: string,
    readonly errors: string[],
  ) {
    super(`${column} does not match its schema: ${errors.join('; ')}`)
  }
}

/**
 * Stored values already parsed, per schema, by their JSON text: a procedure version's form and documents are read
 * on every dossier request (the draft, the upload, the submission, the officer's pages) and a published version
 * never changes, so the same few texts came back thousands of times, each parse ~20–120 µs against ~10 µs of
 * JSON.stringify for the key. Bounded (the oldest entry goes first); each value is deep-frozen, so a caller that
 * would change a shared definition fails loudly instead of changing it for the next request.
 */
const storedCache = new WeakMap<z.ZodType<unknown>, Map<string, unknown>>()
const STORED_CACHE_ENTRIES = 500

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/** The value of a JSON column parsed by its schema. Throws StoredJsonError when it does not match. */
export function parseStored<T>(schema: z.ZodType<T>, json: unknown, column: string): T {
  const result = parseWith(schema, json, '')
  if (!result.ok) throw new StoredJsonError(column, fixRoot(result.errors))
  return result.value
}

/** parseStored, remembered by the JSON text (for the procedure version's form and documents; see storedCache). */
function parseStoredOnce<T>(schema: z.ZodType<T>, json: unknown, column: string): T {
  const key = typeof json === 'string' ? json : JSON.stringify(json)
  let cache = storedCache.get(schema)
  const hit = cache?.get(key)
  if (hit !== undefined) return hit as T
  const result = parseWith(schema, json, '')
  if (!result.ok) throw new StoredJsonError(column, fixRoot(result.errors))
  if (key !== undefined) {
    if (!cache) storedCache.set(schema, (cache = new Map()))
    if (cache.size >= STORED_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string)
    cache.set(key, deepFreeze(result.value))
  }
  return result.value
}

/** procedure_versions.form as a definition (throws StoredJsonError if it is not one). */
export function formDefinitionOf(json: unknown): FormDefinition {
  return parseStoredOnce(formDefinitionSchema, json, 'procedure_versions.form')
}

/** procedure_versions.documents as the list of required documents (throws StoredJsonError if it is not one). */
export function requiredDocumentsOf(json: unknown): RequiredDocument[] {
  return parseStoredOnce(requiredDocumentsSchema, json, 'procedure_versions.documents')
}

/** The content of a procedure version: what the applicant fills in and what they attach. */
export interface ProcedureVersionContent {
  form: FormDefinition
  documents: RequiredDocument[]
}

/**
 * A row that selected a procedure version's `form` and `documents`, with those two parsed and every other
 * column as it was. The one way rows with these columns enter the domain.
 */
export function procedureVersionFromRow<Row extends { form: unknown; documents: unknown }>(
  row: Row,
): Omit<Row, 'form' | 'documents'> & ProcedureVersionContent {
  return { ...row, form: formDefinitionOf(row.form), documents: requiredDocumentsOf(row.documents) }
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers for consumers
// ---------------------------------------------------------------------------------------------------------------


export { allFields, findField, formatPath }
