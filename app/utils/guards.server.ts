import type { AppLoadContext } from '@remix-run/node'
import { adminAgencies, adminScope, agenciesInScope } from '../modules/admin/access.server'
import { canEnter } from '../modules/auth/permissions'
import { dashboardAgencies } from '../modules/dashboard/access.server'
import { receiptFor } from '../modules/ledger/receipts.server'
import { deny, requireArea, requireStaff, requireUser } from './auth.server'
import { notFound } from './http-errors.server'

/*
 * The guards of particular pages, beside the general ones in auth.server.ts. Each throws the answer (a redirect
 * to /login, the 403 or the 404 page) and otherwise returns what the page may work on; the modules they ask
 * know nothing of HTTP.
 */

interface Args {
  request: Request
  context: AppLoadContext
}

/**
 * The admin area guard (anonymous → login, no admin role → 403) and the administrator's scope (their agencies
 * and the subtree below them; everything for the city's super-administrator). Every admin module function
 * takes the scope and filters inside its query.
 */
export async function requireAdminScope(args: Args) {
  const user = await requireArea(args, 'admin')
  return { user, scope: await adminScope(args.context.db, user) }
}

/**
 * The admin guard, then the agency the page works on among those in scope: the one named by `agencyCode` when
 * given (403 when outside the scope), else the user's own first.
 */
export async function requireAdminAgency(args: Args, agencyCode: string | null | undefined) {
  const { user, scope } = await requireAdminScope(args)
  const agencies = await agenciesInScope(args.context.db, scope)
  const own = adminAgencies(user)[0]
  const agency = agencyCode
    ? agencies.find((a) => a.code === agencyCode)
    : (agencies.find((a) => a.id === own?.id) ?? agencies[0])
  if (!agency) deny(args, user, `admin@${agencyCode}`)
  return { user, scope, agency, agencies }
}

/** City-wide data (the holiday calendar): only the city's super-administrator changes it; others get 403. */
export async function requireCityAdmin(args: Args) {
  const found = await requireAdminScope(args)
  if (!found.scope.city) deny(args, found.user, 'admin@city')
  return found
}

/**
 * The dashboard's guard: anonymous → login; no approver or admin role → 403; `agencyCode` outside the
 * viewer's agencies → 403. Returns the agencies to count (the chosen one, or all of the viewer's) and all of
 * them (for the agency filter), and whether dossier codes may link to the officer's page.
 */
export async function requireDashboard(args: Args, agencyCode: string | undefined) {
  const user = await requireUser(args)
  const { all, chosen } = dashboardAgencies(user, agencyCode)
  // Neither role: the standard guard answers (and logs) the 403.
  if (all.length === 0) await requireStaff(args, 'approver')
  if (chosen.length === 0) deny(args, user, `dashboard@${agencyCode}`)
  return {
    user,
    agencies: all,
    scope: { agencyIds: chosen.map((a) => a.id) },
    officer: canEnter(user, 'officer'),
  }
}

/** A receipt its payer or staff of its agency may see; anyone else gets the same 404 as for a wrong id. */
export async function requireReceipt(args: Args & { params: { id?: string } }) {
  const user = await requireUser(args)
  const receipt = await receiptFor(args.context.db, args.params.id ?? '', {
    userId: user.id,
    staffAgencyIds: user.roles.map((r) => r.agencyId),
  })
  if (!receipt) throw notFound()
  return receipt
}
