import { SignerError, type Signer } from './signer'

/**
 * A remote signer speaking the Cloud Signature Consortium API v2 (the shape of Vietnam's remote signing services,
 * "ký số từ xa"): `credentials/info` gives the certificate chain, `credentials/authorize` exchanges the PIN and
 * OTP for a Signature Activation Data bound to the hash, `signatures/signHash` signs it (sha256WithRSAEncryption).
 * `credentials/list` finds the credential when none is configured. The service keeps the key; the portal sends
 * only hashes.
 */

export interface CscConfig {
  /** the service's base, e.g. https://rs.example.vn/csc/v2 */
  baseUrl: string
  /** the OAuth 2.0 access token of the portal (service scope) */
  accessToken: string
  /** the agency's credential; when absent, the first one `credentials/list` returns */
  credentialId?: string
  pin: string
  /** a one-time password; 'offline' OTP devices give a fresh one per authorization */
  otp?: () => Promise<string> | string
  fetch?: typeof fetch
  timeoutMs?: number
}

export const SHA256_OID = '2.16.840.1.101.3.4.2.1'
export const SHA256_WITH_RSA_OID = '1.2.840.113549.1.1.11'

interface CscError {
  error?: string
  error_description?: string
}

export class CscSigner implements Signer {
  readonly kind = 'csc' as const
  #chain: Promise<Buffer[]> | null = null
  #credential: Promise<string> | null = null

  constructor(private readonly config: CscConfig) {}

  private async call<T>(path: string, body: unknown): Promise<T> {
    const f = this.config.fetch ?? fetch
    let res: Response
    try {
      res = await f(`${this.config.baseUrl.replace(/\/$/, '')}/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.config.accessToken}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 15_000),
      })
    } catch (error) {
      throw new SignerError('unavailable', `${path}: ${(error as Error).message}`)
    }
    const json = (await res.json().catch(() => ({}))) as T & CscError
    if (!res.ok) {
      const code =
        json.error === 'invalid_pin' ||
        json.error === 'invalid_otp' ||
        res.status === 401 ||
        res.status === 403
          ? 'authorization'
          : res.status >= 500
            ? 'unavailable'
            : 'credential'
      throw new SignerError(
        code,
        `${path}: ${res.status} ${json.error ?? ''} ${json.error_description ?? ''}`.trim(),
      )
    }
    return json
  }

  private credential(): Promise<string> {
    return (this.#credential ??= this.config.credentialId
      ? Promise.resolve(this.config.credentialId)
      : this.call<{ credentialIDs: string[] }>('credentials/list', { maxResults: 10 }).then((r) => {
          if (!r.credentialIDs?.length) throw new SignerError('credential', 'credentials/list: no credential')
          return r.credentialIDs[0]
        })).catch((e) => {
      this.#credential = null
      throw e
    })
  }

  certificates(): Promise<Buffer[]> {
    return (this.#chain ??= (async () => {
      const credentialID = await this.credential()
      const info = await this.call<{
        key: { status: string }
        cert: { status?: string; certificates: string[] }
      }>('credentials/info', { credentialID, certificates: 'chain', certInfo: true, authInfo: true })
      if (info.key?.status !== 'enabled')
        throw new SignerError('credential', 'credentials/info: key disabled')
      if (!info.cert?.certificates?.length)
        throw new SignerError('credential', 'credentials/info: no certificate')
      return info.cert.certificates.map((b64) => Buffer.from(b64, 'base64'))
    })()).catch((e) => {
      this.#chain = null
      throw e
    })
  }

  async signHash(sha256: Buffer): Promise<Buffer> {
    const credentialID = await this.credential()
    const hash = sha256.toString('base64')
    const { SAD } = await this.call<{ SAD: string }>('credentials/authorize', {
      credentialID,
      numSignatures: 1,
      hashes: [hash],
      hashAlgorithmOID: SHA256_OID,
      PIN: this.config.pin,
      ...(this.config.otp ? { OTP: await this.config.otp() } : {}),
    })
    const { signatures } = await this.call<{ signatures: string[] }>('signatures/signHash', {
      credentialID,
      SAD,
      hashes: [hash],
      hashAlgo: SHA256_OID,
      signAlgo: SHA256_WITH_RSA_OID,
    })
    if (signatures?.length !== 1) throw new SignerError('unavailable', 'signatures/signHash: no signature')
    return Buffer.from(signatures[0], 'base64')
  }
}
