import { data, type AppLoadContext } from '@remix-run/node'
import { requireStaff, requireUser } from '../../utils/auth.server'
import { canEnter, type StaffRole } from '../auth/permissions'

interface Args {
  request: Request
  context: AppLoadContext
}

/** Who sees the leaders' dashboard: approving leaders and administrators, for their own agencies. */
export const dashboardRoles: readonly StaffRole[] = ['approver', 'admin']

/**
 * The dashboard's guard: anonymous → login; no approver or admin role → 403; `agencyCode` outside the
 * viewer's agencies → 403. Returns the agencies to count (the chosen one, or all of the viewer's) and all of
 * them (for the agency filter), and whether dossier codes may link to the officer's page.
 */
export async function requireDashboard(args: Args, agencyCode: string | undefined) {
  const user = await requireUser(args)
  const grants = user.roles.filter((g) => dashboardRoles.includes(g.role))
  // Neither role: the standard guard answers (and logs) the 403.
  if (grants.length === 0) await requireStaff(args, 'approver')
  const all = [...new Map(grants.map((g) => [g.agencyId, { id: g.agencyId, code: g.agencyCode }])).values()]
  const chosen = agencyCode ? all.filter((a) => a.code === agencyCode) : all
  if (chosen.length === 0) {
    args.context.logger.warn(
      {
        event: 'access_denied',
        userId: user.id,
        path: new URL(args.request.url).pathname,
        need: `dashboard@${agencyCode}`,
      },
      'access denied',
    )
    throw data({ reason: 'forbidden' }, { status: 403 })
  }
  return {
    user,
    agencies: all,
    scope: { agencyIds: chosen.map((a) => a.id) },
    officer: canEnter(user, 'officer'),
  }
}
