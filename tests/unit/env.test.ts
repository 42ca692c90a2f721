import { describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from '../../app/utils/env.server'

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

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000)
  })
})
