import { describe, expect, it } from 'vitest'
import { parseEnv } from '../../app/utils/env.server'

/** The signer's settings (issue 15): demo keys only in the demo profile; a real signer needs what it names. */
const live = {
  PROFILE: 'live',
  SESSION_SECRET: 's'.repeat(40),
  PAYMENT_PROVIDER: 'stripe',
  STRIPE_SECRET_KEY: 'sk_live_abc123',
  STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
}

describe('SIGNER', () => {
  it("is 'demo' in the demo profile and 'off' in live when unset", () => {
    expect(parseEnv({}).SIGNER).toBe('demo')
    expect(parseEnv(live).SIGNER).toBe('off')
  })

  it('refuses the demo keys and the mock signing service in live', () => {
    expect(() => parseEnv({ ...live, SIGNER: 'demo' })).toThrow(
      /Invalid environment variable SIGNER: the demo keys/,
    )
    expect(() => parseEnv({ ...live, SIGNER: 'csc' })).toThrow(/SIGNING_CSC_URL: required/)
  })

  it('needs the PKCS#12 file and its passphrase for p12, and the service, token and PIN for a real CSC', () => {
    expect(() => parseEnv({ SIGNER: 'p12' })).toThrow(/SIGNING_P12_FILE/)
    expect(() => parseEnv({ SIGNER: 'p12', SIGNING_P12_FILE: '/keys/{agency}.p12' })).toThrow(
      /SIGNING_P12_PASSPHRASE/,
    )
    expect(
      parseEnv({ SIGNER: 'p12', SIGNING_P12_FILE: '/keys/{agency}.p12', SIGNING_P12_PASSPHRASE: 'x' }).SIGNER,
    ).toBe('p12')
    expect(() => parseEnv({ SIGNER: 'csc', SIGNING_CSC_URL: 'https://rs.example.vn/csc/v2' })).toThrow(
      /SIGNING_CSC_TOKEN/,
    )
    expect(parseEnv({ SIGNER: 'csc' }).SIGNER).toBe('csc') // demo: the in-process mock
    expect(parseEnv({}).VERIFY_MAX_BYTES).toBe(10 * 1024 * 1024)
  })
})
