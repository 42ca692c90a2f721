import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { networkKey, recordFailures, throttlePolicy, waitFor } from '../auth/throttle.server'
import type { LookupInput } from './lookup-schema'

export type LookupResult =
  | { status: 'throttled'; seconds: number }
  | { status: 'not_found' }
  | {
      status: 'found'
      dossier: {
        code: string
        status: string
        name_vi: string
        name_en: string
        submitted_at: Date | null
        received_at: Date | null
        due_at: Date | null
        completed_at: Date | null
        /** the postal item number once the result went by post (the address is never shown) */
        postal_tracking_number: string | null
      }
    }

/**
 * Public lookup: the code plus the last four digits of the applicant's phone or citizen id. Shows the status and
 * dates only, and the postal item number of a result sent by post (to follow the item at the post), no personal
 * data. A miss counts against the client's network (its IPv4 address or IPv6 /64) and
 * against the dossier code entered (soft back-off on each, in PostgreSQL), so neither one address nor many
 * addresses guessing one code's 4 digits get far. The code's counter runs whether or not the code exists, so the
 * answers (not found, or wait) are the same for a real code and an invented one.
 */
export async function lookupDossier(
  db: Kysely<Database>,
  input: LookupInput,
  ip: string,
): Promise<LookupResult> {
  const limits = [
    { key: `lookup:${networkKey(ip)}`, ...throttlePolicy.lookup },
    { key: `lookup-code:${input.code}`, ...throttlePolicy.lookupCode },
  ]
  const wait = await waitFor(
    db,
    limits.map((l) => l.key),
  )
  if (wait > 0) return { status: 'throttled', seconds: wait }
  const row = await db
    .selectFrom('dossiers as d')
    .innerJoin('users as u', 'u.id', 'd.applicant_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .select([
      'd.code',
      'd.status',
      'p.name_vi',
      'p.name_en',
      'd.submitted_at',
      'd.received_at',
      'd.due_at',
      'd.completed_at',
      'd.postal_tracking_number',
    ])
    .where('d.code', '=', input.code)
    .where((eb) =>
      eb.or([
        eb(eb.fn('right', ['u.phone', eb.val(4)]), '=', input.check),
        eb(eb.fn('right', ['u.citizen_id', eb.val(4)]), '=', input.check),
      ]),
    )
    .executeTakeFirst()
  if (!row?.code) {
    await recordFailures(db, limits)
    return { status: 'not_found' }
  }
  return { status: 'found', dossier: { ...row, code: row.code } }
}
