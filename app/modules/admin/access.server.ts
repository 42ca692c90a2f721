import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../../../db/schema'
import type { CurrentUser } from '../auth/permissions'

export interface AdminAgency {
  id: string
  code: string
}

/** The agencies in which the user is an administrator (their scope for staff, roles and agencies). */
export function adminAgencies(user: CurrentUser): AdminAgency[] {
  const seen = new Map<string, AdminAgency>()
  for (const g of user.roles)
    if (g.role === 'admin' && !seen.has(g.agencyId))
      seen.set(g.agencyId, { id: g.agencyId, code: g.agencyCode })
  return [...seen.values()]
}

/**
 * What an administrator may administer: the agencies they hold the `admin` role in and every agency below them
 * in the tree. `city` is true for the city-level super-administrator: the `admin` role on a root agency (the
 * city People's Committee, the agency without a parent; README decision "the city's administrator"). Only
 * they see every agency's data without a tree walk and edit city-wide data (the holiday calendar).
 */
export interface AdminScope {
  actorId: string
  agencyIds: readonly string[]
  city: boolean
}

/** The scope of `user` (one query: whether one of their admin agencies is a root agency). */
export async function adminScope(db: Kysely<Database>, user: CurrentUser): Promise<AdminScope> {
  const agencyIds = adminAgencies(user).map((a) => a.id)
  const city =
    agencyIds.length > 0 &&
    (await db
      .selectFrom('agencies')
      .select('id')
      .where('id', 'in', agencyIds)
      .where('parent_id', 'is', null)
      .executeTakeFirst()) !== undefined
  return { actorId: user.id, agencyIds, city }
}

/**
 * A condition for a WHERE clause: the agency column `agencyRef` lies in the scope (the super-administrator's:
 * always; anyone else's: their agencies and the subtree below them). Scoping happens inside the query, so an
 * id from another agency simply finds nothing (the same 404 as one that does not exist).
 */
export function inAdminScope(scope: AdminScope, agencyRef: string): Expression<SqlBool> {
  if (scope.city) return sql<SqlBool>`true`
  if (scope.agencyIds.length === 0) return sql<SqlBool>`false`
  return sql<SqlBool>`${sql.ref(agencyRef)} IN (
    WITH RECURSIVE tree(id) AS (
      SELECT id FROM agencies WHERE id = ANY(${[...scope.agencyIds]}::uuid[])
      UNION
      SELECT a.id FROM agencies a JOIN tree t ON a.parent_id = t.id
    )
    SELECT id FROM tree)`
}

/** The agencies in the scope (id and code, by code), e.g. for the staff page's agency choice. */
export async function agenciesInScope(db: Kysely<Database>, scope: AdminScope): Promise<AdminAgency[]> {
  return db
    .selectFrom('agencies')
    .select(['id', 'code'])
    .where(inAdminScope(scope, 'agencies.id'))
    .orderBy('code')
    .execute()
}
