/**
 * The result's steps of the officer workflow (issue 15): `propose` carries the draft (an upload, or the procedure's
 * template filled in by the specialist), `return_rework` keeps the draft in the history marked returned, and
 * `approve` signs and issues the result — each inside the transition's own transaction, so a refused signature
 * approves nothing.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { keepUpload, replaceFileRow } from '../dossiers/file-records.server'
import type { FileStorage } from '../files/storage.server'
import type { StoredUpload } from '../files/upload.server'
import {
  insertDraft,
  issueResult,
  prepareDraft,
  returnDraft,
  type IssueDeps,
} from '../results/results.server'
import { performTransition, type PerformInput, type TransitionResult } from '../workflow/perform.server'
import { RESULT_KEY } from './action-forms'

export interface ResultStepInput {
  base: Omit<PerformInput, 'data' | 'inTransaction'>
  dossierId: string
  userId: string
  data: Record<string, unknown>
  /** propose: the template fields posted (rf_<key> → key) */
  fields: Record<string, unknown>
  upload?: StoredUpload
  note: string | null
  now: Date
}

export async function proposeResult(db: Kysely<Database>, storage: FileStorage, input: ResultStepInput) {
  const draft = await prepareDraft(db, storage, {
    dossierId: input.dossierId,
    userId: input.userId,
    fields: input.fields,
    upload: input.upload,
    note: input.note,
    now: input.now,
  }).catch(async (error) => {
    if (input.upload) await storage.delete(input.upload.storageKey).catch(() => {})
    throw error
  })
  const run = async (
    extra?: (
      trx: Parameters<NonNullable<PerformInput['inTransaction']>>[0],
      r: TransitionResult,
    ) => Promise<void>,
  ) =>
    performTransition(db, {
      ...input.base,
      data: {
        ...input.data,
        draftResult: { name: draft.row.original_name, size: draft.row.size, sha256: draft.row.sha256 },
      },
      inTransaction: async (trx, r) => {
        await insertDraft(trx, {
          dossierId: r.dossierId,
          userId: input.userId,
          note: input.note,
          row: draft.row,
        })
        await extra?.(trx, r)
      },
    })
  try {
    const upload = input.upload
    if (!upload) return await run()
    // An uploaded draft is also the dossier's 'result' file until approval (replacing an earlier draft's).
    let result: TransitionResult | undefined
    await keepUpload(storage, upload, async () => {
      let replaced: string[] = []
      result = await run(async (trx, r) => {
        replaced = await replaceFileRow(trx, {
          dossierId: r.dossierId,
          upload: { ...upload, field: RESULT_KEY },
          uploadedBy: input.userId,
          supplementRequestId: null,
        })
      })
      return replaced
    })
    return result!
  } catch (error) {
    await storage.delete(draft.key).catch(() => {})
    throw error
  }
}

export async function returnForRework(db: Kysely<Database>, input: ResultStepInput) {
  return performTransition(db, {
    ...input.base,
    data: input.data,
    inTransaction: (trx, r) => returnDraft(trx, r.dossierId, r.reason),
  })
}

export async function approveAndSign(db: Kysely<Database>, deps: IssueDeps, input: ResultStepInput) {
  let issued: Awaited<ReturnType<typeof issueResult>> | undefined
  try {
    const result = await performTransition(db, {
      ...input.base,
      data: input.data,
      inTransaction: async (trx, r) => {
        issued = await issueResult(trx, deps, {
          dossierId: r.dossierId,
          approver: { id: input.userId },
          now: input.now,
        })
      },
    })
    for (const key of issued?.replacedKeys ?? []) await deps.storage.delete(key).catch(() => {})
    return { ...result, issued: issued ?? null }
  } catch (error) {
    if (issued) await deps.storage.delete(issued.storageKey).catch(() => {})
    throw error
  }
}
