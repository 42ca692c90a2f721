import type { CurrentUser, StaffRole } from '../auth/permissions'

/** Who sees the leaders' dashboard: approving leaders and administrators, for their own agencies. */
export const dashboardRoles: readonly StaffRole[] = ['approver', 'admin']

/**
 * The agencies the user may count on the dashboard (`all`, for the agency filter; empty without an approver or
 * admin role) and those it counts now (`chosen`: the one named by `agencyCode`, else all; empty when
 * `agencyCode` is not one of them).
 */
export function dashboardAgencies(user: CurrentUser, agencyCode: string | undefined) {
  const grants = user.roles.filter((g) => dashboardRoles.includes(g.role))
  const all = [...new Map(grants.map((g) => [g.agencyId, { id: g.agencyId, code: g.agencyCode }])).values()]
  const chosen = agencyCode ? all.filter((a) => a.code === agencyCode) : all
  return { all, chosen }
}
