import { describe, expect, it } from 'vitest'
import { registerSchema } from '../../app/modules/auth/schemas'

const good = {
  fullName: 'Nguyễn Thị Lan',
  email: 'Lan.Nguyen@Example.vn',
  phone: '0912 345 678',
  citizenId: '079190012345',
  password: 'hoa sen nở muộn',
}
const firstError = (input: object) => {
  const r = registerSchema.safeParse(input)
  return r.success ? null : { path: r.error.issues[0].path[0], message: r.error.issues[0].message }
}

describe('registration schema', () => {
  it('accepts a real citizen and normalises email and phone', () => {
    const r = registerSchema.parse(good)
    expect(r.email).toBe('lan.nguyen@example.vn')
    expect(r.phone).toBe('0912345678')
    expect(registerSchema.parse({ ...good, phone: '+84 912 345 678' }).phone).toBe('0912345678')
  })
  it.each([
    [{ fullName: '' }, 'fullName', 'validation:required'],
    [{ email: 'lan@' }, 'email', 'validation:email'],
    [{ phone: '0212345678' }, 'phone', 'validation:phone'],
    [{ phone: '091234567' }, 'phone', 'validation:phone'],
    [{ citizenId: '07919001234' }, 'citizenId', 'validation:citizenId'],
    [{ citizenId: '07919001234a' }, 'citizenId', 'validation:citizenId'],
    [{ password: 'short' }, 'password', 'validation:passwordTooShort'],
    [{ password: 'Password123' }, 'password', 'validation:passwordCommon'],
    [{ password: 'x'.repeat(129) }, 'password', 'validation:passwordTooLong'],
  ])('refuses %o with a translated message', (patch, path, message) => {
    expect(firstError({ ...good, ...patch })).toEqual({ path, message })
  })
  it('names missing fields as required', () => {
    expect(firstError({})).toEqual({ path: 'fullName', message: 'validation:required' })
  })
})
