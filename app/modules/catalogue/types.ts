/**
 * The catalogue's domain types and the schemas of its JSON columns, procedures.fee_policy and procedures.texts.
 * Pure (no server code): the browser, the server and the seed import it. Rows enter the domain through
 * `feePolicyOf` and `procedureTextsOf`, which parse (never cast); the seed checks its data with the same schemas.
 */
import { z } from 'zod'
import type { DeliveryMethod } from '../../../db/schema'
import {
  bilingualSchema,
  definitionMessages as m,
  parseStored,
  type Bilingual,
  type FormDefinition,
} from '../forms/definition'

// Declared once in the forms module (the e-form and its documents are written in both languages there too).
export type { Bilingual, RequiredDocument } from '../forms/definition'

/** One row of the channel × time × fee table of a procedure's page. */
export interface ChannelText {
  channel: DeliveryMethod
  time: Bilingual
  fee: Bilingual
}

/** The catalogue's texts, as stored in procedures.texts (both languages always). */
export interface ProcedureTexts {
  /** short summary for the catalogue card */
  summary: Bilingual
  applicantType: Bilingual
  /** the steps, newline-separated */
  steps: Bilingual
  conditions: Bilingual
  result: Bilingual
  legalBasis: Bilingual[]
  /** the channel × time × fee table */
  channels: ChannelText[]
  /**
   * The documents to bring, for a procedure listed for information only (procedures.online false: no e-form and
   * no version here); an online procedure's documents are in its version.
   */
  counterDocuments?: { name: Bilingual; copies: Bilingual }[]
}

/** How the fee is computed. Amounts are integer đồng. */
export type FeePolicy =
  | { kind: 'free'; note: Bilingual | null }
  | { kind: 'fixed'; amount: number; note: Bilingual | null }
  /** amount per unit; `unitField` names the number field of the form holding the count (copies, pages) */
  | { kind: 'per_unit'; unitAmount: number; unit: Bilingual; unitField: string; note: Bilingual | null }
  | { kind: 'assessed'; note: Bilingual }

export const pick = (b: Bilingual, lng: 'vi' | 'en') => b[lng]

// ---------------------------------------------------------------------------------------------------------------
// Schemas (messages in plain English, like the form definition's: the data is written by developers)
// ---------------------------------------------------------------------------------------------------------------

const dong = z.number(m.positiveInteger).int(m.positiveInteger).min(1, m.positiveInteger)
const note = bilingualSchema.nullable()

export const feePolicySchema: z.ZodType<FeePolicy> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('free'), note }),
  z.strictObject({ kind: z.literal('fixed'), amount: dong, note }),
  z.strictObject({
    kind: z.literal('per_unit'),
    unitAmount: dong,
    unit: bilingualSchema,
    unitField: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, m.camelCase),
    note,
  }),
  z.strictObject({ kind: z.literal('assessed'), note: bilingualSchema }),
])

export const procedureTextsSchema: z.ZodType<ProcedureTexts> = z.strictObject({
  summary: bilingualSchema,
  applicantType: bilingualSchema,
  steps: bilingualSchema,
  conditions: bilingualSchema,
  result: bilingualSchema,
  legalBasis: z.array(bilingualSchema),
  channels: z.array(
    z.strictObject({
      channel: z.enum(['online', 'counter', 'post']),
      time: bilingualSchema,
      fee: bilingualSchema,
    }),
  ),
  counterDocuments: z.array(z.strictObject({ name: bilingualSchema, copies: bilingualSchema })).optional(),
})

/** procedures.fee_policy as a fee policy (throws StoredJsonError if it is not one). */
export function feePolicyOf(json: unknown): FeePolicy {
  return parseStored(feePolicySchema, json, 'procedures.fee_policy')
}

/** procedures.texts as the catalogue's texts (throws StoredJsonError if they are not). */
export function procedureTextsOf(json: unknown): ProcedureTexts {
  return parseStored(procedureTextsSchema, json, 'procedures.texts')
}

// ---------------------------------------------------------------------------------------------------------------
// A rule between the fee and the form
// ---------------------------------------------------------------------------------------------------------------

/** A per-unit fee whose `unitField` is not a number field at the top level of a section of the form. */
export interface UnitFieldProblem {
  unitField: string
  unit: Bilingual
}

/**
 * The fee reads its count from `formData[unitField]` at submission, so the field must be a number field of the
 * form, at the top level of a section (a group's sub-field holds one value per item, not one count). Null when the
 * fee is not per unit or its field is right. Checked by the seed and when an administrator publishes a version.
 */
export function unitFieldProblem(fee: FeePolicy, form: FormDefinition): UnitFieldProblem | null {
  if (fee.kind !== 'per_unit') return null
  const field = form.sections.flatMap((s) => s.fields).find((f) => f.key === fee.unitField)
  return field?.type === 'number' ? null : { unitField: fee.unitField, unit: fee.unit }
}
