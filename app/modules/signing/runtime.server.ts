import { readFileSync } from 'node:fs'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { Env } from '../../utils/env.server'
import type { CmsOptions } from './cms.server'
import { createCscMock, mockCsc } from './csc-mock.server'
import { CscSigner } from './csc.server'
import { LocalP12Signer } from './local-p12.server'
import { pemBundle, pemToDer } from './pki.server'
import { SignerError, type Signer } from './signer'

/**
 * Which signer signs for an agency, and which roots the verifier trusts, from the environment (SIGNER and
 * SIGNING_*; see env.server.ts). One runtime per process and environment; signers are kept per agency.
 * - demo: the agency's PKCS#12 in `signing_credentials` (created by the seed, demo profile only);
 * - p12: SIGNING_P12_FILE ('{agency}' → the agency's code) opened with SIGNING_P12_PASSPHRASE;
 * - csc: a CSC API v2 service (SIGNING_CSC_*); in the demo profile without SIGNING_CSC_URL, the msw mock service
 *   holding the demo credentials (credential id = the agency's code in lower case, PIN/OTP of `mockCsc`);
 * - off: nothing signs, so nothing can be approved.
 * Trust: the demo root(s) in `signing_roots` in the demo profile only, plus the PEM bundle SIGNING_TRUST_ROOTS.
 */

/** The demo PKCS#12 files' passphrase. Demo keys protect nothing: they are refused in the live profile. */
export const DEMO_P12_PASSPHRASE = 'demo-only-not-a-secret'

export interface SigningRuntime {
  signerFor(db: Kysely<Database>, agency: { id: string; code: string }): Promise<Signer>
  trustedRoots(db: Kysely<Database>): Promise<Buffer[]>
  cms: CmsOptions
  /** 'PAdES-B-T' with a timestamp authority, else 'PAdES-B-B' */
  format: 'PAdES-B-B' | 'PAdES-B-T'
}

const runtimes = new WeakMap<Env, SigningRuntime>()

export function signingRuntime(env: Env): SigningRuntime {
  let r = runtimes.get(env)
  if (!r) runtimes.set(env, (r = createSigningRuntime(env)))
  return r
}

export function createSigningRuntime(env: Env, overrides: { fetch?: typeof fetch } = {}): SigningRuntime {
  const signers = new Map<string, Promise<Signer>>()
  let mock: ReturnType<typeof createCscMock> | null = null

  const demoCredential = async (db: Kysely<Database>, agencyId: string) => {
    const row = await db
      .selectFrom('signing_credentials')
      .select(['p12'])
      .where('agency_id', '=', agencyId)
      .where('demo', '=', true)
      .executeTakeFirst()
    if (!row) throw new SignerError('credential', 'this agency has no demo signing credential')
    return row.p12
  }

  async function make(db: Kysely<Database>, agency: { id: string; code: string }): Promise<Signer> {
    switch (env.SIGNER) {
      case 'off':
        throw new SignerError('config', 'no signer is configured (SIGNER=off)')
      case 'demo':
        return new LocalP12Signer(await demoCredential(db, agency.id), DEMO_P12_PASSPHRASE)
      case 'p12': {
        const path = env.SIGNING_P12_FILE!.replaceAll('{agency}', agency.code)
        let bytes: Buffer
        try {
          bytes = readFileSync(path)
        } catch {
          throw new SignerError('credential', `cannot read ${path}`)
        }
        return new LocalP12Signer(bytes, env.SIGNING_P12_PASSPHRASE ?? '')
      }
      case 'csc': {
        if (env.SIGNING_CSC_URL)
          return new CscSigner({
            baseUrl: env.SIGNING_CSC_URL,
            accessToken: env.SIGNING_CSC_TOKEN!,
            credentialId: env.SIGNING_CSC_CREDENTIAL?.replaceAll('{agency}', agency.code),
            pin: env.SIGNING_CSC_PIN!,
            otp: env.SIGNING_CSC_OTP ? () => env.SIGNING_CSC_OTP! : undefined,
            fetch: overrides.fetch,
          })
        if (env.PROFILE !== 'demo') throw new SignerError('config', 'SIGNING_CSC_URL is required')
        if (!mock) {
          const rows = await db
            .selectFrom('signing_credentials as c')
            .innerJoin('agencies as a', 'a.id', 'c.agency_id')
            .select(['a.code', 'c.p12'])
            .where('c.demo', '=', true)
            .execute()
          mock = createCscMock({
            credentials: rows.map((r) => ({
              id: r.code.toLowerCase(),
              p12: r.p12,
              passphrase: DEMO_P12_PASSPHRASE,
            })),
          })
        }
        return new CscSigner({
          baseUrl: mockCsc.baseUrl,
          accessToken: mockCsc.accessToken,
          credentialId: agency.code.toLowerCase(),
          pin: env.SIGNING_CSC_PIN ?? mockCsc.pin,
          otp: () => env.SIGNING_CSC_OTP ?? mockCsc.otp,
          fetch: mock.fetch,
        })
      }
    }
  }

  let operatorRoots: Buffer[] | null = null
  return {
    cms: env.SIGNING_TSA_URL ? { tsa: { url: env.SIGNING_TSA_URL, fetch: overrides.fetch } } : {},
    format: env.SIGNING_TSA_URL ? 'PAdES-B-T' : 'PAdES-B-B',
    signerFor(db, agency) {
      let s = signers.get(agency.id)
      if (!s) {
        s = make(db, agency)
        signers.set(agency.id, s)
        s.catch(() => signers.delete(agency.id))
      }
      return s
    },
    async trustedRoots(db) {
      operatorRoots ??= env.SIGNING_TRUST_ROOTS
        ? pemBundle(readFileSync(env.SIGNING_TRUST_ROOTS, 'utf8')).map(pemToDer)
        : []
      if (env.PROFILE !== 'demo') return operatorRoots
      const demo = await db
        .selectFrom('signing_roots')
        .select('certificate_pem')
        .where('demo', '=', true)
        .execute()
      return [...demo.map((r) => pemToDer(r.certificate_pem)), ...operatorRoots]
    },
  }
}
