import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * Who changed what in the administration (agencies, staff and roles, holidays, procedure versions), and when.
 * Append-only like dossier_events: the database itself refuses UPDATE, DELETE and TRUNCATE.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('admin_audit')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('actor_id', 'uuid', (c) => c.notNull().references('users.id'))
    // The agency the change belongs to (staff, roles, an agency); null for city-wide data (holidays, procedures).
    .addColumn('agency_id', 'uuid', (c) => c.references('agencies.id'))
    // e.g. 'holiday.add', 'role.grant', 'procedure.publish'
    .addColumn('action', 'text', (c) => c.notNull())
    // what was changed, as a person reads it: a date, an e-mail, an agency or procedure code
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('admin_audit_at_idx').on('admin_audit').column('at desc').execute()
  await db.schema
    .createIndex('admin_audit_agency_at_idx')
    .on('admin_audit')
    .columns(['agency_id', 'at desc'])
    .execute()
  await sql`
    CREATE FUNCTION admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'admin_audit is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db)
  await sql`CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit
            FOR EACH ROW EXECUTE FUNCTION admin_audit_append_only()`.execute(db)
  await sql`CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
            FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_append_only()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('admin_audit').ifExists().execute()
  await sql`DROP FUNCTION IF EXISTS admin_audit_append_only()`.execute(db)
}
