import { sql, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema'
import { vnDay, vnYyMmDd } from '../calendar/vietnam-time'

/**
 * `<agency>-<yyMMdd>-<NNNN>`: the next number of the agency's Vietnamese calendar day. The counter row is bumped
 * by an upsert inside the caller's transaction, so concurrent submissions queue on that row and never share a
 * number; a rolled-back submission gives its number back.
 */
export async function nextDossierCode(
  trx: Transaction<Database>,
  agency: { id: string; code: string },
  now: Date,
) {
  const row = await trx
    .insertInto('dossier_counters')
    .values({ agency_id: agency.id, day: vnDay(now), last: 1 })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'day']).doUpdateSet({ last: sql`dossier_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow()
  return `${agency.code}-${vnYyMmDd(now)}-${String(row.last).padStart(4, '0')}`
}
