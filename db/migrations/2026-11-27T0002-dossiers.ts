import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

const statuses = [
  'draft',
  'awaiting_payment',
  'submitted',
  'received',
  'in_progress',
  'supplement_requested',
  'awaiting_approval',
  'result_ready',
  'completed',
  'refused_at_intake',
  'refused',
  'withdrawn',
]

export async function up(db: Kysely<any>): Promise<void> {
  // Accent-free search text for the catalogue, kept by a trigger (unaccent is not immutable, so no generated column).
  await db.schema
    .alterTable('procedures')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await sql`
    CREATE FUNCTION procedures_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_text := lower(unaccent(concat_ws(' ', NEW.code, NEW.name_vi, NEW.name_en, NEW.field_vi, NEW.field_en)));
      RETURN NEW;
    END $$`.execute(db)
  await sql`CREATE TRIGGER procedures_search_text BEFORE INSERT OR UPDATE ON procedures
            FOR EACH ROW EXECUTE FUNCTION procedures_search_text()`.execute(db)
  await sql`UPDATE procedures SET search_text = ''`.execute(db)
  await sql`CREATE INDEX procedures_search_trgm_idx ON procedures USING gin (search_text gin_trgm_ops)`.execute(
    db,
  )

  // Race-free dossier codes: one counter row per agency and Vietnamese calendar day, bumped in the submit transaction.
  await db.schema
    .createTable('dossier_counters')
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agencies.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_counters_pk', ['agency_id', 'day'])
    .execute()

  await db.schema
    .createTable('dossiers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('procedure_id', 'uuid', (c) => c.notNull().references('procedures.id'))
    .addColumn('procedure_version_id', 'uuid', (c) => c.notNull().references('procedure_versions.id'))
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agencies.id'))
    .addColumn('applicant_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql.raw(`status IN (${statuses.map((s) => `'${s}'`).join(', ')})`)),
    )
    .addColumn('form_data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // Section keys the applicant has saved at least once (the task list's "completed" state).
    .addColumn('sections_done', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('delivery_method', 'text', (c) =>
      c.check(sql`delivery_method IN ('online', 'counter', 'post')`),
    )
    .addColumn('delivery_address', 'jsonb')
    .addColumn('declared_at', 'timestamptz')
    .addColumn('submit_token', 'text', (c) => c.unique())
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('received_at', 'timestamptz')
    .addColumn('due_at', 'timestamptz')
    .addColumn('paused_since', 'timestamptz')
    .addColumn('paused_working_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('timeliness', 'text', (c) => c.check(sql`timeliness IN ('early', 'on_time', 'late')`))
    .addColumn('assignee_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  // One draft per applicant and procedure: a double click on "apply" resumes the same draft.
  await sql`CREATE UNIQUE INDEX dossiers_one_draft_idx ON dossiers (applicant_id, procedure_id) WHERE status = 'draft'`.execute(
    db,
  )
  await db.schema
    .createIndex('dossiers_applicant_idx')
    .on('dossiers')
    .columns(['applicant_id', 'created_at desc'])
    .execute()
  await db.schema
    .createIndex('dossiers_agency_status_due_idx')
    .on('dossiers')
    .columns(['agency_id', 'status', 'due_at'])
    .execute()

  await db.schema
    .createTable('supplement_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('dossier_id', 'uuid', (c) => c.notNull().references('dossiers.id'))
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('users.id'))
    // [{ kind: 'document' | 'field', key, reason }]
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('return_status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('answered_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('supplement_requests_dossier_idx')
    .on('supplement_requests')
    .column('dossier_id')
    .execute()

  await db.schema
    .createTable('dossier_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('dossier_id', 'uuid', (c) => c.notNull().references('dossiers.id'))
    .addColumn('requirement_key', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('supplement_request_id', 'uuid', (c) => c.references('supplement_requests.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('dossier_files_dossier_idx')
    .on('dossier_files')
    .columns(['dossier_id', 'requirement_key'])
    .execute()

  // Append-only audit trail: the database itself refuses UPDATE and DELETE.
  await db.schema
    .createTable('dossier_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('dossier_id', 'uuid', (c) => c.notNull().references('dossiers.id'))
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('reason', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('citizen_visible', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('dossier_events_dossier_idx')
    .on('dossier_events')
    .columns(['dossier_id', 'id'])
    .execute()
  await sql`
    CREATE FUNCTION dossier_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'dossier_events is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db)
  await sql`CREATE TRIGGER dossier_events_append_only BEFORE UPDATE OR DELETE ON dossier_events
            FOR EACH ROW EXECUTE FUNCTION dossier_events_append_only()`.execute(db)
  await sql`CREATE TRIGGER dossier_events_no_truncate BEFORE TRUNCATE ON dossier_events
            FOR EACH STATEMENT EXECUTE FUNCTION dossier_events_append_only()`.execute(db)

  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('dossier_id', 'uuid', (c) => c.notNull().references('dossiers.id'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('internal', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('messages_dossier_idx')
    .on('messages')
    .columns(['dossier_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('ratings')
    .addColumn('dossier_id', 'uuid', (c) => c.primaryKey().references('dossiers.id'))
    .addColumn('score', 'smallint', (c) => c.notNull().check(sql`score BETWEEN 1 AND 5`))
    .addColumn('comment', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // The demand for money; payment attempts and receipts come with the payments issue.
  await db.schema
    .createTable('fees')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('dossier_id', 'uuid', (c) => c.notNull().references('dossiers.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('submission', 'assessed', 'counter')`))
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('due')
        .check(sql`status IN ('due', 'paid', 'waived', 'refunded')`),
    )
    .addColumn('description', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('paid_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('fees_dossier_idx').on('fees').column('dossier_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'fees',
    'ratings',
    'messages',
    'dossier_events',
    'dossier_files',
    'supplement_requests',
    'dossiers',
    'dossier_counters',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
  await sql`DROP FUNCTION IF EXISTS dossier_events_append_only()`.execute(db)
  await sql`DROP TRIGGER IF EXISTS procedures_search_text ON procedures`.execute(db)
  await sql`DROP FUNCTION IF EXISTS procedures_search_text()`.execute(db)
  await db.schema.alterTable('procedures').dropColumn('search_text').execute()
}
