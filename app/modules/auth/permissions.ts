import type { StaffRole } from '../../../db/schema'

/** Typed permissions (`area:action`): the UI helper only hides things; the server always checks again. */
export const staffRoles = ['reception', 'specialist', 'approver', 'finance', 'admin'] as const
export type { StaffRole }

export type Area = 'officer' | 'finance' | 'admin'

/** Which roles open which staff area. */
export const areaRoles: Record<Area, readonly StaffRole[]> = {
  officer: ['reception', 'specialist', 'approver'],
  finance: ['finance'],
  admin: ['admin'],
}

export interface RoleGrant {
  agencyId: string
  agencyCode: string
  role: StaffRole
}

export interface CurrentUser {
  id: string
  kind: 'citizen' | 'staff'
  email: string
  fullName: string
  locale: 'vi' | 'en'
  roles: RoleGrant[]
}

export function hasRole(user: CurrentUser | null, role: StaffRole, agencyId?: string): boolean {
  return !!user?.roles.some((g) => g.role === role && (agencyId === undefined || g.agencyId === agencyId))
}

export function canEnter(user: CurrentUser | null, area: Area): boolean {
  return !!user?.roles.some((g) => areaRoles[area].includes(g.role))
}

/** The agencies in which the user holds one of `roles`: the scope of every staff query. */
export function agenciesFor(user: CurrentUser, roles: readonly StaffRole[]): string[] {
  return [...new Set(user.roles.filter((g) => roles.includes(g.role)).map((g) => g.agencyId))]
}

/**
 * Only citizen accounts file dossiers (README decision "staff do not apply with their staff account"): a staff
 * account exists to act for an agency, and an officer's own dossier is filed from their citizen account, on which
 * the workflow never lets their staff roles act.
 */
export function mayApply(user: CurrentUser): boolean {
  return user.kind === 'citizen'
}
