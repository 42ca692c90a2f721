import { redirect, type AppLoadContext } from '@remix-run/node'
import { canEnter, hasRole, type Area, type CurrentUser, type StaffRole } from '../modules/auth/permissions'
import type { SessionAuth } from '../modules/auth/session.server'
import { forbidden } from './http-errors.server'
import { safeRedirect } from './safe-redirect'

interface Args {
  request: Request
  context: AppLoadContext
}

export async function getUser({ context }: Args): Promise<CurrentUser | null> {
  const s = await context.session()
  return s.status === 'active' ? s.user : null
}

function loginRedirect(request: Request, expired: boolean): Response {
  const url = new URL(request.url)
  const redirectTo = safeRedirect(`${url.pathname}${url.search}`)
  const params = new URLSearchParams({ redirectTo })
  if (expired) params.set('expired', '1')
  return redirect(`/login?${params}`)
}

/** The signed-in user and how the session signed in (password, or VNeID at a level); anonymous → login. */
export async function requireSignIn(args: Args): Promise<{ user: CurrentUser; auth: SessionAuth }> {
  const s = await args.context.session()
  if (s.status === 'active') return { user: s.user, auth: s.auth }
  throw loginRedirect(args.request, s.status === 'expired')
}

/**
 * A procedure version that requires identity level 2 (set by administrators) is filed only in a level-2 VNeID
 * session; any other session is sent to the page that explains why and how to raise it.
 */
export function requireIdentityLevel(required: 1 | 2, auth: SessionAuth, procedureCode: string): void {
  if (required === 2 && auth.level !== 2)
    throw redirect(`/account/identity-level?${new URLSearchParams({ procedure: procedureCode })}`)
}

/** Throws a redirect to /login?redirectTo=… for anonymous (or timed-out) visitors. */
export async function requireUser(args: Args): Promise<CurrentUser> {
  const s = await args.context.session()
  if (s.status === 'active') return s.user
  throw loginRedirect(args.request, s.status === 'expired')
}

/** Logs the refusal (who, where, what was needed) and throws the 403 page. */
export function deny(args: Args, user: CurrentUser, what: string): never {
  args.context.logger.warn(
    { event: 'access_denied', userId: user.id, path: new URL(args.request.url).pathname, need: what },
    'access denied',
  )
  throw forbidden()
}

/** Staff area guard: any role that opens the area. Anonymous → login; others → 403 page. */
export async function requireArea(args: Args, area: Area): Promise<CurrentUser> {
  const user = await requireUser(args)
  if (!canEnter(user, area)) deny(args, user, `area:${area}`)
  return user
}

/** A given role, optionally in a given agency (staff are scoped to their agency). */
export async function requireStaff(args: Args, role: StaffRole, agencyId?: string): Promise<CurrentUser> {
  const user = await requireUser(args)
  if (!hasRole(user, role, agencyId)) deny(args, user, `role:${role}${agencyId ? `@${agencyId}` : ''}`)
  return user
}
