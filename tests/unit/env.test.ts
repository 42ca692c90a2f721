import { describe, expect, it } from 'vitest'
import { EnvError, httpsOnly, parseEnv, trustProxySetting } from '../../app/utils/env.server'

describe('environment', () => {
  it('has working defaults: port 3000, mock payments, embedded database', () => {
    const env = parseEnv({})
    expect(env.PORT).toBe(3000)
    expect(env.PAYMENT_PROVIDER).toBe('mock')
    expect(env.DATABASE_URL).toBeUndefined()
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ PAYMENT_PROVIDER: 'paypal' }, 'PAYMENT_PROVIDER'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET'],
    [{ PAYMENT_PROVIDER: 'stripe' }, 'STRIPE_SECRET_KEY'],
    [{ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_abc' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'pk_test_abc' }, 'STRIPE_SECRET_KEY'],
    [{ PAYMENT_PROVIDER: 'vnpay', VNPAY_HASH_SECRET: 'x'.repeat(32) }, 'VNPAY_TMN_CODE'],
    [{ PAYMENT_PROVIDER: 'mock,stripe' }, 'PAYMENT_PROVIDER'],
    [{ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) }, 'PAYMENT_PROVIDER'],
    // the live profile refuses every stand-in (DESIGN §11)
    [{ PROFILE: 'live' }, 'SESSION_SECRET'],
    [{ PROFILE: 'live', SESSION_SECRET: 's'.repeat(40) }, 'PAYMENT_PROVIDER'],
    [{ PROFILE: 'live', SESSION_SECRET: 's'.repeat(40), SEED_DEMO: 'true' }, 'SEED_DEMO'],
    [{ PROFILE: 'staging' }, 'PROFILE'],
    // development mode shows error details: loopback only
    [{ NODE_ENV: 'development', HOST: '0.0.0.0' }, 'HOST'],
    // proxy trust is a hop count or a list of proxies, never "anyone"
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.1, example.com' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY'],
  ])('a bad value %o stops with one line naming %s', (source, name) => {
    let error: unknown
    try {
      parseEnv(source)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(EnvError)
    const message = (error as Error).message
    expect(message).toContain(`Invalid environment variable ${name}`)
    expect(message).not.toContain('\n')
  })

  it('accepts real providers with their keys, alone or together', () => {
    const env = parseEnv({
      PAYMENT_PROVIDER: 'stripe,vnpay',
      STRIPE_SECRET_KEY: 'sk_live_abc123',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
      VNPAY_TMN_CODE: 'ABCD1234',
      VNPAY_HASH_SECRET: 'Y'.repeat(32),
    })
    expect(env.PAYMENT_PROVIDER).toBe('stripe,vnpay')
    expect(env.STRIPE_API_BASE).toBe('https://api.stripe.com')
    expect(env.VNPAY_PAY_URL).toBe('https://sandbox.vnpayment.vn/paymentv2/vpcpay.html')
  })

  it('refuses TRUST_PROXY=true saying why', () => {
    expect(() => parseEnv({ TRUST_PROXY: 'true' })).toThrow(/believe any client's X-Forwarded-For/)
  })

  it("takes a hop count or the proxies' addresses for TRUST_PROXY", () => {
    expect(trustProxySetting(parseEnv({}))).toBe(false)
    expect(trustProxySetting(parseEnv({ TRUST_PROXY: '1' }))).toBe(1)
    expect(trustProxySetting(parseEnv({ TRUST_PROXY: '2' }))).toBe(2)
    expect(trustProxySetting(parseEnv({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8,fd00::/8, loopback' }))).toEqual([
      '10.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
      'loopback',
    ])
  })

  it('is a demo unless production: loopback, mock payments, plain http cookies', () => {
    const demo = parseEnv({})
    expect(demo.PROFILE).toBe('demo')
    expect(demo.HOST).toBe('127.0.0.1')
    expect(httpsOnly(demo)).toBe(false)
    expect(
      parseEnv({
        NODE_ENV: 'production',
        SESSION_SECRET: 's'.repeat(40),
        PAYMENT_PROVIDER: 'vnpay',
        VNPAY_TMN_CODE: 'ABCD1234',
        VNPAY_HASH_SECRET: 'Y'.repeat(32),
      }).PROFILE,
    ).toBe('live')
    // npm start: a production server in the demo profile, mock gateway and generated secret allowed
    const started = parseEnv({ NODE_ENV: 'production', PROFILE: 'demo' })
    expect(started.PAYMENT_PROVIDER).toBe('mock')
    expect(httpsOnly(started)).toBe(false)
    expect(httpsOnly(parseEnv({ PROFILE: 'demo', PUBLIC_URL: 'https://demo.example.vn' }))).toBe(true)
  })

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000)
  })
})
