import { data, type AppLoadContext } from '@remix-run/node'
import { requireArea } from '../../utils/auth.server'
import type { CurrentUser } from '../auth/permissions'

interface Args {
  request: Request
  context: AppLoadContext
}

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
 * The admin area guard (anonymous → login, no admin role → 403), then the agency the page works on: the one
 * named by `agencyCode` when given (403 when the user does not administer it), else the user's first.
 */
export async function requireAdminAgency(args: Args, agencyCode: string | null | undefined) {
  const user = await requireArea(args, 'admin')
  const agencies = adminAgencies(user)
  const agency = agencyCode ? agencies.find((a) => a.code === agencyCode) : agencies[0]
  if (!agency) {
    args.context.logger.warn(
      {
        event: 'access_denied',
        userId: user.id,
        path: new URL(args.request.url).pathname,
        need: `admin@${agencyCode}`,
      },
      'access denied',
    )
    throw data({ reason: 'forbidden' }, { status: 403 })
  }
  return { user, agency, agencies }
}
