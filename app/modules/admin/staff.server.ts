import type { Kysely } from 'kysely'
import type { Database, StaffRole } from '../../../db/schema'
import { staffRoles } from '../auth/permissions'
import { hashPassword } from '../auth/password.server'
import { writeAudit } from './audit.server'
import { DuplicateError, NotInScopeError, SelfAdminRevokeError } from './errors'
import type { CreateStaffInput } from './schemas'

/**
 * Staff accounts and their roles, always for ONE agency (the administrator's): a staff member is in an agency's
 * list because they hold a role there, and an administrator sees and changes only those roles. Another agency's
 * staff are simply not found (NotInScopeError → 404).
 */
export async function listStaff(db: Kysely<Database>, agencyId: string) {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('staff_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.full_name', 'u.email', 'u.disabled_at', 'r.role'])
    .where('r.agency_id', '=', agencyId)
    .orderBy('u.full_name')
    .orderBy('u.id')
    .execute()
  const staff = new Map<
    string,
    { id: string; fullName: string; email: string; disabled: boolean; roles: StaffRole[] }
  >()
  for (const r of rows) {
    const entry = staff.get(r.id) ?? {
      id: r.id,
      fullName: r.full_name,
      email: r.email,
      disabled: r.disabled_at !== null,
      roles: [],
    }
    entry.roles.push(r.role)
    staff.set(r.id, entry)
  }
  for (const s of staff.values()) s.roles.sort((a, b) => staffRoles.indexOf(a) - staffRoles.indexOf(b))
  return [...staff.values()]
}

function isUniqueViolation(error: unknown) {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505'
}

/**
 * A staff account in the agency with its first role; the password is hashed with argon2id like every other.
 * DuplicateError('email') when the address has an account. Audited (never the password).
 */
export async function createStaff(
  db: Kysely<Database>,
  actorId: string,
  agencyId: string,
  input: CreateStaffInput,
) {
  const passwordHash = await hashPassword(input.password)
  try {
    return await db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto('users')
        .values({ kind: 'staff', email: input.email, full_name: input.fullName, password_hash: passwordHash })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('staff_roles')
        .values({ user_id: user.id, agency_id: agencyId, role: input.role })
        .execute()
      await writeAudit(trx, {
        actorId,
        agencyId,
        action: 'staff.create',
        target: input.email,
        data: { userId: user.id, fullName: input.fullName, role: input.role },
      })
      return user.id
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateError('email')
    throw error
  }
}

/**
 * Sets the roles a staff member holds in the agency to `roles`: grants what is new, revokes what is gone (an
 * audit row each). The member must already hold a role there (NotInScopeError otherwise). An administrator
 * cannot revoke their own admin role (SelfAdminRevokeError); an empty list takes the member out of the agency.
 */
export async function setStaffRoles(
  db: Kysely<Database>,
  actorId: string,
  agencyId: string,
  input: { userId: string; roles: readonly StaffRole[] },
) {
  return db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where('id', '=', input.userId)
      .where('kind', '=', 'staff')
      .forUpdate()
      .executeTakeFirst()
    const current = member
      ? (
          await trx
            .selectFrom('staff_roles')
            .select('role')
            .where('user_id', '=', member.id)
            .where('agency_id', '=', agencyId)
            .execute()
        ).map((r) => r.role)
      : []
    if (!member || current.length === 0) throw new NotInScopeError('staff')
    const wanted = new Set(input.roles)
    if (member.id === actorId && current.includes('admin') && !wanted.has('admin'))
      throw new SelfAdminRevokeError()
    const granted = [...wanted].filter((r) => !current.includes(r))
    const revoked = current.filter((r) => !wanted.has(r))
    for (const role of granted) {
      await trx
        .insertInto('staff_roles')
        .values({ user_id: member.id, agency_id: agencyId, role })
        .onConflict((oc) => oc.doNothing())
        .execute()
      await writeAudit(trx, { actorId, agencyId, action: 'role.grant', target: member.email, data: { role } })
    }
    if (revoked.length) {
      await trx
        .deleteFrom('staff_roles')
        .where('user_id', '=', member.id)
        .where('agency_id', '=', agencyId)
        .where('role', 'in', revoked)
        .execute()
      for (const role of revoked)
        await writeAudit(trx, {
          actorId,
          agencyId,
          action: 'role.revoke',
          target: member.email,
          data: { role },
        })
    }
    return { granted, revoked }
  })
}
