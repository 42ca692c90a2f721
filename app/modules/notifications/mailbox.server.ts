import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { Env } from '../../utils/env.server'

/**
 * The mailbox page is a demo stand-in for an e-mail inbox: it exists in the demo profile only (administrators
 * only, see the routes); in the live profile its pages answer 404. Letters are personal data (Decree 13/2023).
 */
export const mailboxPageEnabled = (env: Env) => env.PROFILE === 'demo'

/** The newest messages first (time, recipient, subject). */
export function listMailbox(db: Kysely<Database>, limit = 200) {
  return db
    .selectFrom('mailbox')
    .select(['id', 'to_address', 'subject', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** One message, or undefined (also for an id that is not a UUID). */
export async function getMailboxMessage(db: Kysely<Database>, id: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined
  return db
    .selectFrom('mailbox')
    .select(['id', 'to_address', 'subject', 'body', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst()
}
