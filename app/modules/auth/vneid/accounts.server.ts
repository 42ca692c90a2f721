import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, Locale } from '../../../../db/schema'
import { authenticate } from '../accounts.server'
import type { LoginInput } from '../schemas'
import { verifiedClaimsOf, type VerifiedClaims } from './claims'
import { hashToken, type VerifiedSignIn } from './relying-party.server'

/**
 * Accounts behind a VNeID sign-in (issue 16 §3). A link (issuer + subject) finds its account. Without one, the
 * personal identification number decides: no citizen account has it → a new citizen account, already linked; a
 * password account has it → nothing is signed in until its owner proves the password once (the number typed at
 * registration was never verified, so the VNeID holder must show they hold that account too). Staff accounts
 * are never linked: a staff member's VNeID sign-in is a citizen account of their own (decision 24).
 */

/** A password account holds the verified number and waits for its password (`token` goes in the browser's cookie). */
export class LinkNeededError extends Error {
  constructor(
    readonly token: string,
    readonly maxAgeSeconds: number,
  ) {
    super('an existing account must be linked first')
  }
}
export class AccountDisabledError extends Error {}
/** The password proved another account than the one holding the verified number. */
export class LinkMismatchError extends Error {}
/** The link request is unknown, used or expired. */
export class LinkExpiredError extends Error {}

const linkTtlMs = 15 * 60_000
/** Not an argon2 hash: verifyPassword answers false, so an account made by VNeID has no password sign-in. */
export const noPasswordHash = '!vneid-only'

export interface VneidAccount {
  id: string
  kind: 'citizen' | 'staff'
  locale: Locale
  identityId: string
  level: 1 | 2
  idToken: string
}

/** A placeholder address for an account VNeID made: unique, and undeliverable by construction (.invalid). */
const placeholderEmail = (issuer: string, subject: string) =>
  `vneid-${createHash('sha256').update(`${issuer} ${subject}`).digest('hex').slice(0, 20)}@vneid.invalid`

export async function signInWithVneid(
  db: Kysely<Database>,
  signIn: VerifiedSignIn,
  now = new Date(),
): Promise<VneidAccount> {
  const { issuer, subject, claims, level } = signIn
  const stored = JSON.stringify(claims)
  const linked = await db
    .updateTable('user_identities')
    .set({ personal_id: claims.personalId, level, claims: stored, verified_at: now })
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .returning(['id', 'user_id'])
    .executeTakeFirst()
  if (linked) return accountOf(db, linked.user_id, linked.id, level, signIn.idToken)

  const holder = await db
    .selectFrom('users')
    .select(['id', 'kind'])
    .where('citizen_id', '=', claims.personalId)
    .executeTakeFirst()
  if (holder?.kind === 'citizen') {
    const token = randomBytes(32).toString('base64url')
    await db.deleteFrom('vneid_link_requests').where('expires_at', '<', now).execute()
    await db
      .insertInto('vneid_link_requests')
      .values({
        id: hashToken(token),
        user_id: holder.id,
        issuer,
        subject,
        personal_id: claims.personalId,
        level,
        claims: stored,
        id_token: signIn.idToken,
        redirect_to: signIn.redirectTo,
        expires_at: new Date(now.getTime() + linkTtlMs),
      })
      .execute()
    throw new LinkNeededError(token, linkTtlMs / 1000)
  }

  // A new citizen account, linked at once. The number stays on the account unless a staff account holds it.
  const created = await db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({
        kind: 'citizen',
        email: placeholderEmail(issuer, subject),
        full_name: claims.fullName ?? claims.personalId,
        phone: claims.phone ?? null,
        citizen_id: holder ? null : claims.personalId,
        password_hash: noPasswordHash,
        email_confirmed_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const identity = await trx
      .insertInto('user_identities')
      .values({
        user_id: user.id,
        provider: 'vneid',
        issuer,
        subject,
        personal_id: claims.personalId,
        level,
        claims: stored,
        verified_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { userId: user.id, identityId: identity.id }
  })
  return accountOf(db, created.userId, created.identityId, level, signIn.idToken)
}

async function accountOf(
  db: Kysely<Database>,
  userId: string,
  identityId: string,
  level: 1 | 2,
  idToken: string,
): Promise<VneidAccount> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'kind', 'locale', 'disabled_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  if (user.disabled_at) throw new AccountDisabledError()
  return { id: user.id, kind: user.kind, locale: user.locale, identityId, level, idToken }
}

/** What the link page shows: the account's e-mail, masked (the VNeID holder proved the number, not the address). */
export async function pendingLink(db: Kysely<Database>, token: string | null, now = new Date()) {
  if (!token) return null
  const row = await db
    .selectFrom('vneid_link_requests as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.level', 'r.claims', 'r.expires_at', 'u.email'])
    .where('r.id', '=', hashToken(token))
    .executeTakeFirst()
  if (!row || row.expires_at <= now) return null
  return {
    maskedEmail: maskEmail(row.email),
    level: row.level,
    fullName: verifiedClaimsOf(row.claims)?.fullName,
  }
}

export function maskEmail(email: string): string {
  const [local, domain] = email.split('@')
  if (!domain) return '…'
  return `${local.slice(0, 1)}${'•'.repeat(Math.max(local.length - 2, 1))}${local.length > 1 ? local.slice(-1) : ''}@${domain}`
}

/**
 * Proves the password of the account holding the verified number and links it (replacing an older VNeID link
 * of that account). The password check is the login's, under the same throttle. Throws the login's errors,
 * LinkExpiredError, or LinkMismatchError when the password is right for another account.
 */
export async function completeLink(
  db: Kysely<Database>,
  token: string | null,
  input: LoginInput,
  ip: string,
  now = new Date(),
): Promise<VneidAccount & { redirectTo: string }> {
  const id = token ? hashToken(token) : ''
  const request = await db
    .selectFrom('vneid_link_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!request || request.expires_at <= now) throw new LinkExpiredError()
  const user = await authenticate(db, input, ip)
  if (user.id !== request.user_id) throw new LinkMismatchError()
  const claims = verifiedClaimsOf(request.claims) as VerifiedClaims
  const identity = await db.transaction().execute(async (trx) => {
    const taken = await trx
      .deleteFrom('vneid_link_requests')
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst()
    if (!taken) throw new LinkExpiredError()
    return trx
      .insertInto('user_identities')
      .values({
        user_id: user.id,
        provider: 'vneid',
        issuer: request.issuer,
        subject: request.subject,
        personal_id: request.personal_id,
        level: request.level,
        claims: JSON.stringify(claims),
        verified_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'provider']).doUpdateSet({
          issuer: request.issuer,
          subject: request.subject,
          personal_id: request.personal_id,
          level: request.level,
          claims: JSON.stringify(claims),
          verified_at: now,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow()
  })
  return {
    id: user.id,
    kind: user.kind,
    locale: user.locale,
    identityId: identity.id,
    level: request.level,
    idToken: request.id_token,
    redirectTo: request.redirect_to,
  }
}

/** The account page's facts: the VNeID link (if any) and how this session signed in. */
export async function identityOf(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom('user_identities')
    .select(['personal_id', 'level', 'verified_at', 'linked_at'])
    .where('user_id', '=', userId)
    .where('provider', '=', 'vneid')
    .executeTakeFirst()
  return row ?? null
}

/** The verified claims of a VNeID session's link, for pre-filling e-forms (null for any other session). */
export async function sessionClaims(db: Kysely<Database>, identityId: string | null) {
  if (!identityId) return null
  const row = await db
    .selectFrom('user_identities')
    .select(['claims', 'level', 'verified_at'])
    .where('id', '=', identityId)
    .executeTakeFirst()
  const claims = row ? verifiedClaimsOf(row.claims) : null
  return row && claims ? { claims, level: row.level, verifiedAt: row.verified_at } : null
}
