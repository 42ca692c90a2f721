/**
 * What an officer does from the dossier page: workflow actions (through performTransition, which queues the
 * action's letter in the same transaction) and messages (to the applicant, or internal notes).
 *
 * Contract: a dossier outside the officer's agencies → DossierNotFoundError (404, as if it did not exist); the
 * workflow's own errors pass through unchanged (ForbiddenActionError 403, ConflictError and
 * InvalidTransitionError 409, InvalidActionInputError 422).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { CurrentUser } from '../auth/permissions'
import { DossierNotFoundError } from '../dossiers/errors'
import { keepUpload, replaceFileRow } from '../dossiers/file-records.server'
import type { FileStorage } from '../files/storage.server'
import type { StoredUpload } from '../files/upload.server'
import { InvalidActionInputError } from '../workflow/errors'
import { performTransition, type Actor, type TransitionResult } from '../workflow/perform.server'
import type { ActionName } from '../workflow/transitions'
import { RESULT_KEY } from './action-forms'
import { officerDossierRef } from './dossier.server'

export const actorOf = (user: CurrentUser): Actor => ({
  id: user.id,
  roles: user.roles.map((g) => ({ role: g.role, agencyId: g.agencyId })),
})

export interface OfficerActionInput {
  code: string
  user: CurrentUser
  action: ActionName
  /** the version the page was rendered with */
  expectedVersion: number
  reason: string | null
  data: Record<string, unknown>
  /** propose: the draft result, already streamed into storage (deleted again if the action fails) */
  upload?: StoredUpload
  now?: Date
}

/** Performs one workflow action for an officer of the dossier's agency. */
export async function performOfficerAction(
  db: Kysely<Database>,
  storage: FileStorage,
  input: OfficerActionInput,
): Promise<TransitionResult> {
  const ref = await officerDossierRef(db, input.code, input.user)
  if (!ref) {
    if (input.upload) await storage.delete(input.upload.storageKey).catch(() => {})
    throw new DossierNotFoundError()
  }
  const base = {
    dossierCode: input.code,
    action: input.action,
    actor: actorOf(input.user),
    expectedVersion: input.expectedVersion,
    reason: input.reason,
    now: input.now,
  }

  if (input.action === 'deliver') await checkDeliveryMethod(db, ref.procedure_id, input.data.method)

  if (input.action !== 'propose') {
    return performTransition(db, { ...base, data: input.data })
  }

  // Propose: the draft result is kept as the dossier's 'result' file in the same transaction (replacing an
  // earlier draft after a return for rework); storage objects follow the commit (file-records.server.ts).
  const upload = input.upload
  if (!upload) throw new InvalidActionInputError('propose', RESULT_KEY, 'required')
  let result: TransitionResult | undefined
  await keepUpload(storage, upload, async () => {
    let replaced: string[] = []
    result = await performTransition(db, {
      ...base,
      data: {
        ...input.data,
        draftResult: { name: upload.originalName, size: upload.size, sha256: upload.sha256 },
      },
      inTransaction: async (trx, r) => {
        replaced = await replaceFileRow(trx, {
          dossierId: r.dossierId,
          upload: { ...upload, field: RESULT_KEY },
          uploadedBy: input.user.id,
          supplementRequestId: null,
        })
      },
    })
    return replaced
  })
  return result!
}

async function checkDeliveryMethod(db: Kysely<Database>, procedureId: string, method: unknown) {
  const p = await db
    .selectFrom('procedures')
    .select('delivery')
    .where('id', '=', procedureId)
    .executeTakeFirstOrThrow()
  if (typeof method !== 'string' || !p.delivery.includes(method))
    throw new InvalidActionInputError('deliver', 'method', 'invalid')
}

/** A message to the applicant (internal = false) or a note for staff only (internal = true). */
export async function postMessage(
  db: Kysely<Database>,
  input: { code: string; user: CurrentUser; body: string; internal: boolean },
) {
  const ref = await officerDossierRef(db, input.code, input.user)
  if (!ref) throw new DossierNotFoundError()
  await db
    .insertInto('messages')
    .values({ dossier_id: ref.id, author_id: input.user.id, body: input.body, internal: input.internal })
    .execute()
}
