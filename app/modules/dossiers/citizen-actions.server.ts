import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { DossierNotFoundError, TransitionNotAllowedError } from './errors'
import { writeEvent } from './events.server'

import { withdrawableStatuses } from './progress'

export { withdrawableStatuses }

/**
 * Withdraws the applicant's dossier: locks the row, checks the status, one audit event. Scoped to the
 * applicant (another's code → DossierNotFoundError, i.e. 404).
 */
export async function withdrawDossier(
  db: Kysely<Database>,
  input: { code: string; applicantId: string; reason: string | null },
) {
  return db.transaction().execute(async (trx) => {
    const d = await trx
      .selectFrom('dossiers')
      .select(['id', 'status'])
      .where('code', '=', input.code)
      .where('applicant_id', '=', input.applicantId)
      .forUpdate()
      .executeTakeFirst()
    if (!d) throw new DossierNotFoundError()
    if (!withdrawableStatuses.includes(d.status)) {
      throw new TransitionNotAllowedError('withdraw', d.status)
    }
    await trx
      .updateTable('dossiers')
      .set({
        status: 'withdrawn',
        completed_at: new Date(),
        updated_at: new Date(),
        version: sql`version + 1`,
      })
      .where('id', '=', d.id)
      .execute()
    await writeEvent(trx, {
      dossierId: d.id,
      actorId: input.applicantId,
      actorRole: 'citizen',
      action: 'withdraw',
      from: d.status,
      to: 'withdrawn',
      reason: input.reason,
    })
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
