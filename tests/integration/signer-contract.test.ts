import { createPublicKey, verify as verifySignature, createHash, X509Certificate } from 'node:crypto'
import { setupServer } from 'msw/node'
import PDFDocument from 'pdfkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCscMock, mockCsc } from '../../app/modules/signing/csc-mock.server'
import { CscSigner } from '../../app/modules/signing/csc.server'
import { LocalP12Signer } from '../../app/modules/signing/local-p12.server'
import { signPdf } from '../../app/modules/signing/pdf-sign.server'
import { createRootCa, issueSigningCertificate, pemToDer, toP12 } from '../../app/modules/signing/pki.server'
import { SignerError, type Signer } from '../../app/modules/signing/signer'
import { verifySignedPdf } from '../../app/modules/signing/verify.server'
import { createSigningRuntime } from '../../app/modules/signing/runtime.server'
import { parseEnv } from '../../app/utils/env.server'
import { seedSigning } from '../../db/seed/signing'
import { createTestDb } from '../setup/db'

/**
 * One contract for every Signer (issue 15 §2): the local PKCS#12 signer and the remote one speaking the Cloud
 * Signature Consortium API v2 to its msw mock (over real fetch calls intercepted by msw) give the same chain and
 * valid signatures, and sign a PDF the verifier accepts. The remote mock refuses a wrong PIN, a wrong OTP, a bad
 * token, a reused SAD and a hash the SAD was not issued for.
 */

const ca = createRootCa({ commonName: 'DEMO Contract Root', organization: 'DEMO' })
const leaf = issueSigningCertificate(ca, { commonName: 'DEMO UBND Quận 1', organization: 'DEMO' })
const p12 = toP12(leaf, [ca.certificatePem], 'contract-pass')
const mock = createCscMock({ credentials: [{ id: 'ubq1', p12, passphrase: 'contract-pass' }] })
const server = setupServer(...mock.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const remote = (over: Partial<ConstructorParameters<typeof CscSigner>[0]> = {}) =>
  new CscSigner({
    baseUrl: mockCsc.baseUrl,
    accessToken: mockCsc.accessToken,
    credentialId: 'ubq1',
    pin: mockCsc.pin,
    otp: () => mockCsc.otp,
    ...over,
  })

const signers: [string, () => Signer][] = [
  ['local PKCS#12', () => new LocalP12Signer(p12, 'contract-pass')],
  ['remote CSC v2 (msw mock)', () => remote()],
  ['remote CSC v2, credential found by credentials/list', () => remote({ credentialId: undefined })],
]

function pdf(): Promise<Buffer> {
  const doc = new PDFDocument()
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  doc.text('Giấy phép xây dựng — DEMO')
  doc.end()
  return done
}

describe.each(signers)('the signer contract: %s', (_name, make) => {
  it('gives its certificate first, then the chain up to the root', async () => {
    const certs = await make().certificates()
    expect(certs.map((d) => new X509Certificate(d).subject)).toEqual([
      new X509Certificate(pemToDer(leaf.certificatePem)).subject,
      new X509Certificate(pemToDer(ca.certificatePem)).subject,
    ])
  })

  it("signs a SHA-256 hash: RSA PKCS#1 v1.5 that the certificate's key verifies for that message", async () => {
    const signer = make()
    const message = Buffer.from('hồ sơ UBQ1-261201-0001')
    const signature = await signer.signHash(createHash('sha256').update(message).digest())
    const key = createPublicKey(
      new X509Certificate((await signer.certificates())[0]).publicKey.export({ type: 'spki', format: 'pem' }),
    )
    expect(verifySignature('sha256', message, key, signature)).toBe(true)
    expect(verifySignature('sha256', Buffer.from('another'), key, signature)).toBe(false)
  })

  it('signs a PDF that the verifier accepts against the root', async () => {
    const signed = await signPdf({
      pdf: await pdf(),
      signer: make(),
      signingTime: new Date(),
      reason: 'r',
      name: 'n',
      location: 'VN',
      contactInfo: 'c',
      widgetRect: [10, 10, 200, 80],
    })
    expect(signed.level).toBe('B-B')
    expect((await verifySignedPdf(signed.pdf, [pemToDer(ca.certificatePem)])).ok).toBe(true)
  })
})

describe('the remote signing service (mock) refuses', () => {
  const hash = createHash('sha256').update('x').digest()

  it('a wrong PIN', async () => {
    const error = await remote({ pin: '000000' })
      .signHash(hash)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SignerError)
    expect(error).toMatchObject({ code: 'authorization' })
    expect(String((error as Error).message)).toContain('invalid_pin')
  })

  it('a wrong OTP, and no OTP at all', async () => {
    const wrong = await remote({ otp: () => '999999' })
      .signHash(hash)
      .catch((e: unknown) => e)
    expect(wrong).toMatchObject({ code: 'authorization' })
    expect(String((wrong as Error).message)).toContain('invalid_otp')
    const none = await remote({ otp: undefined })
      .signHash(hash)
      .catch((e: unknown) => e)
    expect(String((none as Error).message)).toContain('invalid_otp')
  })

  it('a wrong access token', async () => {
    const error = await remote({ accessToken: 'stolen' })
      .certificates()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'authorization' })
  })

  it('a SAD used twice or for another hash, and an unknown credential', async () => {
    const call = (path: string, body: unknown) =>
      fetch(`${mockCsc.baseUrl}/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${mockCsc.accessToken}` },
        body: JSON.stringify(body),
      })
    const b64 = hash.toString('base64')
    const auth = await call('credentials/authorize', {
      credentialID: 'ubq1',
      numSignatures: 1,
      hashes: [b64],
      PIN: mockCsc.pin,
      OTP: mockCsc.otp,
    })
    const { SAD } = (await auth.json()) as { SAD: string }
    const other = createHash('sha256').update('y').digest('base64')
    const sign = (h: string) =>
      call('signatures/signHash', {
        credentialID: 'ubq1',
        SAD,
        hashes: [h],
        hashAlgo: '2.16.840.1.101.3.4.2.1',
        signAlgo: '1.2.840.113549.1.1.11',
      })
    const forOther = await sign(other)
    expect(forOther.status).toBe(400)
    expect(await forOther.json()).toMatchObject({ error: 'invalid_request' })
    expect((await sign(b64)).status).toBe(200)
    expect((await sign(b64)).status).toBe(400) // used up
    const unknown = await call('credentials/info', { credentialID: 'nope' })
    expect(unknown.status).toBe(400)
    expect(mock.signatures).toBeGreaterThan(0)
  })
})

describe('the runtime picks the signer by SIGNER', () => {
  it("signs with each demo agency's credential, locally (demo) and through the in-process CSC mock (csc)", async () => {
    const t = await createTestDb()
    try {
      await t.db
        .insertInto('agencies')
        .values({
          code: 'TST',
          name_vi: 'Sở Thử nghiệm',
          name_en: 'Test Department',
          address_vi: 'x',
          address_en: 'x',
        })
        .execute()
      await seedSigning(t.db, ['TST'])
      const agency = await t.db
        .selectFrom('agencies')
        .select(['id', 'code'])
        .where('code', '=', 'TST')
        .executeTakeFirstOrThrow()
      const roots = (await t.db.selectFrom('signing_roots').select('certificate_pem').execute()).map((r) =>
        pemToDer(r.certificate_pem),
      )
      for (const SIGNER of ['demo', 'csc']) {
        const runtime = createSigningRuntime(parseEnv({ SIGNER }))
        const signer = await runtime.signerFor(t.db, agency)
        expect(signer.kind).toBe(SIGNER === 'demo' ? 'local-p12' : 'csc')
        const signed = await signPdf({
          pdf: await pdf(),
          signer,
          signingTime: new Date(),
          reason: 'r',
          name: 'n',
          location: 'VN',
          contactInfo: 'c',
          widgetRect: [10, 10, 200, 80],
        })
        const outcome = await verifySignedPdf(signed.pdf, roots)
        expect(outcome.ok).toBe(true)
        expect(outcome.signer?.subject).toContain('DEMO Sở Thử nghiệm')
        expect(await runtime.trustedRoots(t.db)).toHaveLength(1)
      }
      // An agency without a credential, and SIGNER=off, refuse with a code the pages translate.
      const none = createSigningRuntime(parseEnv({ SIGNER: 'demo' }))
      await expect(
        none.signerFor(t.db, { id: '00000000-0000-4000-8000-000000000000', code: 'X' }),
      ).rejects.toMatchObject({
        code: 'credential',
      })
      const off = createSigningRuntime(parseEnv({ SIGNER: 'off' }))
      await expect(off.signerFor(t.db, agency)).rejects.toMatchObject({ code: 'config' })
    } finally {
      await t.drop()
    }
  }, 60_000)
})
