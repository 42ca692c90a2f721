import { nativeSignSha256, openP12, type P12Contents } from './pki.server'
import { SignerError, type Signer } from './signer'

/**
 * A signer holding a PKCS#12 (a file named by configuration, or a demo agency's credential from the database) and
 * its passphrase. The file is opened at construction: a wrong passphrase fails at start, not at the first approval.
 */
export class LocalP12Signer implements Signer {
  readonly kind = 'local-p12' as const
  readonly #contents: P12Contents

  constructor(p12: Buffer, passphrase: string) {
    try {
      this.#contents = openP12(p12, passphrase)
    } catch (error) {
      throw new SignerError('credential', `cannot open the PKCS#12: ${(error as Error).message}`)
    }
  }

  async certificates() {
    return this.#contents.certificates
  }

  async signHash(sha256: Buffer) {
    return nativeSignSha256(this.#contents.native, sha256)
  }
}
