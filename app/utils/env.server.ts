import { isIP } from 'node:net'
import { z } from 'zod'

/**
 * The one schema for the process environment (DESIGN §9). Parsed once at start-up; a bad value stops the
 * process with one line naming the variable. The client never sees this object: see `clientEnv`.
 */
const schema = z.object({
  // How the code runs (React's production build, no stack traces); what is allowed is PROFILE's business.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // What is allowed (DESIGN §11). demo: the mock gateway, the demo accounts, the mailbox page (administrators
  // only) and a session secret generated under DATA_DIR. live: none of them. Unset: live when NODE_ENV=production.
  PROFILE: z.enum(['demo', 'live']).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Loopback by default: a demo is not reachable from the network unless HOST says so (0.0.0.0 in a container).
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  STORAGE_DIR: z.string().min(1).optional(),
  // Where attachments live: 'folder' (STORAGE_DIR) or 's3' (an S3-compatible bucket, S3_*); every web server and
  // worker must name the same store.
  STORAGE_DRIVER: z.enum(['folder', 's3']).default('folder'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3–63 lowercase letters, digits, . or -)')
    .optional(),
  // Unset: AWS's endpoint for S3_REGION. For MinIO, Ceph, s3rver…: its URL, e.g. http://127.0.0.1:9000.
  S3_ENDPOINT: z
    .url()
    .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{2,32}$/, 'must be a region name such as us-east-1')
    .default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  // 'mock' (both mock gateways, in this process), or the real providers to offer: 'stripe', 'vnpay', 'stripe,vnpay'
  PAYMENT_PROVIDER: z
    .string()
    .regex(/^(mock|(stripe|vnpay)(,(stripe|vnpay))?)$/, "must be 'mock', 'stripe', 'vnpay' or 'stripe,vnpay'")
    .default('mock'),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'must be a Stripe signing secret (whsec_…)')
    .optional(),
  STRIPE_API_BASE: z.url().default('https://api.stripe.com'),
  VNPAY_TMN_CODE: z
    .string()
    .regex(/^[A-Z0-9]{8}$/, 'must be the 8-character terminal code')
    .optional(),
  VNPAY_HASH_SECRET: z.string().min(16, 'must be the hash secret VNPay issued').optional(),
  VNPAY_PAY_URL: z.url().default('https://sandbox.vnpayment.vn/paymentv2/vpcpay.html'),
  VNPAY_API_URL: z.url().default('https://sandbox.vnpayment.vn/merchant_webapi/api/transaction'),
  // Attempts still open this long are asked about (retrieve / querydr), so a lost webhook or IPN still settles.
  PAYMENT_POLL_AFTER_SECONDS: z.coerce.number().int().min(10).max(86_400).default(180),
  /** working days a portal payment may wait for its gateway settlement line before it is an exception */
  RECONCILE_SETTLE_DAYS: z.coerce.number().int().min(0).max(30).default(2),
  /** the largest settlement report file finance may upload (bytes; default 200 MB); larger is refused (413) */
  SETTLEMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(2 * 1024 ** 3).default(200 * 1024 * 1024),
  // How long a checkout stays payable (Stripe allows 30 min to 24 h).
  PAYMENT_EXPIRES_MINUTES: z.coerce.number().int().min(30).max(1440).default(30),
  /** The anonymous public pages' server cache (issue 12 §3): how many pages it keeps (0: off) and their total bytes. */
  PUBLIC_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(1000),
  PUBLIC_CACHE_MAX_BYTES: z.coerce.number().int().min(0).max(4 * 1024 ** 3).default(64 * 1024 * 1024),
  /** How long a browser or a CDN may keep a public page without asking (then it revalidates: a 304 on no change). */
  PUBLIC_CACHE_MAX_AGE: z.coerce.number().int().min(0).max(86_400).default(60),
  /** How long past max-age a stale public page may still be shown while it is revalidated in the background. */
  PUBLIC_CACHE_SWR: z.coerce.number().int().min(0).max(86_400).default(300),
  /**
   * 0 (default): every cached answer is checked against a read of the catalogue version that began after the
   * request arrived (never stale after a publish; reads are shared by concurrent requests). N > 0: a read at most N
   * ms old is trusted, so a page may be up to N ms stale on other servers after a publish.
   */
  PUBLIC_CACHE_VERSION_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Which X-Forwarded-For hops to believe: 'false' (none), a hop count ('1' for one proxy in front), or the
  // proxies' addresses / CIDRs ('10.0.0.1, 10.0.0.0/8', or Express's names loopback, linklocal, uniquelocal).
  TRUST_PROXY: z
    .string()
    .trim()
    .refine((v) => v !== 'true', {
      message:
        "'true' would believe any client's X-Forwarded-For (per-address limits bypassed): give the number of proxies in front (e.g. 1) or their addresses",
    })
    .refine(
      (v) => v === 'false' || /^\d{1,2}$/.test(v) || v.split(',').every((p) => isProxyAddress(p.trim())),
      {
        message:
          "must be 'false', a hop count (1, 2) or a comma-separated list of proxy addresses or CIDRs (10.0.0.1, 10.0.0.0/8)",
      },
    )
    .default('false'),
  // Unset: e-mails go to the mailbox table (shown to administrators at /dev/mailbox in the demo profile).
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  // Set by `remix dev` (npm run dev) for the app server it starts: where the live-reload socket is.
  REMIX_DEV_ORIGIN: z.url().optional(),
  MAIL_FROM: z.string().min(3).default('Cổng Dịch vụ công <no-reply@dichvucong.example.gov.vn>'),
  // Sign-in with VNeID over OpenID Connect (issue 16). 'demo': the portal starts "VNeID (demo)" (oidc-provider)
  // on a loopback port and signs in against it (demo profile only); 'oidc': a real provider, VNEID_ISSUER and the
  // client's credentials required; 'off': no VNeID button. Unset: 'demo' in the demo profile, 'off' in live.
  VNEID_PROVIDER: z.enum(['demo', 'oidc', 'off']).optional(),
  /** the provider's issuer identifier (discovery at <issuer>/.well-known/openid-configuration) */
  VNEID_ISSUER: z.url().optional(),
  /** the demo provider's port on 127.0.0.1 (unset: PORT + 1); its issuer is http://127.0.0.1:<port> */
  VNEID_DEMO_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  VNEID_CLIENT_ID: z.string().min(1).max(200).default('dichvucong-portal'),
  /** client_secret_basic / client_secret_post; in the demo profile a demo secret is used when unset */
  VNEID_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** private_key_jwt: the client's private key (PKCS#8 PEM, "\n" allowed for newlines) and its key id */
  VNEID_PRIVATE_KEY: z
    .string()
    .transform((v) => v.replace(/\\n/g, '\n'))
    .refine((v) => /-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/.test(v), {
      message: 'must be a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)',
    })
    .optional(),
  VNEID_PRIVATE_KEY_ID: z.string().min(1).max(200).optional(),
  /** how the portal authenticates at the token endpoint; unset: private_key_jwt with a key, else client_secret_basic */
  VNEID_TOKEN_AUTH: z.enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt']).optional(),
  /** the callback registered at the provider; unset: <the request's origin>/auth/vneid/callback */
  VNEID_REDIRECT_URL: z.url().optional(),
  /** where the provider sends the browser after RP-initiated logout; unset: <the request's origin>/ */
  VNEID_POST_LOGOUT_REDIRECT_URL: z.url().optional(),
  VNEID_SCOPES: z
    .string()
    .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'must be scope names separated by spaces')
    .refine((v) => v.split(' ').includes('openid'), { message: "must include 'openid'" })
    .default('openid profile address phone vneid'),
  /** the names of the claims that carry each verified fact (the provider's vocabulary) */
  VNEID_CLAIM_PERSONAL_ID: z.string().min(1).default('personal_identification_number'),
  VNEID_CLAIM_FULL_NAME: z.string().min(1).default('name'),
  VNEID_CLAIM_BIRTHDATE: z.string().min(1).default('birthdate'),
  VNEID_CLAIM_GENDER: z.string().min(1).default('gender'),
  VNEID_CLAIM_ADDRESS: z.string().min(1).default('address'),
  VNEID_CLAIM_PHONE: z.string().min(1).default('phone_number'),
  VNEID_CLAIM_LEVEL: z.string().min(1).default('acr'),
  /** seconds the portal waits for the provider (discovery, token, userinfo) before saying it is unavailable */
  VNEID_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
  // Signed results (issue 15). SIGNER: 'demo' (each demo agency's PKCS#12 the seed stored; demo profile only),
  // 'p12' (SIGNING_P12_FILE + SIGNING_P12_PASSPHRASE; '{agency}' in the path is the agency's code), 'csc' (a Cloud
  // Signature Consortium API v2 service; without SIGNING_CSC_URL, in the demo profile, the in-process mock) or
  // 'off' (approving a result is refused). Unset: 'demo' in the demo profile, 'off' in live.
  SIGNER: z.enum(['demo', 'p12', 'csc', 'off']).optional(),
  SIGNING_P12_FILE: z.string().min(1).optional(),
  SIGNING_P12_PASSPHRASE: z.string().optional(),
  SIGNING_CSC_URL: z.url().optional(),
  SIGNING_CSC_TOKEN: z.string().min(1).optional(),
  /** the credential's id at the service ('{agency}' is the agency's code); unset: the first credentials/list gives */
  SIGNING_CSC_CREDENTIAL: z.string().min(1).optional(),
  SIGNING_CSC_PIN: z.string().min(1).optional(),
  SIGNING_CSC_OTP: z.string().min(1).optional(),
  /** an RFC 3161 timestamp authority: signatures become PAdES B-T (unset: B-B) */
  SIGNING_TSA_URL: z.url().optional(),
  /** a PEM file of root certificates the public verifier trusts besides the demo root (demo profile only) */
  SIGNING_TRUST_ROOTS: z.string().min(1).optional(),
  /** the largest PDF the public verifier reads (bytes; default 10 MB) */
  VERIFY_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
})

/** An IPv4 or IPv6 address, optionally with a prefix length, or one of Express's named ranges. */
function isProxyAddress(value: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) return true
  const [address, prefix, ...rest] = value.split('/')
  const version = isIP(address)
  if (!version || rest.length) return false
  if (prefix === undefined) return true
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN
  return bits >= 0 && bits <= (version === 4 ? 32 : 128)
}

export type Env = Omit<z.infer<typeof schema>, 'PROFILE' | 'VNEID_PROVIDER' | 'SIGNER'> & {
  PROFILE: 'demo' | 'live'
  VNEID_PROVIDER: 'demo' | 'oidc' | 'off'
  SIGNER: 'demo' | 'p12' | 'csc' | 'off'
}

/** Express's `trust proxy` value for TRUST_PROXY: false, a hop count, or the list of trusted addresses. */
export function trustProxySetting(env: Env): false | number | string[] {
  if (env.TRUST_PROXY === 'false') return false
  if (/^\d+$/.test(env.TRUST_PROXY)) return Number(env.TRUST_PROXY)
  return env.TRUST_PROXY.split(',').map((p) => p.trim())
}

/**
 * Whether users reach us over https, so cookies are `__Host-` + Secure and HSTS is sent: always in live; in a
 * demo only when PUBLIC_URL says https (a demo over plain http — http://127.0.0.1:3000 — would have its Secure
 * session cookie dropped, and nobody could sign in).
 */
export function httpsOnly(env: Env): boolean {
  return env.PROFILE === 'live' || !!env.PUBLIC_URL?.startsWith('https:')
}

export class EnvError extends Error {}

/** Never throws anything but EnvError, whose message is one line naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Treat empty strings as unset, as shells and .env files commonly produce them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const result = schema.safeParse(cleaned)
  if (!result.success) {
    const issue = result.error.issues[0]
    const name = String(issue.path[0] ?? 'environment')
    throw new EnvError(`Invalid environment variable ${name}: ${issue.message}`)
  }
  const profile = result.data.PROFILE ?? (result.data.NODE_ENV === 'production' ? 'live' : 'demo')
  const env: Env = {
    ...result.data,
    PROFILE: profile,
    VNEID_PROVIDER: result.data.VNEID_PROVIDER ?? (profile === 'demo' ? 'demo' : 'off'),
    SIGNER: result.data.SIGNER ?? (profile === 'demo' ? 'demo' : 'off'),
  }
  if (env.PROFILE === 'live' && !env.SESSION_SECRET) {
    throw new EnvError(
      'Invalid environment variable SESSION_SECRET: required in the live profile (only a demo generates one)',
    )
  }
  // Development mode puts error details into pages (Remix's dev mode): never where the network can reach it.
  if (env.NODE_ENV === 'development' && !['127.0.0.1', '::1', 'localhost'].includes(env.HOST)) {
    throw new EnvError(
      'Invalid environment variable HOST: NODE_ENV=development shows error details, so it binds loopback only (use npm start for a demo on the network)',
    )
  }
  if (env.PROFILE === 'live' && env.SEED_DEMO === 'true') {
    throw new EnvError(
      'Invalid environment variable SEED_DEMO: the demo accounts (known passwords) are not allowed in the live profile',
    )
  }
  const providers = env.PAYMENT_PROVIDER.split(',')
  const needs: [string, keyof Env][] = [
    ['stripe', 'STRIPE_SECRET_KEY'],
    ['stripe', 'STRIPE_WEBHOOK_SECRET'],
    ['vnpay', 'VNPAY_TMN_CODE'],
    ['vnpay', 'VNPAY_HASH_SECRET'],
  ]
  for (const [provider, name] of needs) {
    if (providers.includes(provider) && !env[name]) {
      throw new EnvError(
        `Invalid environment variable ${name}: required when PAYMENT_PROVIDER includes ${provider}`,
      )
    }
  }
  if (env.STORAGE_DRIVER === 's3') {
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (!env[name]) {
        throw new EnvError(`Invalid environment variable ${name}: required when STORAGE_DRIVER=s3`)
      }
    }
  }
  if (env.PROFILE === 'live' && env.PAYMENT_PROVIDER === 'mock') {
    throw new EnvError(
      'Invalid environment variable PAYMENT_PROVIDER: the mock gateway is not allowed in the live profile (PROFILE=demo allows it)',
    )
  }
  checkVneid(env)
  checkSigner(env)
  return env
}

/** Signing: demo keys and the mock signing service only in the demo profile; a real signer needs its settings. */
function checkSigner(env: Env) {
  const bad = (name: string, message: string) => {
    throw new EnvError(`Invalid environment variable ${name}: ${message}`)
  }
  if (env.SIGNER === 'demo' && env.PROFILE === 'live')
    bad('SIGNER', "the demo keys are not allowed in the live profile (use 'p12' or 'csc')")
  if (env.SIGNER === 'p12') {
    if (!env.SIGNING_P12_FILE) bad('SIGNING_P12_FILE', "required when SIGNER is 'p12'")
    if (env.SIGNING_P12_PASSPHRASE === undefined) bad('SIGNING_P12_PASSPHRASE', "required when SIGNER is 'p12'")
  }
  if (env.SIGNER === 'csc' && (env.SIGNING_CSC_URL || env.PROFILE === 'live')) {
    for (const name of ['SIGNING_CSC_URL', 'SIGNING_CSC_TOKEN', 'SIGNING_CSC_PIN'] as const)
      if (!env[name]) bad(name, "required when SIGNER is 'csc' with a real service")
  }
}

/** The demo client's secret: known to anyone who reads the code, so allowed only with the demo provider. */
export const demoVneidClientSecret = 'demo-vneid-client-secret-not-for-production'

/** VNeID: the demo provider only in the demo profile (as the mock gateway); a real one needs its credentials. */
function checkVneid(env: Env) {
  const bad = (name: string, message: string) => {
    throw new EnvError(`Invalid environment variable ${name}: ${message}`)
  }
  if (env.VNEID_PROVIDER === 'demo') {
    if (env.PROFILE === 'live')
      bad('VNEID_PROVIDER', "the demo identity provider is not allowed in the live profile (use 'oidc' or 'off')")
    env.VNEID_DEMO_PORT ??= env.PORT + 1
    env.VNEID_ISSUER ??= `http://127.0.0.1:${env.VNEID_DEMO_PORT}`
    if (!env.VNEID_CLIENT_SECRET && !env.VNEID_PRIVATE_KEY) env.VNEID_CLIENT_SECRET = demoVneidClientSecret
  }
  if (env.VNEID_PROVIDER === 'oidc') {
    if (!env.VNEID_ISSUER) bad('VNEID_ISSUER', "required when VNEID_PROVIDER is 'oidc'")
    if (env.PROFILE === 'live' && !env.VNEID_ISSUER?.startsWith('https:'))
      bad('VNEID_ISSUER', 'must be an https:// URL in the live profile')
    if (env.VNEID_CLIENT_SECRET === demoVneidClientSecret)
      bad('VNEID_CLIENT_SECRET', 'the demo secret is not allowed with a real provider')
  }
  if (env.VNEID_PROVIDER !== 'off') {
    const auth = env.VNEID_TOKEN_AUTH ?? (env.VNEID_PRIVATE_KEY ? 'private_key_jwt' : 'client_secret_basic')
    if (auth === 'private_key_jwt' && !env.VNEID_PRIVATE_KEY)
      bad('VNEID_PRIVATE_KEY', 'required when VNEID_TOKEN_AUTH is private_key_jwt')
    if (auth !== 'private_key_jwt' && !env.VNEID_CLIENT_SECRET)
      bad('VNEID_CLIENT_SECRET', `required when VNEID_TOKEN_AUTH is ${auth} (or set VNEID_PRIVATE_KEY)`)
    env.VNEID_TOKEN_AUTH = auth
  }
}
