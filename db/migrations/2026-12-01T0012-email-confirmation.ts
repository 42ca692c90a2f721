import { sql, type Kysely } from 'kysely'

/**
 * Registration confirms the e-mail address (security review, hole 6): an account made at /register stays
 * inactive until its owner opens the link in the letter. `users.email_confirmed_at` is null until then; every
 * other way an account is made (staff created by an administrator, the demo seed, accounts that existed before
 * this migration) is confirmed from the start, hence the default and the back-fill. The link's token is stored
 * only as its sha256, expires, and works once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('email_confirmed_at', 'timestamptz', (c) => c.defaultTo(sql`now()`))
    .execute()
  await sql`UPDATE users SET email_confirmed_at = created_at`.execute(db)

  await db.schema
    .createTable('email_confirmations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('email_confirmations_user_idx')
    .on('email_confirmations')
    .column('user_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_confirmations').ifExists().execute()
  await db.schema.alterTable('users').dropColumn('email_confirmed_at').execute()
}
