import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { areaRoles, type Area, type CurrentUser } from '../auth/permissions'
import { agencySummaries } from './overview.server'

/** The agencies (with the user's roles in each) that open `area` for this user. */
export async function staffLanding(db: Kysely<Database>, user: CurrentUser, area: Area) {
  const grants = user.roles.filter((g) => areaRoles[area].includes(g.role))
  const rows = await agencySummaries(db, [...new Set(grants.map((g) => g.agencyId))])
  return rows.map((a) => ({ ...a, roles: grants.filter((g) => g.agencyId === a.id).map((g) => g.role) }))
}
