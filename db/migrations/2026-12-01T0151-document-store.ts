import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * The citizen's document store (issue 15 §3, "kho dữ liệu" of Decree 45/2020) and the delivery of results.
 *
 * - `dossier_files.source_file_id`: a file a later dossier took from the citizen's store instead of an upload. It
 *   shares the source's storage object (no copy of the bytes); deleting a row therefore deletes its object only
 *   when no other row names the same storage key (app/modules/dossiers/file-records.server.ts).
 * - `procedure_versions.result_kind`: the kind of document the procedure issues (a stable code such as
 *   `driving_licence`), matched against the `kind` of a later procedure's required documents.
 * - `dossiers.postal_tracking_number`: the postal item number recorded when reception hands the result to the
 *   post (the audit row of `deliver` holds it too).
 *
 * Stored procedure versions of the demo catalogue get the kinds the seed now writes (an existing database is
 * never re-seeded): each required document whose key names a shared kind, and each procedure's result kind.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossier_files
    ADD COLUMN source_file_id uuid REFERENCES dossier_files (id) ON DELETE SET NULL`.execute(db)
  await sql`CREATE INDEX dossier_files_storage_key ON dossier_files (storage_key)`.execute(db)
  await sql`ALTER TABLE procedure_versions
    ADD COLUMN result_kind text CHECK (result_kind ~ '^[a-z][a-z0-9_]{0,63}$')`.execute(db)
  await sql`ALTER TABLE dossiers
    ADD COLUMN postal_tracking_number text CHECK (postal_tracking_number ~ '^[A-Z]{2}[0-9]{9}[A-Z]{2}$')`.execute(
    db,
  )

  // The demo catalogue's kinds, by procedure code and document key.
  const documentKinds: [string, string, string][] = [
    ['1.001193.000.00.00.H56', 'birth_certificate_medical', 'medical_birth_certificate'],
    ['2.000635.000.00.00.H56', 'id_card', 'identity_document'],
    ['2.000635.000.00.00.H56', 'authorization', 'power_of_attorney'],
    ['1.000894.000.00.00.H56', 'id_card', 'identity_document'],
    ['1.000894.000.00.00.H56', 'marital_status_certificate', 'marital_status_certificate'],
    ['2.001417.000.00.00.H56', 'id_card', 'identity_document'],
    ['2.001417.000.00.00.H56', 'residence_proof', 'residence_proof'],
    ['2.000720.000.00.00.H56', 'id_card', 'identity_document'],
    ['1.009994.000.00.00.H56', 'land_use_certificate', 'land_use_right_certificate'],
    ['1.002804.000.00.00.H56', 'current_licence', 'driving_licence'],
    ['1.002804.000.00.00.H56', 'health_certificate', 'driver_health_certificate'],
  ]
  for (const [code, key, kind] of documentKinds) {
    await sql`UPDATE procedure_versions v
      SET documents = (
        SELECT jsonb_agg(CASE WHEN e->>'key' = ${key} AND NOT e ? 'kind'
                              THEN e || jsonb_build_object('kind', ${kind}::text) ELSE e END
                         ORDER BY i)
        FROM jsonb_array_elements(v.documents) WITH ORDINALITY AS x (e, i))
      FROM procedures p
      WHERE p.id = v.procedure_id AND p.code = ${code}`.execute(db)
  }
  const resultKinds: [string, string][] = [
    ['1.001193.000.00.00.H56', 'birth_certificate'],
    ['2.000635.000.00.00.H56', 'civil_status_extract'],
    ['2.000815.000.00.00.H56', 'certified_copy'],
    ['1.000894.000.00.00.H56', 'marriage_certificate'],
    ['2.001417.000.00.00.H56', 'judicial_record_certificate'],
    ['2.000720.000.00.00.H56', 'household_business_certificate'],
    ['1.009994.000.00.00.H56', 'building_permit'],
    ['1.002804.000.00.00.H56', 'driving_licence'],
    ['1.001917.000.00.00.H56', 'food_safety_certificate'],
  ]
  for (const [code, kind] of resultKinds) {
    await sql`UPDATE procedure_versions v SET result_kind = ${kind}
      FROM procedures p WHERE p.id = v.procedure_id AND p.code = ${code} AND v.result_kind IS NULL`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossiers DROP COLUMN IF EXISTS postal_tracking_number`.execute(db)
  await sql`ALTER TABLE procedure_versions DROP COLUMN IF EXISTS result_kind`.execute(db)
  await sql`DROP INDEX IF EXISTS dossier_files_storage_key`.execute(db)
  await sql`ALTER TABLE dossier_files DROP COLUMN IF EXISTS source_file_id`.execute(db)
}
