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

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000)
  })
})
