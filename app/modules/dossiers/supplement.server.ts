import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { FileStorage } from '../files/storage.server'
import type { StoredUpload } from '../files/upload.server'
import { buildSectionSchema, errorsFromIssues } from '../forms/build-schema'
import { allFields, procedureVersionFromRow, type Field } from '../forms/definition'
import { DossierNotFoundError, IncompleteDossierError, TransitionNotAllowedError } from './errors'
import { keepUploads, replaceFileRow } from './file-records.server'
import { performTransition } from '../workflow/perform.server'

/**
 * The applicant's dossier with its open supplement request (null when none is open). Scoped: another
 * applicant's code finds nothing.
 */
export async function getSupplement(db: Kysely<Database>, code: string, applicantId: string) {
  const d = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.form_data',
      'd.paused_since',
      'v.form',
      'v.documents',
      'p.name_vi',
      'p.name_en',
    ])
    .where('d.code', '=', code)
    .where('d.applicant_id', '=', applicantId)
    .executeTakeFirst()
  if (!d) return null
  const request =
    d.status === 'supplement_requested'
      ? ((await db
          .selectFrom('supplement_requests')
          .select(['id', 'items', 'requested_at', 'return_status'])
          .where('dossier_id', '=', d.id)
          .where('answered_at', 'is', null)
          .orderBy('requested_at', 'desc')
          .executeTakeFirst()) ?? null)
      : null
  const files = request
    ? await db
        .selectFrom('dossier_files')
        .select(['id', 'requirement_key', 'original_name', 'size'])
        .where('supplement_request_id', '=', request.id)
        .orderBy('created_at')
        .execute()
    : []
  const { form, documents } = procedureVersionFromRow(d)
  const items = request?.items ?? []
  const askedFields = allFields(form).filter((f) => items.some((i) => i.kind === 'field' && i.key === f.key))
  const askedDocuments = documents.filter((doc) =>
    items.some((i) => i.kind === 'document' && i.key === doc.key),
  )
  return { ...d, form, documents, request, items, files, askedFields, askedDocuments }
}

/**
 * Re-uploaded documents for an open supplement request (one request's, one per document): only the documents the
 * request names; all recorded in one transaction, or none.
 */
export async function attachToSupplement(
  db: Kysely<Database>,
  storage: FileStorage,
  input: { dossierId: string; requestId: string; applicantId: string; uploads: readonly StoredUpload[] },
) {
  await keepUploads(storage, input.uploads, () =>
    db.transaction().execute(async (trx) => {
      const open = await trx
        .selectFrom('supplement_requests as r')
        .innerJoin('dossiers as d', 'd.id', 'r.dossier_id')
        .select(['r.id', 'r.items'])
        .where('r.id', '=', input.requestId)
        .where('r.answered_at', 'is', null)
        .where('d.id', '=', input.dossierId)
        .where('d.applicant_id', '=', input.applicantId)
        .where('d.status', '=', 'supplement_requested')
        .forUpdate('d')
        .executeTakeFirst()
      if (!open) throw new TransitionNotAllowedError('supplement', 'not awaiting a supplement')
      const replaced: string[] = []
      for (const upload of input.uploads) {
        if (!open.items.some((i) => i.kind === 'document' && i.key === upload.field)) {
          throw new TransitionNotAllowedError('supplement', `document ${upload.field} was not asked for`)
        }
        replaced.push(
          ...(await replaceFileRow(trx, {
            dossierId: input.dossierId,
            upload,
            uploadedBy: input.applicantId,
            supplementRequestId: open.id,
          })),
        )
      }
      return replaced
    }),
  )
}

export class SupplementFieldErrors extends Error {
  constructor(readonly errors: Record<string, string>) {
    super('invalid supplement fields')
  }
}

/**
 * Answers the open request: every requested document re-uploaded, the requested fields valid (only those are
 * taken from `values`; the rest of the dossier stays as it was). One transaction that locks the dossier, saves
 * the answered fields, then performs the workflow's `supplement` action as the applicant (performTransition:
 * back to the status it had, the clock resumed by the legal clock's rule, the request closed, one audit event).
 */
export async function answerSupplement(
  db: Kysely<Database>,
  input: { code: string; applicantId: string; values: Record<string, unknown>; now?: Date },
) {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx) => {
    const d = await trx
      .selectFrom('dossiers as d')
      .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
      .select(['d.id', 'd.status', 'd.form_data', 'v.form', 'v.documents'])
      .where('d.code', '=', input.code)
      .where('d.applicant_id', '=', input.applicantId)
      .forUpdate('d')
      .executeTakeFirst()
    if (!d) throw new DossierNotFoundError()
    if (d.status !== 'supplement_requested') throw new TransitionNotAllowedError('supplement', d.status)
    const request = await trx
      .selectFrom('supplement_requests')
      .select(['id', 'items'])
      .where('dossier_id', '=', d.id)
      .where('answered_at', 'is', null)
      .orderBy('requested_at', 'desc')
      .executeTakeFirst()
    if (!request) throw new TransitionNotAllowedError('supplement', 'no open request')
    const { items } = request
    const { form, documents } = procedureVersionFromRow(d)

    const uploaded = new Set(
      (
        await trx
          .selectFrom('dossier_files')
          .select('requirement_key')
          .where('supplement_request_id', '=', request.id)
          .execute()
      ).map((f) => f.requirement_key),
    )
    const missing = items
      .filter((i) => i.kind === 'document' && !uploaded.has(i.key))
      .map((i) => ({
        key: 'dossier:supplement.missingDocument',
        values: { name: documents.find((doc) => doc.key === i.key)?.name.vi ?? i.key },
        where: 'documents',
      }))
    if (missing.length) throw new IncompleteDossierError(missing)

    const fields: Field[] = allFields(form).filter((f) =>
      items.some((i) => i.kind === 'field' && i.key === f.key),
    )
    if (fields.length) {
      const parsed = buildSectionSchema({ fields }).safeParse({ ...d.form_data, ...input.values })
      if (!parsed.success) throw new SupplementFieldErrors(errorsFromIssues(parsed.error.issues))
      const keys = fields.map((f) => f.key)
      const formData = {
        ...Object.fromEntries(Object.entries(d.form_data).filter(([k]) => !keys.includes(k))),
        ...parsed.data,
      }
      await trx
        .updateTable('dossiers')
        .set({ form_data: JSON.stringify(formData) })
        .where('id', '=', d.id)
        .execute()
    }
    // The same transition officers' actions go through: the status, the clock and the audit row in one place.
    await performTransition(trx, {
      dossierCode: input.code,
      action: 'supplement',
      actor: { id: input.applicantId, roles: [] },
      data: { documents: [...uploaded], fields: fields.map((f) => f.key) },
      now,
    })
  })
}
