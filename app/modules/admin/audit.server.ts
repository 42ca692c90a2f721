import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { inAdminScope, type AdminScope } from './access.server'

export interface AuditEntry {
  actorId: string
  /** the agency the change belongs to; null for city-wide data (holidays) */
  agencyId: string | null
  /** e.g. 'holiday.add', 'role.grant' (translated as admin:audit.action.<action>) */
  action: string
  /** what changed, as a person reads it: a date, an e-mail, an agency or procedure code */
  target: string
  data?: Record<string, unknown>
}

/** One admin_audit row; call it inside the change's transaction (the table is append-only). */
export async function writeAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('admin_audit')
    .values({
      actor_id: entry.actorId,
      agency_id: entry.agencyId,
      action: entry.action,
      target: entry.target,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute()
}

/** The latest changes an administrator may see: those of the agencies in their scope, and the city-wide ones. */
export async function recentAudit(db: Kysely<Database>, scope: AdminScope, limit = 10) {
  return db
    .selectFrom('admin_audit as l')
    .innerJoin('users as u', 'u.id', 'l.actor_id')
    .leftJoin('agencies as a', 'a.id', 'l.agency_id')
    .select(['l.id', 'l.action', 'l.target', 'l.at', 'u.full_name as actor', 'a.code as agency_code'])
    .where((eb) => eb.or([eb('l.agency_id', 'is', null), inAdminScope(scope, 'l.agency_id')]))
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute()
}
