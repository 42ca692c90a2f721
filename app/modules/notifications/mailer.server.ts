/**
 * Where notification e-mails go. Both mailers record every message in the `mailbox` table under its idempotency
 * key, which is what lets a job run twice and still send once.
 *
 * - `MailboxMailer` (development and tests, or production without SMTP_URL): the table is the mailbox, shown at
 *   /dev/mailbox to administrators in the demo profile. Exactly once: `ON CONFLICT (idempotency_key) DO NOTHING`.
 * - `SmtpMailer`: hands the message to the SMTP server, then records it. At least once: a crash after the server
 *   accepted the message and before the row is written sends it again on the retry. We accept a rare duplicate
 *   rather than a lost notice; the Message-ID is derived from the key, so mail clients can fold duplicates.
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import nodemailer from 'nodemailer'
import type { Logger } from 'pino'
import type { Database } from '../../../db/schema'
import type { Env } from '../../utils/env.server'

export interface MailMessage {
  to: string
  subject: string
  text: string
  /** the same key twice sends once */
  idempotencyKey: string
}

export interface Mailer {
  send(message: MailMessage): Promise<void>
}

export class MailboxMailer implements Mailer {
  constructor(private readonly db: Kysely<Database>) {}

  async send(message: MailMessage): Promise<void> {
    await this.db
      .insertInto('mailbox')
      .values({
        idempotency_key: message.idempotencyKey,
        to_address: message.to,
        subject: message.subject,
        body: message.text,
        transport: 'mailbox',
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute()
  }
}

/** What SmtpMailer needs from nodemailer: a way to hand over one message. */
export interface SmtpTransport {
  sendMail(message: {
    from: string
    to: string
    subject: string
    text: string
    messageId: string
  }): Promise<unknown>
}

export function smtpTransport(url: string): SmtpTransport {
  // nodemailer's defaults wait up to 2 minutes to connect and 10 minutes on a silent socket; a job expires sooner.
  return nodemailer.createTransport({
    url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  })
}

export class SmtpMailer implements Mailer {
  private readonly domain: string

  constructor(
    private readonly db: Kysely<Database>,
    private readonly transport: SmtpTransport,
    private readonly from: string,
  ) {
    this.domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'dichvucong.invalid'
  }

  async send(message: MailMessage): Promise<void> {
    // One transaction per message: an advisory lock on the key makes two concurrent runs of the same job
    // take turns, so the second sees the first one's row and sends nothing.
    await this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${message.idempotencyKey}, 0))`.execute(trx)
      const sent = await trx
        .selectFrom('mailbox')
        .select('id')
        .where('idempotency_key', '=', message.idempotencyKey)
        .executeTakeFirst()
      if (sent) return
      const hash = createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32)
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${hash}@${this.domain}>`,
      })
      await trx
        .insertInto('mailbox')
        .values({
          idempotency_key: message.idempotencyKey,
          to_address: message.to,
          subject: message.subject,
          body: message.text,
          transport: 'smtp',
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute()
    })
  }
}

/** Whether e-mails stay in the mailbox table (no SMTP_URL) instead of going out. */
export const isMailboxMode = (env: Env) => !env.SMTP_URL

/**
 * SMTP when SMTP_URL is set, else the mailbox table. Production without SMTP_URL warns once and still keeps every
 * message (nothing is lost; configure SMTP and they can be re-sent from the table).
 */
export function createMailer(deps: { db: Kysely<Database>; env: Env; logger: Logger }): Mailer {
  const { db, env, logger } = deps
  if (env.SMTP_URL) return new SmtpMailer(db, smtpTransport(env.SMTP_URL), env.MAIL_FROM)
  if (env.PROFILE === 'live') {
    logger.warn(
      { event: 'smtp_not_configured' },
      'SMTP_URL is not set: notification e-mails are kept in the mailbox table and not delivered',
    )
  }
  return new MailboxMailer(db)
}
