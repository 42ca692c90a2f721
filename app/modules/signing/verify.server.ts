import { createHash } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { OID } from './cms.server'

/**
 * Checks a signed PDF by itself (no database): the signature field's ByteRange must cover the whole file but the
 * /Contents hole, the CMS must be valid over those bytes (message-digest and the signature value, PKI.js), the
 * signer's certificate must chain to one of `trustedRoots` and be valid at the signing time (the timestamp's time
 * for B-T, else the claimed /M of the signature dictionary). Each failure has a code the page translates
 * (`results:verify.reason.<code>`); the first one found is reported.
 */

export type VerifyFailure =
  | 'notPdf'
  | 'noSignature'
  | 'malformed'
  | 'modifiedAfterSigning'
  | 'digestMismatch'
  | 'badSignature'
  | 'untrusted'
  | 'certificateNotValidAtSigningTime'
  | 'badTimestamp'

export interface SignatureFacts {
  /** sha256 of the whole file (hex): what the portal compares with its issued results */
  fileSha256: string
  signingTime: Date | null
  timestamped: boolean
  subFilter: string | null
  signer: { subject: string; issuer: string; serial: string; notBefore: Date; notAfter: Date } | null
}

export type VerifyOutcome = ({ ok: true } | { ok: false; reason: VerifyFailure }) & SignatureFacts

const ab = (b: Buffer | Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer

/** A distinguished name as "CN=…, O=…, C=VN" (values decoded from their ASN.1 strings). */
export function nameText(name: pkijs.RelativeDistinguishedNames): string {
  const short: Record<string, string> = {
    '2.5.4.3': 'CN',
    '2.5.4.10': 'O',
    '2.5.4.11': 'OU',
    '2.5.4.7': 'L',
    '2.5.4.6': 'C',
    '2.5.4.5': 'SERIALNUMBER',
  }
  return name.typesAndValues
    .map((tv) => `${short[tv.type] ?? tv.type}=${tv.value.valueBlock.value}`)
    .reverse()
    .join(', ')
}

/** The subject's common name alone. */
export function commonName(name: pkijs.RelativeDistinguishedNames): string {
  return String(name.typesAndValues.find((tv) => tv.type === '2.5.4.3')?.value.valueBlock.value ?? '')
}

function certFacts(cert: pkijs.Certificate): NonNullable<SignatureFacts['signer']> {
  return {
    subject: nameText(cert.subject),
    issuer: nameText(cert.issuer),
    serial: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
  }
}

/** PDF date "D:YYYYMMDDHHmmSS[Z|+HH'mm']" → Date (null when unreadable). */
export function pdfDate(text: string): Date | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|([+-])(\d{2})'?(\d{2})'?)?/.exec(text)
  if (!m) return null
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])
  const offset = m[8] ? (m[8] === '+' ? 1 : -1) * (+m[9] * 60 + +m[10]) : 0
  return new Date(utc - offset * 60_000)
}

export async function verifySignedPdf(file: Buffer, trustedRoots: readonly Buffer[]): Promise<VerifyOutcome> {
  const facts: SignatureFacts = {
    fileSha256: createHash('sha256').update(file).digest('hex'),
    signingTime: null,
    timestamped: false,
    subFilter: null,
    signer: null,
  }
  const fail = (reason: VerifyFailure): VerifyOutcome => ({ ok: false, reason, ...facts })
  if (file.subarray(0, 5).toString('latin1') !== '%PDF-') return fail('notPdf')

  const text = file.toString('latin1')
  const at = text.indexOf('/ByteRange')
  if (at < 0) return fail('noSignature')
  const m = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 120))
  if (!m) return fail('malformed')
  const [a, l1, s2, l2] = m.slice(1).map(Number)
  // The hole must be exactly one hex string <…>, and the two ranges must start at 0 and end at the file's end:
  // anything after them (an incremental update) is not covered by the signature.
  if (a !== 0 || l1 <= 0 || s2 <= l1 || file[l1] !== 0x3c || file[s2 - 1] !== 0x3e) return fail('malformed')
  if (s2 + l2 > file.length) return fail('malformed')
  if (s2 + l2 !== file.length) return fail('modifiedAfterSigning')
  // A second signature dictionary or a second ByteRange means the file was changed after ours.
  if (text.indexOf('/ByteRange', at + 10) >= 0) return fail('modifiedAfterSigning')

  const dict = text.slice(Math.max(0, text.lastIndexOf('<<', at)), s2 + 2000)
  facts.subFilter = /\/SubFilter\s*\/([\w.]+)/.exec(dict)?.[1] ?? null
  const claimed = /\/M\s*\((D:[^)]+)\)/.exec(dict)?.[1]
  facts.signingTime = claimed ? pdfDate(claimed) : null

  const hex = text.slice(l1 + 1, s2 - 1)
  if (!/^[0-9a-fA-F]*$/.test(hex)) return fail('malformed')
  const raw = Buffer.from(hex, 'hex')
  const parsed = asn1js.fromBER(ab(raw))
  if (parsed.offset === -1) return fail('malformed')
  let signed: pkijs.SignedData
  try {
    const info = new pkijs.ContentInfo({ schema: parsed.result })
    if (info.contentType !== OID.signedData) return fail('malformed')
    signed = new pkijs.SignedData({ schema: info.content })
  } catch {
    return fail('malformed')
  }
  const content = Buffer.concat([file.subarray(a, a + l1), file.subarray(s2, s2 + l2)])
  const si = signed.signerInfos[0]
  if (!si) return fail('malformed')
  const certs = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  )
  const sid = si.sid as pkijs.IssuerAndSerialNumber
  const own = certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber))
  if (!own) return fail('malformed')
  facts.signer = certFacts(own)

  // The timestamp (B-T) gives the signing time when present.
  const tst = si.unsignedAttrs?.attributes.find((x) => x.type === OID.signatureTimeStamp)
  if (tst) {
    try {
      const token = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: tst.values[0] }).content })
      const tstInfo = pkijs.TSTInfo.fromBER(
        (token.encapContentInfo.eContent as asn1js.OctetString).getValue(),
      )
      // The token must stamp this signature's value (its message imprint).
      const imprint = createHash('sha256').update(si.signature.valueBlock.valueHexView).digest()
      const stamped = Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView)
      // Not yet checked: the token's own signature and the TSA's chain (see README, decision 54).
      if (!stamped.equals(imprint)) return fail('badTimestamp')
      facts.signingTime = tstInfo.genTime
      facts.timestamped = true
    } catch {
      return fail('badTimestamp')
    }
  }

  // The message digest first (a changed byte), then the signature value over the signed attributes.
  const digest = si.signedAttrs?.attributes.find((x) => x.type === OID.messageDigest)
  const expected = createHash('sha256').update(content).digest()
  if (
    !digest ||
    !Buffer.from((digest.values[0] as asn1js.OctetString).valueBlock.valueHexView).equals(expected)
  )
    return fail('digestMismatch')
  try {
    const ok = await signed.verify({ signer: 0, data: ab(content), checkChain: false })
    if (!ok) return fail('badSignature')
  } catch {
    return fail('badSignature')
  }

  const when = facts.signingTime ?? new Date()
  if (when < facts.signer.notBefore || when > facts.signer.notAfter)
    return fail('certificateNotValidAtSigningTime')
  const roots = trustedRoots.map((r) => pkijs.Certificate.fromBER(ab(r)))
  const chain = new pkijs.CertificateChainValidationEngine({
    trustedCerts: roots,
    certs: [own, ...certs.filter((c) => c !== own && !roots.some((r) => r.subject.isEqual(c.subject)))],
    checkDate: when,
  })
  const verdict = await chain.verify()
  if (!verdict.result) {
    // Chained to a trusted root but one certificate was out of its validity at `when`: say that, not "untrusted".
    return fail(/validity/i.test(verdict.resultMessage) ? 'certificateNotValidAtSigningTime' : 'untrusted')
  }
  return { ok: true, ...facts }
}
