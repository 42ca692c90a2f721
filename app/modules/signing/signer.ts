/**
 * The portal's signing interface (issue 15), as small as the payment gateway's: a signer holds one key and its
 * certificate; it gives its certificate chain and signs a SHA-256 hash (RSA PKCS#1 v1.5, sha256WithRSAEncryption).
 * Everything else — the CMS structure, its signed attributes, the PDF — is built around it once
 * (`cms.server.ts`, `pdf-sign.server.ts`), so a local PKCS#12 file and a remote signing service (Cloud Signature
 * Consortium API v2) sign exactly the same documents.
 */
export interface Signer {
  readonly kind: 'local-p12' | 'csc'
  /** DER certificates: the signer's first, then the intermediate and root certificates it knows of */
  certificates(): Promise<Buffer[]>
  /** the signature value over the DigestInfo of `sha256` (32 bytes) */
  signHash(sha256: Buffer): Promise<Buffer>
}

/** Why a signer refused; `code` is what the pages translate (`results:signError.<code>`). */
export class SignerError extends Error {
  constructor(
    readonly code: 'credential' | 'authorization' | 'unavailable' | 'config',
    message: string,
  ) {
    super(message)
    this.name = 'SignerError'
  }
}
