import type { Kysely, Transaction } from 'kysely'
import type { Database, DossierStatus } from '../../../db/schema'

export interface EventInput {
  dossierId: string
  actorId: string | null
  actorRole: 'citizen' | 'reception' | 'specialist' | 'approver' | 'finance' | 'admin' | 'system'
  action: string
  from: DossierStatus | null
  to: DossierStatus | null
  reason?: string | null
  data?: Record<string, unknown>
  citizenVisible?: boolean
}

/** One audit row (append-only; the database refuses updates). Call inside the transition's transaction. */
export async function writeEvent(db: Kysely<Database> | Transaction<Database>, e: EventInput) {
  await db
    .insertInto('dossier_events')
    .values({
      dossier_id: e.dossierId,
      actor_id: e.actorId,
      actor_role: e.actorRole,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      reason: e.reason ?? null,
      data: JSON.stringify(e.data ?? {}),
      citizen_visible: e.citizenVisible ?? true,
    })
    .execute()
}
