import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * Every e-mail the portal sends, keyed by its idempotency key: in development and tests (and in production
 * without SMTP) it is the mailbox itself; with SMTP it is the log of what was handed to the server. The unique
 * key is what makes a notification job safe to run twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mailbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // 'mailbox': kept here only (no SMTP); 'smtp': accepted by the SMTP server.
    .addColumn('transport', 'text', (c) =>
      c
        .notNull()
        .defaultTo('mailbox')
        .check(sql`transport IN ('mailbox', 'smtp')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('mailbox_created_idx').on('mailbox').column('created_at desc').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mailbox').ifExists().execute()
}
