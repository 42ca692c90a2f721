import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * The result of a dossier as a signed document (issue 15):
 * - `procedure_versions.result`: the version's result definition (a template with its register and fields, parsed
 *   by app/modules/results/definition.ts); null = the specialist uploads the result PDF, register 'KQ'.
 * - `result_drafts`: every draft the specialist proposed (kept after a return for rework: the history), each
 *   with its own stored PDF.
 * - `result_counters`: the next number per agency, Vietnamese year and register (sổ), bumped in the approval's
 *   transaction (race-free like the receipts' counters; a rollback gives the number back).
 * - `results`: one issued, signed result: its number, the signed file (also the dossier's 'result' file row),
 *   its sha256, who signed with which certificate and when; revoked with a reason; a correction names the result it
 *   replaces. One issued (not revoked) result per dossier.
 * - `signing_credentials`: per agency, the demo PKCS#12 the seed creates (demo profile only) and its chain;
 *   `signing_roots`: the demo root CA (trusted by the verifier only in the demo profile).
 * The judicial-record procedure (2.001417.000.00.00.H56) gets its template definition here when it exists.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE procedure_versions ADD COLUMN result jsonb`.execute(db)

  await sql`CREATE TABLE result_drafts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    dossier_id uuid NOT NULL REFERENCES dossiers(id),
    seq integer NOT NULL,
    kind text NOT NULL CHECK (kind IN ('template', 'upload')),
    fields jsonb NOT NULL DEFAULT '{}',
    original_name text NOT NULL,
    mime text NOT NULL,
    size integer NOT NULL,
    sha256 text NOT NULL,
    storage_key text NOT NULL UNIQUE,
    note text,
    status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'returned', 'approved')),
    returned_reason text,
    created_by uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (dossier_id, seq)
  )`.execute(db)

  await sql`CREATE TABLE result_counters (
    agency_id uuid NOT NULL REFERENCES agencies(id),
    year smallint NOT NULL,
    register text NOT NULL,
    last integer NOT NULL,
    PRIMARY KEY (agency_id, year, register)
  )`.execute(db)

  await sql`CREATE TABLE results (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    dossier_id uuid NOT NULL REFERENCES dossiers(id),
    agency_id uuid NOT NULL REFERENCES agencies(id),
    draft_id uuid REFERENCES result_drafts(id),
    register text NOT NULL,
    year smallint NOT NULL,
    number integer NOT NULL,
    number_text text NOT NULL,
    title text NOT NULL,
    fields jsonb NOT NULL DEFAULT '{}',
    file_id uuid REFERENCES dossier_files(id) ON DELETE SET NULL,
    storage_key text NOT NULL UNIQUE,
    size integer NOT NULL,
    sha256 text NOT NULL,
    signature_format text NOT NULL,
    signer_id uuid REFERENCES users(id),
    signer_name text NOT NULL,
    signer_title text NOT NULL,
    certificate_subject text NOT NULL,
    certificate_issuer text NOT NULL,
    certificate_serial text NOT NULL,
    signed_at timestamptz NOT NULL,
    replaces_id uuid REFERENCES results(id),
    revoked_at timestamptz,
    revoked_by uuid REFERENCES users(id),
    revoke_reason text,
    CONSTRAINT results_revoked_all CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL)),
    UNIQUE (agency_id, year, register, number)
  )`.execute(db)
  await sql`CREATE UNIQUE INDEX results_one_valid ON results (dossier_id) WHERE revoked_at IS NULL`.execute(db)
  await sql`CREATE INDEX results_sha256 ON results (sha256)`.execute(db)

  await sql`CREATE TABLE signing_roots (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE,
    certificate_pem text NOT NULL,
    demo boolean NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db)
  await sql`CREATE TABLE signing_credentials (
    agency_id uuid PRIMARY KEY REFERENCES agencies(id),
    p12 bytea NOT NULL,
    certificate_pem text NOT NULL,
    chain_pem text NOT NULL,
    demo boolean NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db)

  await sql`UPDATE procedure_versions v SET result = ${JSON.stringify(judicialRecordResult)}::jsonb
    FROM procedures p WHERE p.id = v.procedure_id AND p.code = '2.001417.000.00.00.H56'`.execute(db)
}

/** Kept in step with db/seed/results.ts (a fresh database gets it from the seed). */
const judicialRecordResult = {
  kind: 'template',
  register: 'LLTP',
  title: { vi: 'PHIẾU LÝ LỊCH TƯ PHÁP', en: 'JUDICIAL RECORD CERTIFICATE' },
  answers: ['fullName', 'sex', 'dateOfBirth', 'placeOfBirth', 'nationality', 'citizenId', 'certificateType'],
  fields: [
    { key: 'convictions', label: { vi: 'Tình trạng án tích', en: 'Criminal record' }, type: 'textarea', required: true },
    { key: 'validUntil', label: { vi: 'Có giá trị đến ngày', en: 'Valid until' }, type: 'date', required: false },
    { key: 'remarks', label: { vi: 'Ghi chú', en: 'Remarks' }, type: 'textarea', required: false },
  ],
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS signing_credentials`.execute(db)
  await sql`DROP TABLE IF EXISTS signing_roots`.execute(db)
  await sql`DROP TABLE IF EXISTS results`.execute(db)
  await sql`DROP TABLE IF EXISTS result_counters`.execute(db)
  await sql`DROP TABLE IF EXISTS result_drafts`.execute(db)
  await sql`ALTER TABLE procedure_versions DROP COLUMN IF EXISTS result`.execute(db)
}
