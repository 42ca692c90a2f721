import { createHash, webcrypto } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import type { Signer } from './signer'

/**
 * The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1, CAdES detached), built by PKI.js — no
 * hand-written CMS:
 * - eContentType id-data, detached (the PDF's ByteRange bytes are the content), SHA-256;
 * - signed attributes: content-type, message-digest, signing-certificate-v2 (ESS, RFC 5035: the SHA-256 of the
 *   signer's certificate and its issuer and serial). No signing-time attribute: PAdES puts the claimed signing time
 *   in the signature dictionary's /M instead;
 * - the signer's certificate and its chain in `certificates`;
 * - B-T only: an RFC 3161 timestamp over the signature value as the unsigned signature-time-stamp attribute, when
 *   a timestamp authority is configured.
 * The signature value comes from `Signer.signHash` through a PKI.js crypto engine whose only change is where the
 * private-key operation happens (a local key or a remote service).
 */

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStamp: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const

const sha256 = (data: ArrayBuffer | Uint8Array | Buffer) =>
  createHash('sha256')
    .update(data instanceof ArrayBuffer ? new Uint8Array(data) : data)
    .digest()

const ab = (b: Buffer | Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer

/** A PKI.js engine that hands the private-key operation to a `Signer`. */
class SignerEngine extends pkijs.CryptoEngine {
  constructor(private readonly signer: Signer) {
    super({ name: 'portal-signer', crypto: webcrypto as unknown as Crypto })
  }
  override async signWithPrivateKey(data: BufferSource): Promise<ArrayBuffer> {
    const bytes = ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data)
    return ab(await this.signer.signHash(sha256(bytes)))
  }
}

/** A stand-in for the CryptoKey PKI.js asks about: RSASSA-PKCS1-v1_5 with SHA-256 is all it reads. */
const remoteKey = {
  type: 'private',
  algorithm: { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } },
} as unknown as CryptoKey

/** ESS signing-certificate-v2 for `cert` (hashAlgorithm left at its DEFAULT, SHA-256, as DER requires). */
function signingCertificateV2(cert: pkijs.Certificate, der: Buffer) {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }).toSchema(),
      cert.serialNumber,
    ],
  })
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: ab(sha256(der)) }), issuerSerial],
  })
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })
}

export interface CmsOptions {
  /** an RFC 3161 timestamp authority: B-T; without it B-B */
  tsa?: { url: string; fetch?: typeof fetch }
}

export interface BuiltCms {
  der: Buffer
  level: 'B-B' | 'B-T'
}

/** The detached CMS over `content` (the concatenated ByteRange bytes). */
export async function buildPadesCms(
  content: Buffer,
  signer: Signer,
  options: CmsOptions = {},
): Promise<BuiltCms> {
  const ders = await signer.certificates()
  if (ders.length === 0) throw new Error('the signer has no certificate')
  const certs = ders.map((d) => pkijs.Certificate.fromBER(ab(d)))
  const own = certs[0]
  const cms = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: own.issuer, serialNumber: own.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: OID.contentType,
              values: [new asn1js.ObjectIdentifier({ value: OID.data })],
            }),
            new pkijs.Attribute({
              type: OID.messageDigest,
              values: [new asn1js.OctetString({ valueHex: ab(sha256(content)) })],
            }),
            new pkijs.Attribute({
              type: OID.signingCertificateV2,
              values: [signingCertificateV2(own, ders[0])],
            }),
          ],
        }),
      }),
    ],
    certificates: certs,
  })
  await cms.sign(remoteKey, 0, 'SHA-256', undefined, new SignerEngine(signer))
  let level: BuiltCms['level'] = 'B-B'
  if (options.tsa) {
    const token = await timestamp(cms.signerInfos[0].signature.valueBlock.valueHexView, options.tsa)
    cms.signerInfos[0].unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.signatureTimeStamp, values: [token] })],
    })
    level = 'B-T'
  }
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: cms.toSchema(true) })
  return { der: Buffer.from(info.toSchema().toBER(false)), level }
}

/** An RFC 3161 timestamp token (a ContentInfo) over the signature value. */
async function timestamp(signature: Uint8Array, tsa: NonNullable<CmsOptions['tsa']>) {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID.sha256,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(sha256(signature)) }),
    }),
    certReq: true,
    nonce: new asn1js.Integer({ valueHex: ab(Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))) }),
  })
  const res = await (tsa.fetch ?? fetch)(tsa.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/timestamp-query' },
    body: Buffer.from(req.toSchema().toBER(false)),
  })
  if (!res.ok) throw new Error(`the timestamp authority answered ${res.status}`)
  const parsed = pkijs.TimeStampResp.fromBER(await res.arrayBuffer())
  if (parsed.status.status !== 0 && parsed.status.status !== 1) throw new Error('the timestamp was refused')
  if (!parsed.timeStampToken) throw new Error('the timestamp authority sent no token')
  return parsed.timeStampToken.toSchema()
}
