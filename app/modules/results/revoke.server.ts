/**
 * Revoking a result, and correcting one (issue 15 §5). Neither changes the dossier's status (a completed dossier
 * stays completed), so they are not workflow actions; like the per-document check they are officer writes done the
 * workflow's way: the dossier row locked, the actor's approver role in the dossier's agency re-read from
 * staff_roles (never on their own dossier), the page's version checked, one dossier_events row
 * ('revoke_result' / 'correct_result', shown to the citizen), all in one transaction.
 *
 * Contract: out of scope → DossierNotFoundError (404); not an approver of the agency → ForbiddenActionError
 * (403); stale version → ConflictError (409); the result already revoked → InvalidTransitionError (409); no reason
 * or bad fields → InvalidActionInputError (422).
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { CurrentUser } from '../auth/permissions'
import { DossierNotFoundError } from '../dossiers/errors'
import { officerDossierRef } from '../officer/dossier.server'
import {
  ConflictError,
  ForbiddenActionError,
  InvalidActionInputError,
  InvalidTransitionError,
} from '../workflow/errors'
import { writeEvent } from '../workflow/events.server'
import { resultDefinitionOf } from './definition'
import { issueResult, readResultFields, UUID, type IssueDeps } from './results.server'

export const REVOKE_INTENT = 'revoke_result'
export const CORRECT_INTENT = 'correct_result'

export interface RevokeInput {
  code: string
  user: CurrentUser
  resultId: string
  reason: string
  expectedVersion: number
  /** correct_result: the corrected template fields (keys without rf_) */
  fields?: Record<string, unknown>
  now?: Date
}

export async function revokeResult(db: Kysely<Database>, input: RevokeInput): Promise<void> {
  await change(db, null, REVOKE_INTENT, input)
}

/** Revokes the result and issues its correction (a new number, naming the old), signed now by this approver. */
export async function correctResult(db: Kysely<Database>, deps: IssueDeps, input: RevokeInput) {
  return change(db, deps, CORRECT_INTENT, input)
}

async function change(
  db: Kysely<Database>,
  deps: IssueDeps | null,
  intent: typeof REVOKE_INTENT | typeof CORRECT_INTENT,
  input: RevokeInput,
) {
  const ref = await officerDossierRef(db, input.code, input.user)
  if (!ref) throw new DossierNotFoundError()
  const now = input.now ?? new Date()
  const reason = input.reason.trim()
  let removedKeys: string[] = []
  let newKey: string | null = null
  try {
    const out = await db.transaction().execute(async (trx) => {
      const d = await trx
        .selectFrom('dossiers as d')
        .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
        .select(['d.id', 'd.status', 'd.version', 'd.agency_id', 'd.applicant_id', 'v.result'])
        .where('d.id', '=', ref.id)
        .forUpdate('d')
        .executeTakeFirstOrThrow()
      const granted =
        d.applicant_id !== input.user.id &&
        !!(await trx
          .selectFrom('staff_roles')
          .select('role')
          .where('user_id', '=', input.user.id)
          .where('agency_id', '=', d.agency_id)
          .where('role', '=', 'approver')
          .executeTakeFirst()) &&
        input.user.roles.some((g) => g.agencyId === d.agency_id && g.role === 'approver')
      if (!granted) throw new ForbiddenActionError(intent)
      if (input.expectedVersion !== d.version) throw new ConflictError(input.expectedVersion, d.version)
      if (!UUID.test(input.resultId)) throw new InvalidActionInputError(intent, 'resultId', 'invalid')
      const r = await trx
        .selectFrom('results')
        .select(['id', 'number_text', 'revoked_at', 'fields', 'draft_id'])
        .where('id', '=', input.resultId)
        .where('dossier_id', '=', d.id)
        .forUpdate()
        .executeTakeFirst()
      if (!r) throw new InvalidActionInputError(intent, 'resultId', 'invalid')
      if (r.revoked_at) throw new InvalidTransitionError(intent, d.status, 'status')
      if (!reason) throw new InvalidActionInputError(intent, 'reason', 'required')
      if (reason.length > 2000) throw new InvalidActionInputError(intent, 'reason', 'tooLong')
      const def = resultDefinitionOf(d.result)
      const fields =
        intent === CORRECT_INTENT ? readResultFields(def, input.fields ?? {}, CORRECT_INTENT, true) : {}

      await trx
        .updateTable('results')
        .set({ revoked_at: now, revoked_by: input.user.id, revoke_reason: reason })
        .where('id', '=', r.id)
        .execute()
      let issued: Awaited<ReturnType<typeof issueResult>> | null = null
      if (intent === CORRECT_INTENT) {
        issued = await issueResult(trx, deps!, {
          dossierId: d.id,
          approver: { id: input.user.id },
          now,
          replaces: { id: r.id, numberText: r.number_text, fields, draftId: r.draft_id },
        })
        removedKeys = issued.replacedKeys
        newKey = issued.storageKey
      } else {
        // A revoked result is no longer the dossier's deliverable file; its bytes stay for the record.
        await trx
          .deleteFrom('dossier_files')
          .where('dossier_id', '=', d.id)
          .where('requirement_key', '=', 'result')
          .where('supplement_request_id', 'is', null)
          .where(
            'id',
            '=',
            trx
              .selectFrom('results')
              .select('file_id')
              .where('id', '=', r.id)
              .where('file_id', 'is not', null),
          )
          .execute()
        await trx.updateTable('results').set({ file_id: null }).where('id', '=', r.id).execute()
      }
      await trx
        .updateTable('dossiers')
        .set({ version: sql<number>`version + 1`, updated_at: now })
        .where('id', '=', d.id)
        .execute()
      await writeEvent(trx, {
        dossierId: d.id,
        actorId: input.user.id,
        actorRole: 'approver',
        action: intent,
        from: d.status,
        to: d.status,
        reason,
        data: {
          result: r.number_text,
          ...(issued ? { newResult: issued.numberText, newResultId: issued.id } : {}),
        },
        citizenVisible: true,
      })
      return issued
    })
    // The revoked result's object is kept (results.storage_key): only draft-era file rows are deleted.
    const keep = new Set(
      (await db.selectFrom('results').select('storage_key').where('dossier_id', '=', ref.id).execute()).map(
        (x) => x.storage_key,
      ),
    )
    if (deps)
      for (const key of removedKeys.filter((k) => !keep.has(k)))
        await deps.storage.delete(key).catch(() => {})
    return out
  } catch (error) {
    if (newKey && deps) await deps.storage.delete(newKey).catch(() => {})
    throw error
  }
}
