/**
 * What an officer asks the applicant to supply again: a document or a field of the dossier's procedure version,
 * with the reason. The workflow's request_supplement action writes them to supplement_requests.items (a column
 * typed with SupplementItem, written only after this parse) and to its event's data, which is read back here.
 * Pure (no server code).
 */
import { z } from 'zod'
import type { SupplementItem } from '../../../db/schema'
import { parseStored } from './definition'

export type { SupplementItem }

export const supplementItemSchema: z.ZodType<SupplementItem> = z.object({
  kind: z.enum(['document', 'field']),
  key: z.string().min(1).max(100),
  reason: z.string().trim().min(1).max(1000),
})

export const supplementItemsSchema = z.array(supplementItemSchema)

/** The items of a request_supplement event's data (throws StoredJsonError if they are not items). */
export function supplementItemsOf(json: unknown): SupplementItem[] {
  return parseStored(supplementItemsSchema, json, 'dossier_events.data.items')
}
