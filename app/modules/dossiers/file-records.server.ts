import type { Transaction } from 'kysely'
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
 * Inside the caller's transaction: replaces the file of one requirement (of the draft, or of one supplement
 * request) by the new upload; returns the replaced storage keys.
 */
export async function replaceFileRow(
  trx: Transaction<Database>,
  input: { dossierId: string; upload: StoredUpload; uploadedBy: string; supplementRequestId: string | null },
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
    })
    .execute()
  return removed.map((r) => r.storage_key)
}
