import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { FileStorage } from '../files/storage.server'
import type { StoredUpload } from '../files/upload.server'
import { NotADraftError } from './errors'
import { keepUploads, replaceFileRow, unreferencedKeys } from './file-records.server'

/**
 * Records uploaded files (one request's, one per requirement) against the requirements of the applicant's
 * draft, each replacing the file that was there. All or nothing: the row changes happen in one transaction that
 * locks the draft; storage objects are deleted only after the commit (a crash leaves an orphan object at worst,
 * never a row pointing at nothing). If the draft is no longer a draft, the new objects are deleted and
 * NotADraftError thrown.
 */
export async function attachToDraft(
  db: Kysely<Database>,
  storage: FileStorage,
  input: { draftId: string; applicantId: string; uploads: readonly StoredUpload[] },
) {
  await keepUploads(storage, input.uploads, () =>
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
      const replaced: string[] = []
      for (const upload of input.uploads) {
        replaced.push(
          ...(await replaceFileRow(trx, {
            dossierId: draft.id,
            upload,
            uploadedBy: input.applicantId,
            supplementRequestId: null,
          })),
        )
      }
      return replaced
    }),
  )
}

/**
 * Removes one file from the applicant's draft (scoped: another's file id removes nothing). Its object is deleted
 * only when no other row names it (a file taken from the store shares its source's object).
 */
export async function removeFromDraft(
  db: Kysely<Database>,
  storage: FileStorage,
  input: { draftId: string; applicantId: string; fileId: string },
) {
  const { removed, deletable } = await db.transaction().execute(async (trx) => {
    const row = await trx
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
    return { removed: !!row, deletable: row ? await unreferencedKeys(trx, [row.storage_key]) : [] }
  })
  await Promise.all(deletable.map((key) => storage.delete(key).catch(() => {})))
  return removed
}

/** The files of the applicant's draft, oldest first (scoped: another's draft id lists nothing). */
export async function draftFiles(db: Kysely<Database>, input: { draftId: string; applicantId: string }) {
  return db
    .selectFrom('dossier_files as f')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .select(['f.id', 'f.requirement_key', 'f.original_name', 'f.size', 'f.source_file_id'])
    .where('d.id', '=', input.draftId)
    .where('d.applicant_id', '=', input.applicantId)
    .where('d.status', '=', 'draft')
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute()
}

/**
 * Discards the applicant's draft: its files and the draft itself, in one transaction that locks it (scoped:
 * another's draft, or a dossier already submitted, discards nothing and returns false). Storage objects are
 * deleted after the commit, and only those no other row names: a file the draft took from the citizen's store
 * shares the object of the earlier dossier's file, which stays.
 */
export async function discardDraft(
  db: Kysely<Database>,
  storage: FileStorage,
  input: { draftId: string; applicantId: string },
) {
  const result = await db.transaction().execute(async (trx) => {
    const draft = await trx
      .selectFrom('dossiers')
      .select('id')
      .where('id', '=', input.draftId)
      .where('applicant_id', '=', input.applicantId)
      .where('status', '=', 'draft')
      .forUpdate()
      .executeTakeFirst()
    if (!draft) return null
    const files = await trx
      .deleteFrom('dossier_files')
      .where('dossier_id', '=', draft.id)
      .returning('storage_key')
      .execute()
    await trx.deleteFrom('dossiers').where('id', '=', draft.id).execute()
    return unreferencedKeys(
      trx,
      files.map((f) => f.storage_key),
    )
  })
  if (!result) return false
  await Promise.all(result.map((key) => storage.delete(key).catch(() => {})))
  return true
}
