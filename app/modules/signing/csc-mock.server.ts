import { randomBytes, timingSafeEqual } from 'node:crypto'
import { getResponse, http, HttpResponse, type RequestHandler } from 'msw'
import { nativeSignSha256, openP12, type P12Contents } from './pki.server'
import { SHA256_OID, SHA256_WITH_RSA_OID } from './csc.server'

/**
 * A Cloud Signature Consortium API v2 service on msw handlers, faithful where the portal depends on it: bearer
 * token, credentials/list, credentials/info (key status, the certificate chain in base64 DER, authMode explicit
 * with PIN and OTP), credentials/authorize (PIN and OTP checked, a SAD bound to the hashes, one use, 5 minutes),
 * signatures/signHash (hash and signature algorithms checked, only the authorized hashes), and the CSC error
 * bodies `{ error, error_description }` (invalid_request, invalid_pin, invalid_otp, invalid_token). The keys are
 * PKCS#12 credentials held in memory.
 */

export const mockCsc = {
  baseUrl: 'https://rs.csc.invalid/csc/v2',
  accessToken: 'csc-mock-portal-access-token',
  pin: '246810',
  otp: '135790',
} as const

export interface MockCredential {
  id: string
  p12: Buffer
  passphrase: string
  pin?: string
  otp?: string
}

export interface CscMock {
  handlers: RequestHandler[]
  /** a fetch answered by the handlers only (no global interception) */
  fetch: typeof fetch
  /** signHash calls answered, for tests */
  readonly signatures: number
}

export function createCscMock(options: {
  baseUrl?: string
  accessToken?: string
  credentials: MockCredential[]
}): CscMock {
  const base = (options.baseUrl ?? mockCsc.baseUrl).replace(/\/$/, '')
  const token = options.accessToken ?? mockCsc.accessToken
  const creds = new Map<string, { c: MockCredential; keys: P12Contents }>()
  for (const c of options.credentials) creds.set(c.id, { c, keys: openP12(c.p12, c.passphrase) })
  const sads = new Map<string, { credentialID: string; hashes: Set<string>; left: number; expires: number }>()
  let signatures = 0

  const err = (status: number, error: string, description: string) =>
    HttpResponse.json({ error, error_description: description }, { status })
  const same = (a: string, b: string) =>
    a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

  const route = (path: string, handle: (body: Record<string, unknown>) => Response | Promise<Response>) =>
    http.post(`${base}/${path}`, async ({ request }) => {
      if (request.headers.get('authorization') !== `Bearer ${token}`)
        return err(401, 'invalid_token', 'The access token is not valid')
      let body: unknown
      try {
        body = await request.json()
      } catch {
        return err(400, 'invalid_request', 'The request body is not JSON')
      }
      if (!body || typeof body !== 'object')
        return err(400, 'invalid_request', 'The request body is not an object')
      return handle(body as Record<string, unknown>)
    })

  const credentialOf = (body: Record<string, unknown>) =>
    typeof body.credentialID === 'string' ? creds.get(body.credentialID) : undefined

  const handlers = [
    route('credentials/list', () => HttpResponse.json({ credentialIDs: [...creds.keys()] })),
    route('credentials/info', (body) => {
      const found = credentialOf(body)
      if (!found) return err(400, 'invalid_request', 'Invalid parameter credentialID')
      const chain =
        body.certificates === 'none'
          ? []
          : body.certificates === 'single'
            ? [found.keys.certificates[0]]
            : found.keys.certificates
      return HttpResponse.json({
        key: { status: 'enabled', algo: ['1.2.840.113549.1.1.1'], len: found.keys.key.n.bitLength() },
        cert: { status: 'valid', certificates: chain.map((d) => d.toString('base64')) },
        authMode: 'explicit',
        PIN: { presence: 'true', format: 'N', label: 'PIN' },
        OTP: { presence: 'true', type: 'offline', format: 'N', label: 'OTP' },
        multisign: 1,
      })
    }),
    route('credentials/authorize', (body) => {
      const found = credentialOf(body)
      if (!found) return err(400, 'invalid_request', 'Invalid parameter credentialID')
      const hashes = body.hashes
      if (!Array.isArray(hashes) || hashes.length < 1 || !hashes.every((h) => typeof h === 'string'))
        return err(400, 'invalid_request', 'Missing (or invalid type) array parameter hashes')
      if (body.numSignatures !== hashes.length)
        return err(400, 'invalid_request', 'Numbers of signatures and hashes do not match')
      if (typeof body.PIN !== 'string' || !same(body.PIN, found.c.pin ?? mockCsc.pin))
        return err(400, 'invalid_pin', 'The PIN is invalid')
      if (typeof body.OTP !== 'string' || !same(body.OTP, found.c.otp ?? mockCsc.otp))
        return err(400, 'invalid_otp', 'The OTP is invalid')
      const SAD = randomBytes(24).toString('base64url')
      sads.set(SAD, {
        credentialID: found.c.id,
        hashes: new Set(hashes as string[]),
        left: hashes.length,
        expires: Date.now() + 300_000,
      })
      return HttpResponse.json({ SAD, expiresIn: 300 })
    }),
    route('signatures/signHash', (body) => {
      const found = credentialOf(body)
      if (!found) return err(400, 'invalid_request', 'Invalid parameter credentialID')
      const sad = typeof body.SAD === 'string' ? sads.get(body.SAD) : undefined
      if (!sad || sad.credentialID !== found.c.id || sad.expires < Date.now())
        return err(400, 'invalid_request', 'Invalid SAD')
      if (body.signAlgo !== SHA256_WITH_RSA_OID)
        return err(400, 'invalid_request', 'Invalid parameter signAlgo')
      if (body.hashAlgo !== undefined && body.hashAlgo !== SHA256_OID)
        return err(400, 'invalid_request', 'Invalid parameter hashAlgo')
      const hashes = body.hashes
      if (
        !Array.isArray(hashes) ||
        !hashes.length ||
        !hashes.every((h) => typeof h === 'string' && sad.hashes.has(h))
      )
        return err(400, 'invalid_request', 'Hash is not authorized by the SAD')
      if (hashes.length > sad.left) return err(400, 'invalid_request', 'Invalid SAD')
      sad.left -= hashes.length
      if (sad.left === 0) sads.delete(body.SAD as string)
      const out = (hashes as string[]).map((h) => {
        const bytes = Buffer.from(h, 'base64')
        if (bytes.length !== 32) return null
        return nativeSignSha256(found.keys.native, bytes).toString('base64')
      })
      if (out.includes(null)) return err(400, 'invalid_request', 'Invalid hash length')
      signatures += out.length
      return HttpResponse.json({ signatures: out })
    }),
  ]

  const mockFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const response = await getResponse(handlers, request)
    if (!response) throw new TypeError(`fetch failed: no mock answers ${request.url}`)
    return response
  }

  return {
    handlers,
    fetch: mockFetch,
    get signatures() {
      return signatures
    },
  }
}
