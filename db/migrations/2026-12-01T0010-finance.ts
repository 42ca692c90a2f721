import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * Finance (DESIGN §7, issue 10): settlement lines imported once per provider line id, from the gateway's API or an
 * uploaded report file (once per content hash); reconciliation runs and the exceptions they find, each resolved by
 * a person (money-moving resolutions approved by a second one); the daily close per agency, which locks the day;
 * ledger codes per procedure and fee kind for the accounts' export.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The money movement a notification names, so a second success with another transaction is visible later.
  await db.schema.alterTable('payment_events').addColumn('transaction_id', 'text').execute()
  // A payment applied by a finance resolution is an event too.
  await sql`ALTER TABLE payment_events DROP CONSTRAINT IF EXISTS payment_events_source_check`.execute(db)
  await sql`ALTER TABLE payment_events ADD CONSTRAINT payment_events_source_check
            CHECK (source IN ('notification', 'poll', 'reconciliation'))`.execute(db)
  await sql`CREATE INDEX payment_events_duplicate_idx ON payment_events (attempt_id)
            WHERE outcome = 'duplicate_payment'`.execute(db)
  // Matching joins settlement lines to attempts by the gateway's transaction id as well as by our reference.
  await sql`CREATE INDEX payment_attempts_transaction_idx ON payment_attempts (provider, transaction_id)
            WHERE transaction_id IS NOT NULL`.execute(db)
  await sql`CREATE INDEX payment_attempts_settled_idx ON payment_attempts (settled_at)
            WHERE status = 'succeeded'`.execute(db)

  await db.schema
    .createTable('settlement_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider IN ('stripe', 'vnpay')`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('api', 'file')`))
    .addColumn('file_name', 'text')
    // sha256 of the uploaded bytes (files) — the same file twice is one import
    .addColumn('content_sha256', 'text')
    .addColumn('period_from', 'timestamptz')
    .addColumn('period_to', 'timestamptz')
    .addColumn('line_count', 'integer', (c) => c.notNull().defaultTo(0))
    // lines new to the portal (the rest were already known by their provider line id)
    .addColumn('new_lines', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('imported', 'rejected', 'failed')`))
    .addColumn('error_report', 'jsonb')
    .addColumn('imported_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  // A rejected file may be sent again once corrected (another hash); an imported one only once.
  await sql`CREATE UNIQUE INDEX settlement_imports_once ON settlement_imports (provider, content_sha256)
            WHERE status = 'imported' AND content_sha256 IS NOT NULL`.execute(db)
  await sql`CREATE INDEX settlement_imports_recent ON settlement_imports (provider, at DESC)`.execute(db)

  await db.schema
    .createTable('settlement_lines')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider IN ('stripe', 'vnpay')`))
    // Stripe: the balance transaction id; VNPay: TransactionNo and type
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('settlement_imports.id'))
    // our reference as the provider carried it (VNPay TxnRef, Stripe metadata attempt id), parsed to an attempt id
    .addColumn('our_reference', 'text')
    .addColumn('attempt_ref', 'uuid')
    // the provider's money-movement id (payment intent / charge; vnp_TransactionNo)
    .addColumn('transaction_id', 'text')
    // a refund's own id at the provider (Stripe re_…)
    .addColumn('refund_ref', 'text')
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type IN ('payment', 'refund', 'fee', 'adjustment', 'payout')`),
    )
    // đồng, signed (refunds negative)
    .addColumn('gross', 'bigint', (c) => c.notNull())
    .addColumn('fee', 'bigint', (c) => c.notNull())
    .addColumn('net', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('VND'))
    .addColumn('settled_at', 'timestamptz', (c) => c.notNull())
    .addColumn('payout_id', 'text')
    .addColumn('bank_code', 'text')
    .addColumn('raw', 'jsonb', (c) => c.notNull())
    .addUniqueConstraint('settlement_lines_once', ['provider', 'line_id'])
    .execute()
  await sql`CREATE INDEX settlement_lines_period ON settlement_lines (provider, settled_at)`.execute(db)
  await sql`CREATE INDEX settlement_lines_attempt ON settlement_lines (attempt_ref) WHERE attempt_ref IS NOT NULL`.execute(
    db,
  )
  await sql`CREATE INDEX settlement_lines_transaction ON settlement_lines (provider, transaction_id)
            WHERE transaction_id IS NOT NULL`.execute(db)
  await sql`CREATE INDEX settlement_lines_payout ON settlement_lines (payout_id) WHERE payout_id IS NOT NULL`.execute(
    db,
  )

  await db.schema
    .createTable('reconciliation_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('provider', 'text')
    .addColumn('period_from', 'timestamptz', (c) => c.notNull())
    .addColumn('period_to', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('results', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error', 'text')
    .addColumn('started_by', 'uuid', (c) => c.references('users.id'))
    .execute()
  await sql`CREATE INDEX reconciliation_runs_recent ON reconciliation_runs (provider, started_at DESC)`.execute(
    db,
  )

  // A closed day (per agency, Viet Nam business day): its figures are frozen.
  await db.schema
    .createTable('finance_days')
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agencies.id'))
    .addColumn('business_day', 'date', (c) => c.notNull())
    .addColumn('closed_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('closed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('figures', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('finance_days_pk', ['agency_id', 'business_day'])
    .execute()
  await sql`CREATE FUNCTION finance_days_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'finance day % of agency % is closed', OLD.business_day, OLD.agency_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'finance_day_closed';
    END $$`.execute(db)
  await sql`CREATE TRIGGER finance_days_frozen BEFORE UPDATE OR DELETE ON finance_days
            FOR EACH ROW EXECUTE FUNCTION finance_days_frozen()`.execute(db)
  // The first day on or after `day` that the agency has not closed (the day a late finding or correction lands on).
  await sql`CREATE FUNCTION finance_open_day(agency uuid, day date) RETURNS date LANGUAGE plpgsql STABLE AS $$
    DECLARE d date := day;
    BEGIN
      IF agency IS NULL THEN RETURN day; END IF;
      WHILE EXISTS (SELECT 1 FROM finance_days f WHERE f.agency_id = agency AND f.business_day = d) LOOP
        d := d + 1;
      END LOOP;
      RETURN d;
    END $$`.execute(db)

  await db.schema
    .createTable('reconciliation_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('reconciliation_runs.id'))
    .addColumn('class', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`class IN ('missing_in_portal', 'missing_at_gateway', 'amount_mismatch', 'duplicate_payment', 'refund_mismatch', 'fee_mismatch')`,
        ),
    )
    // what the item is about, once per class: 'line:<id>', 'attempt:<id>', 'event:<id>' or 'refund:<id>'
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status IN ('open', 'resolved')`),
    )
    .addColumn('agency_id', 'uuid', (c) => c.references('agencies.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    // the Viet Nam day of the money movement
    .addColumn('business_day', 'date', (c) => c.notNull())
    // the finance day the item counts on: its business day, or the next open day when that one was closed
    .addColumn('finance_day', 'date', (c) => c.notNull())
    // set when a resolution was booked on a later day because the item's day had been closed meanwhile
    .addColumn('corrects_day', 'date')
    .addColumn('payment_attempt_id', 'uuid', (c) => c.references('payment_attempts.id'))
    .addColumn('settlement_line_id', 'bigint', (c) => c.references('settlement_lines.id'))
    .addColumn('refund_id', 'uuid', (c) => c.references('refunds.id'))
    .addColumn('fee_id', 'uuid', (c) => c.references('fees.id'))
    .addColumn('dossier_id', 'uuid', (c) => c.references('dossiers.id'))
    // đồng: what the portal holds and what the gateway says (null where one side has nothing)
    .addColumn('portal_amount', 'bigint')
    .addColumn('gateway_amount', 'bigint')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('owner_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('resolution_kind', 'text', (c) =>
      c.check(sql`resolution_kind IN ('apply_payment', 'propose_refund', 'explained', 'write_off')`),
    )
    .addColumn('reason', 'text')
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('requested_at', 'timestamptz')
    .addColumn('approved_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Four eyes, kept by the database too.
    .addCheckConstraint(
      'reconciliation_items_two_people',
      sql`approved_by IS NULL OR approved_by <> requested_by`,
    )
    .addCheckConstraint(
      'reconciliation_items_resolved_whole',
      sql`status = 'open' OR (resolution_kind IS NOT NULL AND reason IS NOT NULL AND resolved_at IS NOT NULL)`,
    )
    .execute()
  // A run finds each thing once per class, however often it runs: at most one item (open or resolved) per class and
  // subject, stronger than one open item per attempt or line, so a resolved item is never found again.
  await sql`CREATE UNIQUE INDEX reconciliation_items_once ON reconciliation_items (class, subject)`.execute(
    db,
  )
  await sql`CREATE INDEX reconciliation_items_queue ON reconciliation_items (agency_id, status, finance_day)`.execute(
    db,
  )
  await sql`CREATE FUNCTION reconciliation_items_day() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        NEW.finance_day := finance_open_day(NEW.agency_id, coalesce(NEW.finance_day, NEW.business_day));
        IF NEW.finance_day <> NEW.business_day THEN NEW.corrects_day := NEW.business_day; END IF;
        RETURN NEW;
      END IF;
      -- Nothing is written onto a closed day; a correction moves the item to the next open day (corrects_day).
      IF NEW.agency_id IS NOT NULL AND EXISTS (
           SELECT 1 FROM finance_days f WHERE f.agency_id = NEW.agency_id AND f.business_day = NEW.finance_day) THEN
        RAISE EXCEPTION 'finance day % of agency % is closed', NEW.finance_day, NEW.agency_id
          USING ERRCODE = 'check_violation', CONSTRAINT = 'finance_day_closed';
      END IF;
      RETURN NEW;
    END $$`.execute(db)
  await sql`CREATE TRIGGER reconciliation_items_day BEFORE INSERT OR UPDATE ON reconciliation_items
            FOR EACH ROW EXECUTE FUNCTION reconciliation_items_day()`.execute(db)

  // Every resolution step (request, approval, reopening), append-only: the item row holds the current state.
  await db.schema
    .createTable('reconciliation_audit')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('reconciliation_items.id'))
    .addColumn('actor_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action IN ('request', 'approve', 'resolve', 'reopen')`),
    )
    .addColumn('resolution_kind', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('reconciliation_audit_item')
    .on('reconciliation_audit')
    .column('item_id')
    .execute()
  await sql`CREATE FUNCTION reconciliation_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'reconciliation_audit is append-only'; END $$`.execute(db)
  await sql`CREATE TRIGGER reconciliation_audit_append_only BEFORE UPDATE OR DELETE ON reconciliation_audit
            FOR EACH ROW EXECUTE FUNCTION reconciliation_audit_append_only()`.execute(db)

  await db.schema
    .createTable('ledger_codes')
    .addColumn('procedure_id', 'uuid', (c) => c.notNull().references('procedures.id'))
    .addColumn('fee_kind', 'text', (c) =>
      c.notNull().check(sql`fee_kind IN ('submission', 'assessed', 'counter')`),
    )
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[0-9A-Za-z.\\-]{1,32}$'`))
    .addColumn('updated_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ledger_codes_pk', ['procedure_id', 'fee_kind'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'ledger_codes',
    'reconciliation_audit',
    'reconciliation_items',
    'finance_days',
    'reconciliation_runs',
    'settlement_lines',
    'settlement_imports',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
  for (const fn of [
    'reconciliation_audit_append_only',
    'reconciliation_items_day',
    'finance_open_day',
    'finance_days_frozen',
  ]) {
    await sql`DROP FUNCTION IF EXISTS ${sql.raw(fn)} CASCADE`.execute(db)
  }
  await sql`DROP INDEX IF EXISTS payment_attempts_settled_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS payment_attempts_transaction_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS payment_events_duplicate_idx`.execute(db)
  await sql`ALTER TABLE payment_events DROP CONSTRAINT IF EXISTS payment_events_source_check`.execute(db)
  await sql`ALTER TABLE payment_events ADD CONSTRAINT payment_events_source_check
            CHECK (source IN ('notification', 'poll'))`.execute(db)
  await db.schema.alterTable('payment_events').dropColumn('transaction_id').execute()
}
