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
