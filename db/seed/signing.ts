import type { KeyObject } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../schema'
import {
  createRootCa,
  generateRsaKey,
  issueSigningCertificate,
  toP12,
} from '../../app/modules/signing/pki.server'
import { DEMO_P12_PASSPHRASE } from '../../app/modules/signing/runtime.server'

/**
 * The demo's signing keys (issue 15): one demo root CA and, for each of the given agencies without one, a signing
 * certificate issued by it, kept as a PKCS#12 in `signing_credentials` so that `npm start` signs results out of the
 * box. Every name says DEMO; the root is trusted by the verifier only in the demo profile, and SIGNER=demo is
 * refused in live. The root's private key is not kept: agencies added later get their certificate from a real CA
 * (or the next database). Idempotent.
 */
export const DEMO_ROOT_NAME = 'DEMO Root CA — Cổng Dịch vụ công (không có giá trị pháp lý)'

const demoRootExists = async (db: Kysely<Database>) =>
  !!(await db.selectFrom('signing_roots').select('id').where('name', '=', DEMO_ROOT_NAME).executeTakeFirst())

/**
 * The keys `seedSigning` needs for `agencyCodes` (the root's first), begun now on the thread pool (RSA key
 * generation is ~0.2–0.3 s of CPU a key, most of the demo seed's own time), so that the caller's other inserts run
 * meanwhile; null when the demo root exists (nothing to make). Never an unhandled rejection: a failure surfaces
 * where `seedSigning` awaits the keys.
 */
export async function beginSigningKeys(
  db: Kysely<Database>,
  agencyCodes: readonly string[],
): Promise<SigningKeys | null> {
  if (await demoRootExists(db)) return null
  return startSigningKeys(agencyCodes.length)
}

/** `agencies + 1` keys, begun now (no database: the caller knows the root is to be made, a new cluster's). */
export function startSigningKeys(agencies: number): SigningKeys {
  const keys = Promise.all(Array.from({ length: agencies + 1 }, () => generateRsaKey()))
  keys.catch(() => {})
  // In an object: an async function returning the promise itself would wait for it.
  return { keys }
}

export interface SigningKeys {
  keys: Promise<KeyObject[]>
}

export async function seedSigning(
  db: Kysely<Database>,
  agencyCodes: readonly string[],
  now = new Date(),
  /** from `beginSigningKeys`; made here otherwise */
  begun?: SigningKeys | null,
) {
  if (await demoRootExists(db)) return { created: 0 }
  const keys = await (begun?.keys ??
    Promise.all(Array.from({ length: agencyCodes.length + 1 }, () => generateRsaKey())))
  const root = createRootCa(
    {
      commonName: DEMO_ROOT_NAME,
      organization: 'DEMO — Cổng Dịch vụ công Thành phố',
      organizationalUnit: 'DEMO — chỉ dùng để thử nghiệm',
    },
    now,
    20,
    keys[0],
  )
  await db
    .insertInto('signing_roots')
    .values({ name: DEMO_ROOT_NAME, certificate_pem: root.certificatePem, demo: true })
    .execute()
  const agencies = await db
    .selectFrom('agencies')
    .select(['id', 'code', 'name_vi'])
    .where('code', 'in', [...agencyCodes])
    .execute()
  for (const [i, a] of agencies.entries()) {
    const leaf = issueSigningCertificate(
      root,
      {
        commonName: `DEMO ${a.name_vi}`,
        organization: a.name_vi,
        organizationalUnit: `DEMO ${a.code}`,
        locality: 'Thành phố (DEMO)',
      },
      { now, key: keys[i + 1] ?? (await generateRsaKey()) },
    )
    await db
      .insertInto('signing_credentials')
      .values({
        agency_id: a.id,
        p12: toP12(leaf, [root.certificatePem], DEMO_P12_PASSPHRASE),
        certificate_pem: leaf.certificatePem,
        chain_pem: root.certificatePem,
        demo: true,
      })
      .onConflict((oc) => oc.column('agency_id').doNothing())
      .execute()
  }
  return { created: agencies.length }
}
