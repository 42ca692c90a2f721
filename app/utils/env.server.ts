import { z } from 'zod'

/**
 * The one schema for the process environment (DESIGN §9). Parsed once at start-up; a bad value stops the
 * process with one line naming the variable. The client never sees this object: see `clientEnv`.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
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
  // How long a checkout stays payable (Stripe allows 30 min to 24 h).
  PAYMENT_EXPIRES_MINUTES: z.coerce.number().int().min(30).max(1440).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  // Unset: e-mails go to the mailbox table (shown at /dev/mailbox outside production).
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Cổng Dịch vụ công <no-reply@dichvucong.example.gov.vn>'),
})

export type Env = z.infer<typeof schema>

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
  if (result.data.NODE_ENV === 'production' && !result.data.SESSION_SECRET) {
    throw new EnvError('Invalid environment variable SESSION_SECRET: required in production')
  }
  const env = result.data
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
  if (env.NODE_ENV === 'production' && env.PAYMENT_PROVIDER === 'mock') {
    throw new EnvError(
      'Invalid environment variable PAYMENT_PROVIDER: the mock gateway is not allowed in production',
    )
  }
  return env
}
