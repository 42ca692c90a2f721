import { describe, expect, it } from 'vitest'
import { levelOf, normaliseClaims } from '../../app/modules/auth/vneid/claims'
import { parseFormDefinition } from '../../app/modules/forms/definition'
import { lockedValues } from '../../app/modules/forms/identity'
import { demoVneidClientSecret, EnvError, parseEnv } from '../../app/utils/env.server'

const names = {
  personalId: 'pin',
  fullName: 'name',
  birthdate: 'birthdate',
  gender: 'gender',
  address: 'address',
  phone: 'phone_number',
  level: 'acr',
}

describe('VNeID configuration', () => {
  it('the demo profile points at the demo provider out of the box', () => {
    const env = parseEnv({ PORT: '4000' })
    expect(env.VNEID_PROVIDER).toBe('demo')
    expect(env.VNEID_ISSUER).toBe('http://127.0.0.1:4001')
    expect(env.VNEID_CLIENT_SECRET).toBe(demoVneidClientSecret)
    expect(env.VNEID_TOKEN_AUTH).toBe('client_secret_basic')
  })
  it('the live profile refuses the demo provider and is off by default', () => {
    const live = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      PAYMENT_PROVIDER: 'vnpay',
      VNPAY_TMN_CODE: 'ABCDEFGH',
      VNPAY_HASH_SECRET: 'y'.repeat(20),
    }
    expect(parseEnv(live).VNEID_PROVIDER).toBe('off')
    expect(() => parseEnv({ ...live, VNEID_PROVIDER: 'demo' })).toThrow(
      /VNEID_PROVIDER: the demo identity provider is not allowed/,
    )
    expect(() => parseEnv({ ...live, VNEID_PROVIDER: 'oidc' })).toThrow(/VNEID_ISSUER: required/)
    expect(() => parseEnv({ ...live, VNEID_PROVIDER: 'oidc', VNEID_ISSUER: 'http://idp.example' })).toThrow(
      /https/,
    )
    expect(() => parseEnv({ ...live, VNEID_PROVIDER: 'oidc', VNEID_ISSUER: 'https://idp.example' })).toThrow(
      /VNEID_CLIENT_SECRET: required/,
    )
    expect(() =>
      parseEnv({
        ...live,
        VNEID_PROVIDER: 'oidc',
        VNEID_ISSUER: 'https://idp.example',
        VNEID_TOKEN_AUTH: 'private_key_jwt',
        VNEID_CLIENT_SECRET: 'z'.repeat(20),
      }),
    ).toThrow(/VNEID_PRIVATE_KEY: required/)
    expect(() => parseEnv({ VNEID_SCOPES: 'profile' })).toThrow(EnvError)
  })
})

describe('claims', () => {
  it('normalises the provider’s vocabulary and reads the level from its last digit', () => {
    const { claims, level } = normaliseClaims(
      {
        pin: '079090001234',
        name: ' Nguyễn Văn An ',
        birthdate: '1990-09-02',
        gender: 'Male',
        phone_number: '+84912345678',
        address: { street_address: '12 Lê Lợi', ward: 'Bến Nghé', locality: 'Quận 1', region: 'TP HCM' },
        acr: 'urn:vneid:loa:2',
      },
      names,
    )
    expect(level).toBe(2)
    expect(claims).toEqual({
      personalId: '079090001234',
      fullName: 'Nguyễn Văn An',
      birthdate: '1990-09-02',
      gender: 'male',
      phone: '0912345678',
      address: { province: 'TP HCM', district: 'Quận 1', ward: 'Bến Nghé', street: '12 Lê Lợi' },
    })
    expect(levelOf('3')).toBeUndefined()
    expect(() => normaliseClaims({ pin: '123', acr: '2' }, names)).toThrow(/personal identification number/)
    expect(() => normaliseClaims({ pin: '079090001234' }, names)).toThrow(/identity level/)
  })
})

describe('identity fields in form definitions', () => {
  const definition = (fields: unknown[]) => ({
    sections: [{ key: 'a', title: { vi: 'A', en: 'A' }, fields }],
  })
  const label = { vi: 'X', en: 'X' }
  it('needs a fitting type, once each, outside groups', () => {
    expect(
      parseFormDefinition(
        definition([{ key: 'n', label, required: true, type: 'date', identity: 'fullName' }]),
      ).ok,
    ).toBe(false)
    const twice = parseFormDefinition(
      definition([
        { key: 'n', label, required: true, type: 'text', identity: 'fullName' },
        { key: 'm', label, required: true, type: 'text', identity: 'fullName' },
      ]),
    )
    expect(twice.ok ? [] : twice.errors).toEqual([
      expect.stringMatching(/identity "fullName" is already taken/),
    ])
    const ok = parseFormDefinition(
      definition([{ key: 'n', label, required: true, type: 'text', identity: 'fullName' }]),
    )
    expect(ok.ok).toBe(true)
  })
  it('fills only what was verified, and only an option the field has', () => {
    const fields = [
      { key: 'n', label, required: true, type: 'text' as const, identity: 'fullName' as const },
      { key: 'p', label, required: true, type: 'phone' as const, identity: 'phone' as const },
      {
        key: 'g',
        label,
        required: true,
        type: 'radio' as const,
        identity: 'gender' as const,
        options: [{ value: 'nam', label }],
      },
    ]
    const identity = {
      claims: { personalId: '079090001234', fullName: 'An', gender: 'male' as const },
      level: 2 as const,
      verifiedAt: new Date(),
      claimNames: { ...names },
    }
    expect(lockedValues(fields, identity)).toEqual({ n: 'An' })
    expect(lockedValues(fields, null)).toEqual({})
  })
})
