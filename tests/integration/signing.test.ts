import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import PDFDocument from 'pdfkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalP12Signer } from '../../app/modules/signing/local-p12.server'
import { OID } from '../../app/modules/signing/cms.server'
import { signPdf } from '../../app/modules/signing/pdf-sign.server'
import { createRootCa, issueSigningCertificate, pemToDer, toP12 } from '../../app/modules/signing/pki.server'
import { verifySignedPdf } from '../../app/modules/signing/verify.server'

/**
 * The signature round trip (issue 15): a PDF signed by the portal (PAdES baseline B, the demo CA's kind of
 * certificate) validates with an independent verifier — `openssl cms -verify` over the ByteRange bytes with the
 * CA as the only trust anchor — and with the portal's own verifier; one changed byte, an appended incremental
 * update and a certificate of another CA each fail, with openssl where it can see it and with a clear reason.
 */

let dir: string
// Vietnamese in the root's name: the issuer of every certificate must repeat it byte for byte.
const ca = createRootCa({ commonName: 'DEMO Test Root — Gốc thử nghiệm', organization: 'DEMO — Cổng' })
const other = createRootCa({ commonName: 'Another CA', organization: 'Elsewhere' })

function samplePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  doc.text('PHIẾU LÝ LỊCH TƯ PHÁP — DEMO')
  doc.end()
  return done
}

function signerOf(root: typeof ca, options: Parameters<typeof issueSigningCertificate>[2] = {}) {
  const leaf = issueSigningCertificate(root, { commonName: 'DEMO Sở Tư pháp', organization: 'DEMO' }, options)
  return new LocalP12Signer(toP12(leaf, [root.certificatePem], 'pw'), 'pw')
}

async function signed(signer = signerOf(ca), signingTime = new Date()) {
  return (
    await signPdf({
      pdf: await samplePdf(),
      signer,
      signingTime,
      reason: 'Kết quả giải quyết',
      name: 'DEMO Sở Tư pháp',
      location: 'Việt Nam',
      contactInfo: 'https://example.invalid/verify/x',
      widgetRect: [300, 100, 550, 200],
    })
  ).pdf
}

/** The ByteRange's two parts and the CMS (its DER length read from its own header) as files for openssl. */
function split(pdf: Buffer) {
  const m = /\/ByteRange \[(\d+) +(\d+) +(\d+) +(\d+) *\]/.exec(pdf.toString('latin1'))!
  const [a, l1, s2, l2] = m.slice(1).map(Number)
  const hex = pdf.subarray(a + l1 + 1, s2 - 1).toString('latin1')
  const raw = Buffer.from(hex, 'hex')
  const parsed = asn1js.fromBER(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length))
  const cms = raw.subarray(0, parsed.offset)
  const content = Buffer.concat([pdf.subarray(a, a + l1), pdf.subarray(s2, s2 + l2)])
  return { cms, content, covered: s2 + l2, length: pdf.length }
}

function openssl(pdf: Buffer, anchorPem: string): { ok: boolean; out: string } {
  const { cms, content } = split(pdf)
  const cmsFile = path.join(dir, 'sig.der')
  const contentFile = path.join(dir, 'content.bin')
  const anchor = path.join(dir, 'anchor.pem')
  writeFileSync(cmsFile, cms)
  writeFileSync(contentFile, content)
  writeFileSync(anchor, anchorPem)
  try {
    const out = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        cmsFile,
        '-content',
        contentFile,
        '-CAfile',
        anchor,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    return { ok: true, out: out.toString() }
  } catch (error) {
    return { ok: false, out: String((error as { stderr?: Buffer }).stderr ?? error) }
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'signing-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a signed result', () => {
  it('validates with openssl cms -verify over the ByteRange, the demo CA as the trust anchor, and with the portal', async () => {
    const pdf = await signed()
    const { ok, out } = openssl(pdf, ca.certificatePem)
    expect(out + (ok ? '' : ' FAILED')).not.toContain('FAILED')
    expect(ok).toBe(true)
    const { covered, length } = split(pdf)
    expect(covered).toBe(length) // the signature covers the whole file but its own hole
    const outcome = await verifySignedPdf(pdf, [pemToDer(ca.certificatePem)])
    expect(outcome).toMatchObject({ ok: true, subFilter: 'ETSI.CAdES.detached', timestamped: false })
    expect(outcome.signer?.subject).toBe('CN=DEMO Sở Tư pháp, O=DEMO, C=VN')
  })

  it('is PAdES baseline B: content-type, message-digest and signing-certificate-v2 signed, no signing-time, SHA-256 with RSA', async () => {
    const { cms } = split(await signed())
    const info = pkijs.ContentInfo.fromBER(cms.buffer.slice(cms.byteOffset, cms.byteOffset + cms.length))
    const sd = new pkijs.SignedData({ schema: info.content })
    const si = sd.signerInfos[0]
    expect(si.signedAttrs!.attributes.map((a) => a.type)).toEqual([
      OID.contentType,
      OID.messageDigest,
      OID.signingCertificateV2,
    ])
    expect(si.digestAlgorithm.algorithmId).toBe(OID.sha256)
    expect(si.signatureAlgorithm.algorithmId).toBe('1.2.840.113549.1.1.11')
    expect(sd.encapContentInfo.eContent).toBeUndefined() // detached
    // The ESS certificate hash is the SHA-256 of the signer's certificate.
    const certs = sd.certificates as pkijs.Certificate[]
    const own = Buffer.from(certs[0].toSchema().toBER())
    const ess = si.signedAttrs!.attributes[2].values[0] as asn1js.Sequence
    const certHash = ((ess.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence)
      .valueBlock.value[0] as asn1js.OctetString
    const { createHash } = await import('node:crypto')
    expect(Buffer.from(certHash.valueBlock.valueHexView).toString('hex')).toBe(
      createHash('sha256').update(own).digest('hex'),
    )
  })

  it('fails after one changed byte: openssl refuses and the portal says the content does not match', async () => {
    const pdf = await signed()
    const changed = Buffer.from(pdf)
    const at = changed.indexOf('PHI') > 0 ? changed.indexOf('/Producer') : 200
    changed[at + 2] ^= 0x01
    expect(openssl(changed, ca.certificatePem).ok).toBe(false)
    expect(await verifySignedPdf(changed, [pemToDer(ca.certificatePem)])).toMatchObject({
      ok: false,
      reason: 'digestMismatch',
    })
  })

  it('fails after an appended incremental update that changes content: the ByteRange no longer covers the file', async () => {
    const pdf = await signed()
    const update = Buffer.from(
      '\n5 0 obj\n<< /Length 44 >>\nstream\nBT /F1 24 Tf 100 700 Td (KHONG AN TICH) Tj ET\nendstream\nendobj\n' +
        'xref\n5 1\n0000000000 00000 n \ntrailer\n<< /Size 6 >>\nstartxref\n0\n%%EOF\n',
    )
    const updated = Buffer.concat([pdf, update])
    // openssl checks only the bytes the ByteRange names, which are unchanged; what it cannot see is the coverage:
    expect(openssl(updated, ca.certificatePem).ok).toBe(true)
    const { covered, length } = split(updated)
    expect(covered).toBeLessThan(length)
    expect(await verifySignedPdf(updated, [pemToDer(ca.certificatePem)])).toMatchObject({
      ok: false,
      reason: 'modifiedAfterSigning',
    })
  })

  it("fails with another CA's certificate: openssl cannot chain it to the demo CA, the portal says untrusted", async () => {
    const pdf = await signed(signerOf(other))
    const { ok, out } = openssl(pdf, ca.certificatePem)
    expect(ok).toBe(false)
    expect(out).toMatch(/certificate verify error|unable to get local issuer certificate/i)
    expect(await verifySignedPdf(pdf, [pemToDer(ca.certificatePem)])).toMatchObject({
      ok: false,
      reason: 'untrusted',
    })
    // …and the same file is fine for whoever trusts that other CA.
    expect((await verifySignedPdf(pdf, [pemToDer(other.certificatePem)])).ok).toBe(true)
  })

  it('fails when the certificate was not valid at the signing time', async () => {
    const past = new Date(Date.now() - 3 * 365 * 86_400_000)
    const expired = signerOf(ca, { notBefore: past, notAfter: new Date(past.getTime() + 86_400_000) })
    const pdf = await signed(expired, new Date())
    expect(await verifySignedPdf(pdf, [pemToDer(ca.certificatePem)])).toMatchObject({
      ok: false,
      reason: 'certificateNotValidAtSigningTime',
    })
  })

  it('refuses what is not a signed PDF', async () => {
    expect((await verifySignedPdf(Buffer.from('hello'), [])).ok).toBe(false)
    expect(await verifySignedPdf(await samplePdf(), [])).toMatchObject({ ok: false, reason: 'noSignature' })
  })
})

describe('with a timestamp authority (B-T)', () => {
  it('adds an RFC 3161 token over the signature value; the verifier takes its time as the signing time', async () => {
    const { webcrypto, createPrivateKey } = await import('node:crypto')
    const tsa = issueSigningCertificate(ca, { commonName: 'DEMO TSA', organization: 'DEMO' })
    const tsaCert = pkijs.Certificate.fromBER(new Uint8Array(pemToDer(tsa.certificatePem)).buffer)
    const key = await webcrypto.subtle.importKey(
      'pkcs8',
      createPrivateKey(tsa.keyPem).export({ type: 'pkcs8', format: 'der' }),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    const genTime = new Date(Date.now() - 5_000)
    genTime.setMilliseconds(0)
    let imprints = 0
    // A minimal RFC 3161 responder (PKI.js builds the TSTInfo and its SignedData): what the portal POSTs to it.
    const tsaFetch: typeof fetch = async (_url, init) => {
      const body = new Uint8Array(init!.body as Buffer)
      const req = pkijs.TimeStampReq.fromBER(
        body.buffer.slice(body.byteOffset, body.byteOffset + body.length),
      )
      imprints++
      const info = new pkijs.TSTInfo({
        version: 1,
        policy: '1.2.3.4.1',
        messageImprint: req.messageImprint,
        serialNumber: new asn1js.Integer({ value: imprints }),
        genTime,
        nonce: req.nonce,
      })
      const signed = new pkijs.SignedData({
        version: 3,
        encapContentInfo: new pkijs.EncapsulatedContentInfo({
          eContentType: '1.2.840.113549.1.9.16.1.4',
          eContent: new asn1js.OctetString({ valueHex: info.toSchema().toBER() }),
        }),
        signerInfos: [
          new pkijs.SignerInfo({
            version: 1,
            sid: new pkijs.IssuerAndSerialNumber({
              issuer: tsaCert.issuer,
              serialNumber: tsaCert.serialNumber,
            }),
          }),
        ],
        certificates: [tsaCert],
      })
      await signed.sign(key, 0, 'SHA-256')
      const resp = new pkijs.TimeStampResp({
        status: new pkijs.PKIStatusInfo({ status: 0 }),
        timeStampToken: new pkijs.ContentInfo({
          contentType: OID.signedData,
          content: signed.toSchema(true),
        }),
      })
      return new Response(resp.toSchema().toBER(), {
        headers: { 'Content-Type': 'application/timestamp-reply' },
      })
    }
    const out = await signPdf({
      pdf: await samplePdf(),
      signer: signerOf(ca),
      signingTime: new Date(),
      reason: 'r',
      name: 'n',
      location: 'VN',
      contactInfo: 'c',
      widgetRect: [300, 100, 550, 200],
      cms: { tsa: { url: 'https://tsa.example.invalid/', fetch: tsaFetch } },
    })
    expect(out.level).toBe('B-T')
    expect(imprints).toBe(1)
    expect(openssl(out.pdf, ca.certificatePem).ok).toBe(true)
    const outcome = await verifySignedPdf(out.pdf, [pemToDer(ca.certificatePem)])
    expect(outcome).toMatchObject({ ok: true, timestamped: true })
    expect(outcome.signingTime?.toISOString()).toBe(genTime.toISOString())
    // A token that stamps another signature value is refused.
    const other = await signPdf({
      pdf: await samplePdf(),
      signer: signerOf(ca),
      signingTime: new Date(),
      reason: 'r',
      name: 'n',
      location: 'VN',
      contactInfo: 'c',
      widgetRect: [300, 100, 550, 200],
      cms: {
        tsa: {
          url: 'https://tsa.example.invalid/',
          fetch: async (url, init) => {
            const body = new Uint8Array(init!.body as Buffer)
            const req = pkijs.TimeStampReq.fromBER(
              body.buffer.slice(body.byteOffset, body.byteOffset + body.length),
            )
            req.messageImprint.hashedMessage = new asn1js.OctetString({ valueHex: new Uint8Array(32).buffer })
            return tsaFetch(url, { ...init, body: Buffer.from(req.toSchema().toBER()) })
          },
        },
      },
    })
    expect(await verifySignedPdf(other.pdf, [pemToDer(ca.certificatePem)])).toMatchObject({
      ok: false,
      reason: 'badTimestamp',
    })
  })
})
