import { sql, type Kysely } from 'kysely'
import type { Database, DeliveryMethod } from '../../../db/schema'
import type { ProcedureDetail } from '../catalogue/catalogue.server'
import { procedureVersionFromRow } from '../forms/definition'
import { NotADraftError } from './errors'

/**
 * The applicant's draft for a procedure, or a new one. One draft per applicant and procedure (a partial unique
 * index), so a double click or two tabs resume the same draft rather than making two.
 */
export async function startDraft(db: Kysely<Database>, applicantId: string, procedure: ProcedureDetail) {
  const inserted = await db
    .insertInto('dossiers')
    .values({
      procedure_id: procedure.id,
      procedure_version_id: procedure.version_id,
      agency_id: procedure.agency_id,
      applicant_id: applicantId,
    })
    .onConflict((oc) =>
      oc.columns(['applicant_id', 'procedure_id']).where('status', '=', 'draft').doNothing(),
    )
    .returning('id')
    .executeTakeFirst()
  if (inserted) return inserted.id
  const existing = await findDraft(db, applicantId, procedure.id)
  if (!existing) throw new Error('draft vanished while starting')
  return existing.id
}

/** The applicant's current draft of this procedure (scoped: another user's draft is never found). */
export async function findDraft(db: Kysely<Database>, applicantId: string, procedureId: string) {
  const row = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .select([
      'd.id',
      'd.form_data',
      'd.sections_done',
      'd.delivery_method',
      'd.delivery_address',
      'd.declared_at',
      'd.version',
      'v.form',
      'v.documents',
      'v.version as form_version',
      'v.required_identity_level',
    ])
    .where('d.applicant_id', '=', applicantId)
    .where('d.procedure_id', '=', procedureId)
    .where('d.status', '=', 'draft')
    .executeTakeFirst()
  return row ? procedureVersionFromRow(row) : undefined
}
export type Draft = NonNullable<Awaited<ReturnType<typeof findDraft>>>

/**
 * Saves one section's validated values into the draft. form_data is one flat object (field keys are unique
 * in a definition): the section's keys are removed, then its new values merged, so other sections stay and an
 * emptied optional field disappears.
 */
export async function saveSection(
  db: Kysely<Database>,
  draftId: string,
  applicantId: string,
  section: { key: string; fieldKeys: string[] },
  values: Record<string, unknown>,
  /**
   * Which of the section's fields were filled from verified VNeID claims (issue 16 §4): replaces the section's
   * entries of `identity_claims`, so a field saved later without VNeID is no longer said to come from it.
   */
  identitySources?: Record<string, unknown>,
) {
  const sectionKey = section.key
  const keys = sql.val(section.fieldKeys)
  const result = await db
    .updateTable('dossiers')
    .set((eb) => ({
      form_data: sql<string>`(form_data - ${keys}::text[]) || ${JSON.stringify(values)}::jsonb`,
      ...(identitySources
        ? {
            identity_claims: sql<string>`nullif((coalesce(identity_claims, '{}'::jsonb) - ${keys}::text[]) || ${JSON.stringify(identitySources)}::jsonb, '{}'::jsonb)`,
          }
        : {}),
      sections_done: eb.fn<string[]>('array_append', [
        eb.fn('array_remove', [eb.ref('sections_done'), eb.val(sectionKey)]),
        eb.val(sectionKey),
      ]) as never,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', draftId)
    .where('applicant_id', '=', applicantId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new NotADraftError()
}

export async function saveDelivery(
  db: Kysely<Database>,
  draftId: string,
  applicantId: string,
  method: DeliveryMethod,
  address: Record<string, string> | null,
) {
  const result = await db
    .updateTable('dossiers')
    .set((eb) => ({
      delivery_method: method,
      delivery_address: address ? JSON.stringify(address) : null,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', draftId)
    .where('applicant_id', '=', applicantId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new NotADraftError()
}
