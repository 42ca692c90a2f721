import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * Payments (DESIGN §6): a fee is the demand; a payment attempt is one try at paying it through a gateway;
 * every notification is kept once by its provider event id; refunds need two finance users; every settled
 * fee gets a receipt numbered in a series per agency and year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payment_attempts')
    // The id is our reference at the gateway (Stripe client_reference_id, VNPay vnp_TxnRef).
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('fee_id', 'uuid', (c) => c.notNull().references('fees.id'))
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider IN ('stripe', 'vnpay')`))
    // null until the gateway answered the create call
    .addColumn('provider_ref', 'text')
    // stored before the gateway is called and reused on every retry of the same attempt
    .addColumn('idempotency_key', 'uuid', (c) => c.notNull().unique())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('creating')
        .check(
          sql`status IN ('creating', 'pending', 'processing', 'succeeded', 'failed', 'expired', 'superseded')`,
        ),
    )
    .addColumn('redirect_url', 'text')
    // sent to the gateway with the idempotency key: a retry must send exactly the same parameters
    .addColumn('return_url', 'text', (c) => c.notNull())
    .addColumn('cancel_url', 'text', (c) => c.notNull())
    .addColumn('payer_ip', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('vi'))
    .addColumn('transaction_id', 'text')
    .addColumn('failure_code', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('settled_at', 'timestamptz')
    .addColumn('checked_at', 'timestamptz')
    .addColumn('check_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // One live attempt per fee: a second "Pay" click finds the first instead of opening another.
  await sql`CREATE UNIQUE INDEX payment_attempts_one_live_per_fee ON payment_attempts (fee_id)
            WHERE status IN ('creating', 'pending', 'processing')`.execute(db)
  await sql`CREATE UNIQUE INDEX payment_attempts_provider_ref ON payment_attempts (provider, provider_ref)
            WHERE provider_ref IS NOT NULL`.execute(db)
  await sql`CREATE INDEX payment_attempts_open_idx ON payment_attempts (created_at)
            WHERE status IN ('creating', 'pending', 'processing')`.execute(db)
  await db.schema.createIndex('payment_attempts_fee_idx').on('payment_attempts').column('fee_id').execute()

  await db.schema
    .alterTable('fees')
    // the attempt whose money paid this fee (null for counter payments and waivers)
    .addColumn('paid_attempt_id', 'uuid', (c) => c.references('payment_attempts.id'))
    .addColumn('paid_method', 'text', (c) => c.check(sql`paid_method IN ('stripe', 'vnpay', 'counter')`))
    .execute()

  await db.schema
    .createTable('payment_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('attempt_id', 'uuid', (c) => c.references('payment_attempts.id'))
    // where the state came from: a verified notification, or our own retrieve / querydr
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('notification', 'poll')`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('amount', 'bigint')
    // applied | duplicate | already_settled | unknown_order | amount_mismatch | duplicate_payment
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('payment_events_provider_event', ['provider', 'event_id'])
    .execute()
  await db.schema
    .createIndex('payment_events_attempt_idx')
    .on('payment_events')
    .column('attempt_id')
    .execute()
  await sql`CREATE INDEX payment_events_exceptions_idx ON payment_events (received_at DESC)
            WHERE outcome IN ('unknown_order', 'amount_mismatch', 'duplicate_payment')`.execute(db)

  await db.schema
    .createTable('refunds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('fee_id', 'uuid', (c) => c.notNull().references('fees.id'))
    .addColumn('attempt_id', 'uuid', (c) => c.notNull().references('payment_attempts.id'))
    // why it exists: the dossier was refused or withdrawn, the fee was paid twice, or a clerk opened it
    .addColumn('origin', 'text', (c) =>
      c.notNull().check(sql`origin IN ('refused', 'withdrawn', 'duplicate', 'manual')`),
    )
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('proposed')
        .check(sql`status IN ('proposed', 'requested', 'rejected', 'processing', 'succeeded', 'failed')`),
    )
    .addColumn('reason', 'text')
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('requested_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .addColumn('idempotency_key', 'uuid', (c) => c.notNull().unique())
    .addColumn('provider_ref', 'text')
    // first sent to the gateway: a resend is safe only while the gateway still remembers the key
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('settled_at', 'timestamptz')
    // The four-eyes rule, kept by the database too.
    .addCheckConstraint('refunds_two_people', sql`decided_by IS NULL OR decided_by <> requested_by`)
    .execute()
  // A refused dossier or a duplicate payment proposes one refund per payment, however often it is noticed.
  await sql`CREATE UNIQUE INDEX refunds_one_automatic_per_attempt ON refunds (attempt_id)
            WHERE origin <> 'manual'`.execute(db)
  await db.schema.createIndex('refunds_status_idx').on('refunds').columns(['status', 'created_at']).execute()

  await db.schema
    .createTable('receipt_counters')
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('receipt_counters_pk', ['agency_id', 'year'])
    .execute()

  await db.schema
    .createTable('receipts')
    // random and unguessable: it is the public /verify/:id address printed in the QR code
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('fee_id', 'uuid', (c) => c.notNull().unique().references('fees.id'))
    .addColumn('attempt_id', 'uuid', (c) => c.references('payment_attempts.id'))
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method IN ('stripe', 'vnpay', 'counter')`))
    .addColumn('description', 'jsonb', (c) => c.notNull())
    .addColumn('transaction_id', 'text')
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    // sha256 of the receipt's canonical content: shown on the receipt and on /verify
    .addColumn('document_hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('receipts_series_number', ['agency_id', 'year', 'number'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['receipts', 'receipt_counters', 'refunds', 'payment_events']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
  await db.schema.alterTable('fees').dropColumn('paid_attempt_id').dropColumn('paid_method').execute()
  await db.schema.dropTable('payment_attempts').ifExists().execute()
}
