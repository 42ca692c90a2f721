import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { writeEvent } from '../workflow/events.server'
import { performTransition } from '../workflow/perform.server'
import { DossierNotFoundError, TransitionNotAllowedError } from './errors'
import { withdrawableStatuses } from './progress'

export { withdrawableStatuses }

/**
 * Withdraws the applicant's dossier through the workflow's `withdraw` (the row lock, the status check, the `close`
 * effect that proposes refunding what was paid online, one audit event). Scoped to the applicant: another's code
 * → DossierNotFoundError (404); a status past reception → TransitionNotAllowedError (409).
 */
export async function withdrawDossier(
  db: Kysely<Database>,
  input: { code: string; applicantId: string; reason: string | null; now?: Date },
) {
  return performTransition(db, {
    dossierCode: input.code,
    applicantId: input.applicantId,
    action: 'withdraw',
    actor: { id: input.applicantId, roles: [] },
    reason: input.reason,
    now: input.now,
  })
}

/** A 1–5 rating once the dossier is completed; rating again replaces it. */
export async function rateDossier(
  db: Kysely<Database>,
  input: { code: string; applicantId: string; score: number; comment: string | null },
) {
  return db.transaction().execute(async (trx) => {
    const d = await trx
      .selectFrom('dossiers')
      .select(['id', 'status'])
      .where('code', '=', input.code)
      .where('applicant_id', '=', input.applicantId)
      .executeTakeFirst()
    if (!d) throw new DossierNotFoundError()
    if (d.status !== 'completed') throw new TransitionNotAllowedError('rate', d.status)
    await trx
      .insertInto('ratings')
      .values({ dossier_id: d.id, score: input.score, comment: input.comment })
      .onConflict((oc) => oc.column('dossier_id').doUpdateSet({ score: input.score, comment: input.comment }))
      .execute()
    await writeEvent(trx, {
      dossierId: d.id,
      actorId: input.applicantId,
      actorRole: 'citizen',
      action: 'rate',
      from: d.status,
      to: d.status,
      data: { score: input.score },
    })
  })
}
