import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../db/schema'
import type { FileStorage } from '../files/storage.server'
import type { StoredUpload } from '../files/upload.server'

/**
 * Runs `record` (a transaction that writes the file's row and returns the storage keys it replaced) for an
 * object already in storage. If it throws, the new object is deleted; once it commits, the replaced objects
 * are. A crash in between leaves an orphan object at worst, never a row that points at nothing.
 */
export async function keepUpload(
  storage: FileStorage,
  upload: StoredUpload,
  record: () => Promise<string[]>,
) {
  await keepUploads(storage, [upload], record)
}

/** keepUpload for several objects recorded by one transaction: all are kept, or all deleted. */
export async function keepUploads(
  storage: FileStorage,
  uploads: readonly StoredUpload[],
  record: () => Promise<string[]>,
) {
  let replaced: string[]
  try {
    replaced = await record()
  } catch (error) {
    await Promise.all(uploads.map((u) => storage.delete(u.storageKey).catch(() => {})))
    throw error
  }
  await Promise.all(replaced.map((key) => storage.delete(key).catch(() => {})))
}

/**
 * Of `keys` (storage keys whose rows the caller has just deleted, in its transaction), those no row names any
 * more (a dossier's file, a result's draft, an issued result): the only ones that may be deleted from storage. A file taken from the citizen's store shares its
 * source's object (`source_file_id`), so deleting by key alone would take the bytes from under the source's
 * dossier and the store. Two transactions dropping the last two references at once each still see the other's
 * row and keep the object: an orphan at worst, never a row pointing at nothing.
 */
export async function unreferencedKeys(
  db: Kysely<Database> | Transaction<Database>,
  keys: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(keys)]
  if (!unique.length) return []
  // Every table whose rows name stored objects: the dossiers' files, and the results' drafts and issued files.
  const still = await db
    .selectFrom('dossier_files')
    .select('storage_key')
    .where('storage_key', 'in', unique)
    .union(db.selectFrom('result_drafts').select('storage_key').where('storage_key', 'in', unique))
    .union(db.selectFrom('results').select('storage_key').where('storage_key', 'in', unique))
    .execute()
  const kept = new Set(still.map((r) => r.storage_key))
  return unique.filter((k) => !kept.has(k))
}

/**
 * Inside the caller's transaction: replaces the file of one requirement (of the draft, or of one supplement
 * request) by the new upload (or by a file from the applicant's store, `sourceFileId`); returns the replaced
 * storage keys that nothing else names (unreferencedKeys).
 */
export async function replaceFileRow(
  trx: Transaction<Database>,
  input: {
    dossierId: string
    upload: StoredUpload
    uploadedBy: string
    supplementRequestId: string | null
    sourceFileId?: string | null
  },
) {
  const { upload } = input
  let old = trx
    .deleteFrom('dossier_files')
    .where('dossier_id', '=', input.dossierId)
    .where('requirement_key', '=', upload.field)
  old = input.supplementRequestId
    ? old.where('supplement_request_id', '=', input.supplementRequestId)
    : old.where('supplement_request_id', 'is', null)
  const removed = await old.returning('storage_key').execute()
  await trx
    .insertInto('dossier_files')
    .values({
      dossier_id: input.dossierId,
      requirement_key: upload.field,
      original_name: upload.originalName,
      mime: upload.mime,
      size: upload.size,
      sha256: upload.sha256,
      storage_key: upload.storageKey,
      uploaded_by: input.uploadedBy,
      supplement_request_id: input.supplementRequestId,
      source_file_id: input.sourceFileId ?? null,
    })
    .execute()
  return unreferencedKeys(
    trx,
    removed.map((r) => r.storage_key),
  )
}
