import type { Kysely } from 'kysely'
import type { Database, Locale, StaffRole } from '../../../db/schema'
import { InvalidCredentialsError, ThrottledError, UnconfirmedEmailError } from './errors'
import { burnVerifyTime, verifyPassword } from './password.server'
import type { LoginInput } from './schemas'
import { clearAccount, recordFailure, throttleWait } from './throttle.server'

/**
 * Checks a password under the throttle. The same error and about the same time whether or not the account
 * exists; throws ThrottledError while a back-off is running (checked before any password work), and
 * UnconfirmedEmailError for a right password on an account whose e-mail is not confirmed yet (so that answer
 * tells nothing to someone who does not know the password).
 */
export async function authenticate(db: Kysely<Database>, input: LoginInput, ip: string) {
  const keys = { ip, account: input.email }
  const wait = await throttleWait(db, keys)
  if (wait > 0) throw new ThrottledError(wait)
  const user = await db
    .selectFrom('users')
    .select(['id', 'kind', 'full_name', 'locale', 'password_hash', 'disabled_at', 'email_confirmed_at'])
    .where('email', '=', input.email)
    .executeTakeFirst()
  const ok = user
    ? await verifyPassword(user.password_hash, input.password)
    : (await burnVerifyTime(input.password), false)
  if (!user || !ok || user.disabled_at) {
    await recordFailure(db, keys)
    throw new InvalidCredentialsError()
  }
  await clearAccount(db, input.email)
  if (user.email_confirmed_at === null) throw new UnconfirmedEmailError()
  return { id: user.id, kind: user.kind, fullName: user.full_name, locale: user.locale }
}

/** The names of the roles the user holds in any agency (none for a citizen), to choose where a login lands. */
export async function roleNamesOf(db: Kysely<Database>, userId: string): Promise<StaffRole[]> {
  const rows = await db.selectFrom('staff_roles').select('role').where('user_id', '=', userId).execute()
  return [...new Set(rows.map((r) => r.role))]
}

export async function setUserLocale(db: Kysely<Database>, userId: string, locale: Locale) {
  await db.updateTable('users').set({ locale, updated_at: new Date() }).where('id', '=', userId).execute()
}
