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
import type { FileStorage } from '../files/storage.server'
import type { StoredUpload } from '../files/upload.server'
import { performTransition, type Actor, type TransitionResult } from '../workflow/perform.server'
import type { ActionName } from '../workflow/transitions'
import type { IssueDeps } from '../results/results.server'
import { officerDossierRef } from './dossier.server'
import { approveAndSign, proposeResult, returnForRework } from './result-actions.server'

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
  /** propose: the result template's fields as posted (rf_<key> → key) */
  resultFields?: Record<string, unknown>
  /** approve: the signer and the portal's public origin (the QR code's /verify/:id) */
  signing?: Omit<IssueDeps, 'storage'>
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

  // The result's steps (results/): the draft's history, and signing on approval.
  const now = input.now ?? new Date()
  const step = {
    base: { ...base, now },
    dossierId: ref.id,
    userId: input.user.id,
    data: input.data,
    fields: input.resultFields ?? {},
    upload: input.upload,
    note: input.reason,
    now,
  }
  if (input.action === 'propose') return proposeResult(db, storage, step)
  if (input.action === 'return_rework') return returnForRework(db, step)
  if (input.action === 'approve') {
    if (!input.signing) throw new Error('approve needs the signing runtime and the portal origin')
    return approveAndSign(db, { ...input.signing, storage }, step)
  }
  return performTransition(db, { ...base, data: input.data })
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
