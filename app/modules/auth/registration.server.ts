import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database, Locale } from '../../../db/schema'
import { notifyAccount } from '../notifications/outbox.server'
import { ThrottledError } from './errors'
import { hashPassword } from './password.server'
import type { RegisterInput } from './schemas'
import { networkKey, recordFailures, throttlePolicy, waitFor, type Limit } from './throttle.server'

/*
 * Registration that tells nobody which e-mail addresses or citizen ids have accounts (security review, hole 6).
 * Whatever exists, the visitor sees the same answer ("we sent you a letter") after the same work (the password is
 * always hashed); what differs goes only to the address's owner:
 * - nothing matches: an inactive account is created and gets a confirmation letter (a link with a random token,
 *   stored as its sha256, expiring after CONFIRMATION_HOURS, single use);
 * - the e-mail has an account awaiting confirmation: that account gets a new confirmation letter;
 * - the e-mail has an active account: its owner gets a "someone tried to register with your address" letter;
 * - only the citizen id has an account: that account's owner gets the same warning, naming the id.
 * Letters are pg-boss jobs queued in the same transaction (notifications outbox). Attempts are throttled per
 * network and per e-mail, every attempt counting (not only failures: there is no failure to see).
 */

export const CONFIRMATION_HOURS = 24

const limitsFor = (ip: string, email: string): Limit[] => [
  { key: `register:${networkKey(ip)}`, ...throttlePolicy.register },
  { key: `register-email:${email}`, ...throttlePolicy.registerEmail },
]

/** Waits out a running back-off (ThrottledError), then counts this attempt. */
async function throttle(db: Kysely<Database>, ip: string, email: string) {
  const limits = limitsFor(ip, email)
  const wait = await waitFor(
    db,
    limits.map((l) => l.key),
  )
  if (wait > 0) throw new ThrottledError(wait)
  await recordFailures(db, limits)
}

const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

/** A new confirmation token for `userId` and its letter, inside the caller's transaction. */
async function sendConfirmation(trx: Kysely<Database>, userId: string) {
  const token = randomBytes(32).toString('base64url')
  const row = await trx
    .insertInto('email_confirmations')
    .values({
      user_id: userId,
      token_hash: tokenHash(token),
      expires_at: sql<Date>`now() + make_interval(hours => ${CONFIRMATION_HOURS})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await notifyAccount(trx, {
    kind: 'account_confirm',
    userId,
    key: row.id,
    token,
    hours: CONFIRMATION_HOURS,
  })
}

function isUniqueViolation(error: unknown) {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505'
}

/**
 * Registers a citizen, or writes to the owner of what already exists (see above). Returns nothing on purpose:
 * the caller must answer the same in every case. ThrottledError while a back-off runs.
 */
export async function registerCitizen(
  db: Kysely<Database>,
  input: RegisterInput,
  locale: Locale,
  ip: string,
): Promise<void> {
  await throttle(db, ip, input.email)
  const passwordHash = await hashPassword(input.password)
  const attempt = (trx: Kysely<Database>) => registerIn(trx, input, passwordHash, locale)
  try {
    await db.transaction().execute(attempt)
  } catch (error) {
    // A concurrent registration took the e-mail or the id between our read and our insert: now it exists.
    if (!isUniqueViolation(error)) throw error
    await db.transaction().execute(attempt)
  }
}

async function registerIn(trx: Kysely<Database>, input: RegisterInput, passwordHash: string, locale: Locale) {
  const existing = await trx
    .selectFrom('users')
    .select(['id', 'email', 'citizen_id', 'email_confirmed_at'])
    .where((eb) => eb.or([eb('email', '=', input.email), eb('citizen_id', '=', input.citizenId)]))
    .execute()
  const attemptKey = randomUUID()
  const byEmail = existing.find((u) => u.email === input.email)
  if (byEmail) {
    if (byEmail.email_confirmed_at === null) await sendConfirmation(trx, byEmail.id)
    else
      await notifyAccount(trx, { kind: 'account_exists', userId: byEmail.id, key: attemptKey, by: 'email' })
    return
  }
  const byCitizenId = existing.find((u) => u.citizen_id === input.citizenId)
  if (byCitizenId) {
    await notifyAccount(trx, {
      kind: 'account_exists',
      userId: byCitizenId.id,
      key: attemptKey,
      by: 'citizenId',
    })
    return
  }
  const user = await trx
    .insertInto('users')
    .values({
      kind: 'citizen',
      email: input.email,
      full_name: input.fullName,
      phone: input.phone,
      citizen_id: input.citizenId,
      password_hash: passwordHash,
      locale,
      email_confirmed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await sendConfirmation(trx, user.id)
}

/**
 * Sends a new confirmation letter when `email` has an account awaiting confirmation; does nothing otherwise.
 * Returns nothing, so the answer is the same whatever exists. Throttled like registration.
 */
export async function resendConfirmation(db: Kysely<Database>, email: string, ip: string): Promise<void> {
  await throttle(db, ip, email)
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .where('email_confirmed_at', 'is', null)
      .forUpdate()
      .executeTakeFirst()
    if (user) await sendConfirmation(trx, user.id)
  })
}

/** Whether `token` has the shape of one we issue (43 base64url characters); anything else is not looked up. */
export const isConfirmationToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token)

/**
 * Uses a confirmation token: once, before it expires. Activates its account and returns true; false for a
 * token unknown, expired or already used (the same answer for each).
 */
export async function confirmEmail(db: Kysely<Database>, token: string): Promise<boolean> {
  if (!isConfirmationToken(token)) return false
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('email_confirmations')
      .set({ used_at: sql<Date>`now()` })
      .where('token_hash', '=', tokenHash(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .returning('user_id')
      .executeTakeFirst()
    if (!used) return false
    await trx
      .updateTable('users')
      .set({ email_confirmed_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
      .where('id', '=', used.user_id)
      .where('email_confirmed_at', 'is', null)
      .execute()
    return true
  })
}
