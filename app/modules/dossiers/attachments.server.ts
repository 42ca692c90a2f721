import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { FileStorage } from '../files/storage.server'
import type { StoredUpload } from '../files/upload.server'
import { NotADraftError } from './errors'
import { keepUpload, replaceFileRow } from './file-records.server'

/**
 * Records an uploaded file against a requirement of the applicant's draft, replacing the file that was there.
 * The row changes happen in one transaction that locks the draft; storage objects are deleted only after the
 * commit (a crash leaves an orphan object at worst, never a row pointing at nothing). If the draft is no longer
 * a draft, the new object is deleted and NotADraftError thrown.
 */
export async function attachToDraft(
  db: Kysely<Database>,
  storage: FileStorage,
  input: { draftId: string; applicantId: string; upload: StoredUpload },
) {
  await keepUpload(storage, input.upload, () =>
    db.transaction().execute(async (trx) => {
      const draft = await trx
        .selectFrom('dossiers')
        .select('id')
        .where('id', '=', input.draftId)
        .where('applicant_id', '=', input.applicantId)
        .where('status', '=', 'draft')
        .forUpdate()
        .executeTakeFirst()
      if (!draft) throw new NotADraftError()
      return replaceFileRow(trx, {
        dossierId: draft.id,
        upload: input.upload,
        uploadedBy: input.applicantId,
        supplementRequestId: null,
      })
    }),
  )
}

/** Removes one file from the applicant's draft (scoped: another's file id removes nothing). */
export async function removeFromDraft(
  db: Kysely<Database>,
  storage: FileStorage,
  input: { draftId: string; applicantId: string; fileId: string },
) {
  const removed = await db
    .deleteFrom('dossier_files')
    .where('id', '=', input.fileId)
    .where('dossier_id', 'in', (eb) =>
      eb
        .selectFrom('dossiers')
        .select('id')
        .where('id', '=', input.draftId)
        .where('applicant_id', '=', input.applicantId)
        .where('status', '=', 'draft'),
    )
    .returning('storage_key')
    .executeTakeFirst()
  if (removed) await storage.delete(removed.storage_key).catch(() => {})
  return !!removed
}

/** The files of the applicant's draft, oldest first (scoped: another's draft id lists nothing). */
export async function draftFiles(db: Kysely<Database>, input: { draftId: string; applicantId: string }) {
  return db
    .selectFrom('dossier_files as f')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .select(['f.id', 'f.requirement_key', 'f.original_name', 'f.size'])
    .where('d.id', '=', input.draftId)
    .where('d.applicant_id', '=', input.applicantId)
    .where('d.status', '=', 'draft')
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute()
}
