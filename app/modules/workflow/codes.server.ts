import { sql, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema'
import { vnDay, vnYyMmDd } from '../calendar/vietnam-time'

/**
 * `<agency>-<yyMMdd>-<NNNN>`: the next number of the agency's Vietnamese calendar day, written on the dossier. The
 * counter row is bumped by an upsert inside the caller's transaction, so concurrent submissions queue on that row
 * and never share a number; a rolled-back submission gives its number back. One statement (the upsert and the
 * dossier's update in a CTE): the counter's lock is held from here to the commit, and every round trip in that
 * window is one that each other submission of the agency's day waits for.
 */
export async function assignDossierCode(
  trx: Transaction<Database>,
  dossier: { id: string; agency_id: string; agency_code: string },
  now: Date,
): Promise<string> {
  const prefix = `${dossier.agency_code}-${vnYyMmDd(now)}-`
  const row = await sql<{ code: string }>`
    WITH counter AS (
      INSERT INTO dossier_counters (agency_id, day, last) VALUES (${dossier.agency_id}, ${vnDay(now)}, 1)
      ON CONFLICT (agency_id, day) DO UPDATE SET last = dossier_counters.last + 1
      RETURNING last)
    UPDATE dossiers SET code = ${prefix} || lpad(counter.last::text, 4, '0')
      FROM counter
     WHERE dossiers.id = ${dossier.id}
    RETURNING dossiers.code`.execute(trx)
  const code = row.rows[0]?.code
  if (!code) throw new Error(`dossier ${dossier.id} vanished while taking its code`)
  return code
}

/**
 * The next number of the agency's tracking book for the Vietnamese year of reception, written on the dossier: the
 * same counter and one statement as the dossier code (assignDossierCode).
 */
export async function assignTrackingNumber(
  trx: Transaction<Database>,
  dossier: { id: string; agency_id: string },
  now: Date,
): Promise<void> {
  const year = Number(vnDay(now).slice(0, 4))
  const row = await sql<{ book_number: number }>`
    WITH counter AS (
      INSERT INTO tracking_book_counters (agency_id, year, last) VALUES (${dossier.agency_id}, ${year}, 1)
      ON CONFLICT (agency_id, year) DO UPDATE SET last = tracking_book_counters.last + 1
      RETURNING last)
    UPDATE dossiers SET book_year = ${year}, book_number = counter.last
      FROM counter
     WHERE dossiers.id = ${dossier.id}
    RETURNING dossiers.book_number`.execute(trx)
  if (!row.rows[0]) throw new Error(`dossier ${dossier.id} vanished while taking its tracking number`)
}
