import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { BOSS_SCHEMA, NOTIFICATION_QUEUE } from '../../app/modules/notifications/boss.server'
import { MailboxMailer } from '../../app/modules/notifications/mailer.server'
import { processNotification } from '../../app/modules/notifications/worker.server'
import { parseEnv } from '../../app/utils/env.server'
import { createLogger } from '../../app/server/logger'

const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' })
const logger = createLogger('silent')

/**
 * Delivers the queued account letters (registration) into the mailbox table with the worker's own handler,
 * for HTTP tests that run no pg-boss worker. Safe to call again: each letter is sent once.
 */
export async function deliverAccountLetters(db: Kysely<Database>) {
  const jobs = await sql<{ data: unknown }>`
    SELECT data FROM ${sql.table(`${BOSS_SCHEMA}.job`)}
    WHERE name = ${NOTIFICATION_QUEUE} AND data->>'kind' IN ('account_confirm', 'account_exists')
    ORDER BY created_on`.execute(db)
  const mailer = new MailboxMailer(db)
  for (const job of jobs.rows) await processNotification(job.data, { db, env, logger, mailer })
}

/** The letters sent to `address`, oldest first (after delivering what is queued). */
export async function lettersTo(db: Kysely<Database>, address: string) {
  await deliverAccountLetters(db)
  return db
    .selectFrom('mailbox')
    .select(['subject', 'body'])
    .where('to_address', '=', address)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/**
 * The path of the confirmation link in the latest letter to `address`, as its owner reads it in their inbox;
 * throws when there is none.
 */
export async function confirmationPath(db: Kysely<Database>, address: string): Promise<string> {
  const letters = await lettersTo(db, address)
  for (const letter of letters.reverse()) {
    const link = /https?:\/\/[^\s/]+(\/register\/confirm\/[A-Za-z0-9_-]+)/.exec(letter.body)
    if (link) return link[1]
  }
  throw new Error(`no confirmation letter to ${address}`)
}
