import { sql, type Kysely } from 'kysely'

// Frozen once merged: written against Kysely<any>, imports nothing from the app.

/**
 * Sign-in with the national electronic identity (VNeID) over OpenID Connect (issue 16).
 *
 * - `user_identities`: an account's link to a provider's subject (issuer + sub, unique), with the personal
 *   identification number and identity level the provider last verified and the normalised claims of that
 *   sign-in (what pre-fills and locks e-form fields).
 * - `vneid_logins`: one row per authorization request in flight (state, nonce, PKCE verifier), keyed by the
 *   sha256 of a random token kept in the browser's cookie, so a callback is accepted once, from the browser that
 *   started it, within ten minutes.
 * - `vneid_link_requests`: a verified VNeID sign-in whose number belongs to an existing password account, waiting
 *   for the owner to prove the password once (keyed like vneid_logins).
 * - `sessions`: how the session was opened (password or vneid), at which identity level, through which link,
 *   and the ID token (the hint of RP-initiated logout).
 * - `procedure_versions.required_identity_level`: 1 (any signed-in citizen) or 2 (a level-2 VNeID sign-in).
 * - `dossiers.identity_claims`: per e-form field, the claim that filled it, the level and when it was verified
 *   and used.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE user_identities (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider text NOT NULL CHECK (provider IN ('vneid')),
    issuer text NOT NULL,
    subject text NOT NULL,
    personal_id text NOT NULL CHECK (personal_id ~ '^[0-9]{12}$'),
    level smallint NOT NULL CHECK (level IN (1, 2)),
    claims jsonb NOT NULL,
    verified_at timestamptz NOT NULL,
    linked_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (issuer, subject),
    UNIQUE (user_id, provider)
  )`.execute(db)
  await sql`CREATE INDEX user_identities_personal_id ON user_identities (personal_id)`.execute(db)

  await sql`CREATE TABLE vneid_logins (
    id text PRIMARY KEY,
    state text NOT NULL,
    nonce text NOT NULL,
    code_verifier text NOT NULL,
    redirect_uri text NOT NULL,
    redirect_to text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`.execute(db)
  await sql`CREATE INDEX vneid_logins_expires ON vneid_logins (expires_at)`.execute(db)

  await sql`CREATE TABLE vneid_link_requests (
    id text PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issuer text NOT NULL,
    subject text NOT NULL,
    personal_id text NOT NULL,
    level smallint NOT NULL CHECK (level IN (1, 2)),
    claims jsonb NOT NULL,
    id_token text NOT NULL,
    redirect_to text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`.execute(db)

  await sql`ALTER TABLE sessions
    ADD COLUMN auth_method text NOT NULL DEFAULT 'password' CHECK (auth_method IN ('password', 'vneid')),
    ADD COLUMN identity_level smallint CHECK (identity_level IN (1, 2)),
    ADD COLUMN identity_id uuid REFERENCES user_identities (id) ON DELETE CASCADE,
    ADD COLUMN id_token text,
    ADD CHECK (auth_method = 'password' OR (identity_level IS NOT NULL AND identity_id IS NOT NULL))`.execute(
    db,
  )

  await sql`ALTER TABLE procedure_versions
    ADD COLUMN required_identity_level smallint NOT NULL DEFAULT 1 CHECK (required_identity_level IN (1, 2))`.execute(
    db,
  )
  await sql`ALTER TABLE dossiers ADD COLUMN identity_claims jsonb`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossiers DROP COLUMN IF EXISTS identity_claims`.execute(db)
  await sql`ALTER TABLE procedure_versions DROP COLUMN IF EXISTS required_identity_level`.execute(db)
  await sql`ALTER TABLE sessions
    DROP COLUMN IF EXISTS id_token,
    DROP COLUMN IF EXISTS identity_id,
    DROP COLUMN IF EXISTS identity_level,
    DROP COLUMN IF EXISTS auth_method`.execute(db)
  await sql`DROP TABLE IF EXISTS vneid_link_requests`.execute(db)
  await sql`DROP TABLE IF EXISTS vneid_logins`.execute(db)
  await sql`DROP TABLE IF EXISTS user_identities`.execute(db)
}
