import { createHash, randomBytes } from 'node:crypto'
import { createCookie, type Cookie } from '@remix-run/node'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { CurrentUser, RoleGrant } from './permissions'

/** Staff: 30 minutes idle, 12 hours in all. Citizens: 7 days idle, 30 days in all. */
export const sessionLimits = {
  staff: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
  citizen: { idleMs: 7 * 24 * 3_600_000, absoluteMs: 30 * 24 * 3_600_000 },
} as const
/** last_seen_at is written at most this often, so reading a page is not a write per request. */
const touchEveryMs = 60_000

export interface SessionCookieOptions {
  secure: boolean
  secret: string
}

/** Opaque id only: `__Host-` + Secure in production, HttpOnly and SameSite=Lax always. */
export function createSessionCookie({ secure, secret }: SessionCookieOptions): Cookie {
  return createCookie(secure ? '__Host-sid' : 'sid', {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    secrets: [secret],
  })
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url')

/** How a session was opened: with a password, or with VNeID at an identity level (issue 16). */
export type SessionAuth =
  | { method: 'password'; level: null; identityId: null }
  | { method: 'vneid'; level: 1 | 2; identityId: string }

export const passwordAuth: SessionAuth = { method: 'password', level: null, identityId: null }

export async function createSession(
  db: Kysely<Database>,
  user: { id: string; kind: 'citizen' | 'staff' },
  meta: { ip: string | null; userAgent: string | null },
  auth?: { method: 'vneid'; level: 1 | 2; identityId: string; idToken: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url') // 256 bits
  const expiresAt = new Date(Date.now() + sessionLimits[user.kind].absoluteMs)
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: user.id,
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      ...(auth
        ? {
            auth_method: 'vneid' as const,
            identity_level: auth.level,
            identity_id: auth.identityId,
            id_token: auth.idToken,
          }
        : {}),
    })
    .execute()
  return { token, expiresAt }
}

/** Deletes the session; gives back the provider's ID token of a VNeID session (the hint of RP-initiated logout). */
export async function deleteSession(
  db: Kysely<Database>,
  token: string,
): Promise<{ idToken: string | null } | undefined> {
  const row = await db
    .deleteFrom('sessions')
    .where('id', '=', hashToken(token))
    .returning(['auth_method', 'id_token'])
    .executeTakeFirst()
  return row ? { idToken: row.auth_method === 'vneid' ? row.id_token : null } : undefined
}

export async function deleteOtherSessions(db: Kysely<Database>, userId: string, keepToken: string) {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '<>', hashToken(keepToken))
    .execute()
}

export type SessionLookup =
  { status: 'none' } | { status: 'expired' } | { status: 'active'; user: CurrentUser; auth: SessionAuth }

/** One round trip for the user and their roles; expired or idle sessions are deleted and reported as such. */
export async function lookupSession(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<SessionLookup> {
  const id = hashToken(token)
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.auth_method',
      's.identity_level',
      's.identity_id',
      'u.id',
      'u.kind',
      'u.email',
      'u.full_name',
      'u.locale',
      'u.disabled_at',
      sql<RoleGrant[]>`coalesce((
        SELECT json_agg(json_build_object('agencyId', r.agency_id, 'agencyCode', a.code, 'role', r.role)
                        ORDER BY a.code, r.role)
        FROM staff_roles r JOIN agencies a ON a.id = r.agency_id
        WHERE r.user_id = u.id), '[]'::json)`.as('roles'),
    ])
    .where('s.id', '=', id)
    .executeTakeFirst()
  if (!row) return { status: 'none' }
  const limits = sessionLimits[row.kind]
  const idleFor = now.getTime() - row.last_seen_at.getTime()
  if (row.disabled_at || row.expires_at <= now || idleFor > limits.idleMs) {
    await db.deleteFrom('sessions').where('id', '=', id).execute()
    return { status: 'expired' }
  }
  if (idleFor > touchEveryMs) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute()
  }
  return {
    status: 'active',
    user: {
      id: row.id,
      kind: row.kind,
      email: row.email,
      fullName: row.full_name,
      locale: row.locale,
      roles: row.roles,
    },
    auth:
      row.auth_method === 'vneid' && row.identity_level && row.identity_id
        ? { method: 'vneid', level: row.identity_level, identityId: row.identity_id }
        : passwordAuth,
  }
}
