import { z } from 'zod'
import { parseStored } from '../forms/definition'

/**
 * What a procedure version issues as its result (`procedure_versions.result`, issue 15). A template: a title, the
 * register (sổ) it is numbered in, the dossier answers it prints and the fields the specialist fills in at the
 * draft step (the number is given at approval); or 'upload': the specialist attaches the PDF made elsewhere, which
 * the portal puts behind a cover page carrying the number, the QR code and the signature block. Null in the
 * database means { kind: 'upload', register: 'KQ' }. The portal's own wording (labels) is Vietnamese first.
 */

const bilingual = z.object({ vi: z.string().min(1).max(200), en: z.string().min(1).max(200) })
const register = z.string().regex(/^[A-Z0-9]{1,12}$/, 'a register is 1–12 capital letters or digits')

export const resultFieldSchema = z.object({
  key: z.string().regex(/^[a-zA-Z][\w]{0,39}$/),
  label: bilingual,
  type: z.enum(['text', 'textarea', 'date']),
  required: z.boolean(),
})
export type ResultField = z.infer<typeof resultFieldSchema>

export const resultDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('template'),
    register,
    title: bilingual,
    /** top-level answer keys of the form, printed in this order with their form labels */
    answers: z.array(z.string().min(1).max(60)).max(30),
    fields: z.array(resultFieldSchema).max(20),
  }),
  z.object({ kind: z.literal('upload'), register, title: bilingual.optional() }),
])
export type ResultDefinition = z.infer<typeof resultDefinitionSchema>

export const defaultResultDefinition: ResultDefinition = { kind: 'upload', register: 'KQ' }

/** procedure_versions.result (throws StoredJsonError when it does not match). */
export function resultDefinitionOf(json: unknown): ResultDefinition {
  if (json === null || json === undefined) return defaultResultDefinition
  return parseStored(resultDefinitionSchema, json, 'procedure_versions.result')
}

export { resultFieldName } from './names'

/** The result's printed number: 000012/2026/LLTP-STP. */
export const resultNumberText = (n: { number: number; year: number; register: string; agencyCode: string }) =>
  `${String(n.number).padStart(6, '0')}/${n.year}/${n.register}-${n.agencyCode}`
