/**
 * The officer's check of each document of a dossier (issue 13 §1): valid, or needs a supplement with the reason.
 * The marks pre-fill the supplement request (Mẫu 02); they change no status, so they are not a workflow action,
 * but they are an officer write like one: scoped to the officer's agencies (404 otherwise), allowed to whoever
 * may ask for a supplement now (the workflow's own verdict for `request_supplement`: its roles, states and
 * guards), version-checked against the page, and audited (one internal dossier_events row per check).
 *
 * Contract: out of scope → DossierNotFoundError (404); no role of `request_supplement` in the agency →
 * ForbiddenActionError (403); a stale version → ConflictError (409); the status or a guard no longer allows a
 * supplement request → InvalidTransitionError (409); a file not of this dossier → InvalidActionInputError (422).
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../../db/schema'
import type { CurrentUser } from '../auth/permissions'
import { DossierNotFoundError } from '../dossiers/errors'
import {
  ConflictError,
  ForbiddenActionError,
  InvalidActionInputError,
  InvalidTransitionError,
} from '../workflow/errors'
import { writeEvent } from '../workflow/events.server'
import { loadFacts } from '../workflow/facts.server'
import { checkAction } from '../workflow/transitions'
import { CHECK_INTENT, type CheckVerdictValue } from './action-forms'
import { officerDossierRef, rolesIn } from './dossier.server'

export type CheckVerdict = CheckVerdictValue

export interface CheckDocumentInput {
  code: string
  user: CurrentUser
  fileId: string
  verdict: CheckVerdict
  /** required when the verdict is needs_supplement (trimmed, 1–1000 characters); ignored when valid */
  reason: string | null
  expectedVersion: number
  now?: Date
}

/** Records the check of one file; returns the dossier's new version. */
export async function checkDocument(db: Kysely<Database>, input: CheckDocumentInput): Promise<number> {
  const ref = await officerDossierRef(db, input.code, input.user)
  if (!ref) throw new DossierNotFoundError()
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx) => {
    const d = await trx
      .selectFrom('dossiers as d')
      .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
      .select([
        'd.id',
        'd.status',
        'd.version',
        'd.agency_id',
        'd.applicant_id',
        'd.due_at',
        'd.paused_since',
        'd.received_at',
        'd.assignee_id',
        'p.level',
      ])
      .where('d.id', '=', ref.id)
      .forUpdate('d')
      .executeTakeFirstOrThrow()
    // The applicant never acts on their own dossier, whatever roles they hold (decision 24).
    const roles = d.applicant_id === input.user.id ? [] : rolesIn(input.user, d.agency_id)
    const { facts } = await loadFacts(trx, d, { userId: input.user.id, now })
    const verdict = checkAction('request_supplement', { status: d.status, roles, facts })
    if (!verdict.ok && verdict.because === 'role') throw new ForbiddenActionError(CHECK_INTENT)
    if (input.expectedVersion !== d.version) throw new ConflictError(input.expectedVersion, d.version)
    if (!verdict.ok)
      throw new InvalidTransitionError(
        CHECK_INTENT,
        d.status,
        verdict.because === 'guard' ? 'guard' : 'status',
        verdict.because === 'guard' ? verdict.guard : null,
      )

    const file = await trx
      .selectFrom('dossier_files')
      .select(['id', 'requirement_key'])
      .where('id', '=', input.fileId)
      .where('dossier_id', '=', d.id)
      .executeTakeFirst()
    // The draft result is the officers' own file, not a document the applicant supplies.
    if (!file || file.requirement_key === 'result')
      throw new InvalidActionInputError(CHECK_INTENT, 'fileId', 'invalid')
    const reason = input.verdict === 'valid' ? null : (input.reason ?? '').trim()
    if (reason !== null && !reason) throw new InvalidActionInputError(CHECK_INTENT, 'reason', 'required')
    if (reason !== null && reason.length > 1000)
      throw new InvalidActionInputError(CHECK_INTENT, 'reason', 'tooLong')

    await trx
      .insertInto('dossier_file_checks')
      .values({
        file_id: file.id,
        dossier_id: d.id,
        verdict: input.verdict,
        reason,
        checked_by: input.user.id,
        checked_at: now,
      })
      .onConflict((oc) =>
        oc.column('file_id').doUpdateSet({
          verdict: input.verdict,
          reason,
          checked_by: input.user.id,
          checked_at: now,
        }),
      )
      .execute()
    const updated = await trx
      .updateTable('dossiers')
      .set({ version: sql<number>`version + 1`, updated_at: now })
      .where('id', '=', d.id)
      .returning('version')
      .executeTakeFirstOrThrow()
    await writeEvent(trx, {
      dossierId: d.id,
      actorId: input.user.id,
      actorRole: verdict.ok ? verdict.role : 'reception',
      action: CHECK_INTENT,
      from: d.status,
      to: d.status,
      reason,
      data: { fileId: file.id, requirementKey: file.requirement_key, verdict: input.verdict },
      citizenVisible: false,
    })
    return updated.version
  })
}
