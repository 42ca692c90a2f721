import {
  constants,
  createPrivateKey,
  generateKeyPair,
  generateKeyPairSync,
  privateEncrypt,
  type KeyObject,
} from 'node:crypto'
import * as asn1js from 'asn1js'
import forge from 'node-forge'
import * as pkijs from 'pkijs'

/**
 * Certificates with node-forge: the demo root CA and the demo agencies' certificates the seed creates, PKCS#12
 * (de)serialisation, and PEM/DER conversions. Nothing here is used for a live certificate: live keys come from an
 * operator's PKCS#12 file or a remote signing service.
 */

export interface Subject {
  commonName: string
  organization?: string
  organizationalUnit?: string
  locality?: string
}

/** Vietnamese names go in as UTF8String (forge encodes the string as UTF-8 for that tag). */
const utf8 = (value: string) => ({ value, valueTagClass: forge.asn1.Type.UTF8 })
const attrsOf = (s: Subject): forge.pki.CertificateField[] =>
  [
    { name: 'countryName', value: 'VN' },
    ...(s.locality ? [{ name: 'localityName', ...utf8(s.locality) }] : []),
    ...(s.organization ? [{ name: 'organizationName', ...utf8(s.organization) }] : []),
    ...(s.organizationalUnit ? [{ shortName: 'OU', ...utf8(s.organizationalUnit) }] : []),
    { name: 'commonName', ...utf8(s.commonName) },
  ] as unknown as forge.pki.CertificateField[]

/**
 * RSA 2048 from Node's native generator (forge's JavaScript one takes a second per key), as forge keys for the
 * certificate structures; every private-key operation is native too (`nativeSigner`). `given`: a key made
 * beforehand by `generateRsaKey`.
 */
function rsaKeys(given?: KeyObject) {
  const privateKey = given ?? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  if (privateKey.asymmetricKeyType !== 'rsa' || privateKey.asymmetricKeyDetails?.modulusLength !== 2048)
    throw new TypeError('a certificate key here is RSA 2048')
  const key = forge.pki.privateKeyFromPem(
    privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  ) as forge.pki.rsa.PrivateKey
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), native: privateKey }
}

/**
 * An RSA 2048 private key, generated on libuv's thread pool: several of them (the demo root and its agencies'
 * keys, about 0.2–0.3 s of CPU each) are made at once, on every core, while the caller goes on.
 */
export function generateRsaKey(): Promise<KeyObject> {
  return new Promise((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, _publicKey, privateKey) =>
      error ? reject(error) : resolve(privateKey),
    ),
  )
}

/** RSA PKCS#1 v1.5 over the DigestInfo (PKI.js encodes it) of a SHA-256 hash, with Node's native RSA. */
export function nativeSignSha256(key: KeyObject, sha256: Buffer): Buffer {
  if (sha256.length !== 32) throw new RangeError('a SHA-256 hash is 32 bytes')
  const digestInfo = new pkijs.DigestInfo({
    digestAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: '2.16.840.1.101.3.4.2.1',
      algorithmParams: new asn1js.Null(),
    }),
    digest: new asn1js.OctetString({ valueHex: new Uint8Array(sha256).buffer }),
  })
  return privateEncrypt(
    { key, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(digestInfo.toSchema().toBER()),
  )
}

/** What forge's `cert.sign` calls: `key.sign(md)` — here natively. */
const nativeSigner = (key: KeyObject) =>
  ({
    sign: (md: forge.md.MessageDigest) =>
      nativeSignSha256(key, Buffer.from(md.digest().getBytes(), 'binary')).toString('binary'),
  }) as unknown as forge.pki.rsa.PrivateKey

function serial(): string {
  // positive, 16 random bytes
  const hex = forge.util.bytesToHex(forge.random.getBytesSync(16))
  return (parseInt(hex[0], 16) & 0x7).toString(16) + hex.slice(1)
}

export interface Issued {
  certificatePem: string
  keyPem: string
}

/** A self-signed root CA (RSA 2048, SHA-256), valid `years` from `now`; its key `key` when given. */
export function createRootCa(subject: Subject, now = new Date(), years = 20, key?: KeyObject): Issued {
  const keys = rsaKeys(key)
  const cert = forge.pki.createCertificate()
  cert.publicKey = keys.publicKey
  cert.serialNumber = serial()
  cert.validity.notBefore = new Date(now.getTime() - 60_000)
  cert.validity.notAfter = new Date(now.getTime() + years * 365 * 86_400_000)
  cert.setSubject(attrsOf(subject))
  cert.setIssuer(attrsOf(subject))
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ])
  cert.sign(keys.privateKey, forge.md.sha256.create())
  return {
    certificatePem: forge.pki.certificateToPem(cert),
    keyPem: forge.pki.privateKeyToPem(keys.privateKey),
  }
}

/**
 * A signing certificate (non-repudiation, digital signature) issued by `ca`, valid `years` from `now`; its key
 * `options.key` when given.
 */
export function issueSigningCertificate(
  ca: Issued,
  subject: Subject,
  options: { now?: Date; years?: number; notBefore?: Date; notAfter?: Date; key?: KeyObject } = {},
): Issued {
  const now = options.now ?? new Date()
  const caCert = forge.pki.certificateFromPem(ca.certificatePem)
  const caKey = createPrivateKey(ca.keyPem)
  const keys = rsaKeys(options.key)
  const cert = forge.pki.createCertificate()
  cert.publicKey = keys.publicKey
  cert.serialNumber = serial()
  cert.validity.notBefore = options.notBefore ?? new Date(now.getTime() - 60_000)
  cert.validity.notAfter =
    options.notAfter ?? new Date(now.getTime() + (options.years ?? 5) * 365 * 86_400_000)
  cert.setSubject(attrsOf(subject))
  // The issuer must be the CA's subject byte for byte: forge parses UTF8String values as UTF-8 bytes, and would
  // encode them once more, so they are decoded first.
  cert.setIssuer(
    caCert.subject.attributes.map((a) =>
      (a.valueTagClass as unknown) === forge.asn1.Type.UTF8 && typeof a.value === 'string'
        ? { ...a, value: forge.util.decodeUtf8(a.value) }
        : a,
    ),
  )
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ])
  cert.sign(nativeSigner(caKey), forge.md.sha256.create())
  return {
    certificatePem: forge.pki.certificateToPem(cert),
    keyPem: forge.pki.privateKeyToPem(keys.privateKey),
  }
}

/** A PKCS#12 (AES-256, SHA-256 MAC) holding the key, its certificate and the chain. */
export function toP12(issued: Issued, chainPem: string[], passphrase: string): Buffer {
  const p12 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(issued.keyPem),
    [issued.certificatePem, ...chainPem].map((p) => forge.pki.certificateFromPem(p, false, false)),
    passphrase,
    { algorithm: 'aes256', friendlyName: 'signing', generateLocalKeyId: true },
  )
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary')
}

export interface P12Contents {
  key: forge.pki.rsa.PrivateKey
  /** the same key for Node's native RSA */
  native: KeyObject
  /** DER: the certificate matching the key first, then the others */
  certificates: Buffer[]
}

/** Opens a PKCS#12; a wrong passphrase or a file without a matching key throws. */
export function openP12(p12: Buffer, passphrase: string): P12Contents {
  const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), false, passphrase)
  const keyBag =
    parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[
      forge.pki.oids.pkcs8ShroudedKeyBag
    ]?.[0] ?? parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag]?.[0]
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined
  if (!key) throw new Error('the PKCS#12 holds no private key')
  const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c)
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey
    return pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0
  })
  if (!own) throw new Error('no certificate of the PKCS#12 matches its key')
  return {
    key,
    native: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificates: [own, ...certs.filter((c) => c !== own)].map(certificateDer),
  }
}

export function certificateDer(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary')
}

export const pemToDer = (pem: string): Buffer =>
  certificateDer(forge.pki.certificateFromPem(pem, false, false))

export const derToPem = (der: Buffer): string =>
  forge.pki.certificateToPem(forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary'))))

/** Every certificate of a PEM bundle (an operator's trust list). */
export function pemBundle(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
}
