import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { throttlePolicy } from '../../app/modules/auth/throttle.server'
import { lookupDossier } from '../../app/modules/dossiers/lookup.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen } from '../setup/factories'
import { startTestApp } from '../setup/http'

/*
 * Hole 5 of the security review: /lookup (dossier code + last 4 digits) was throttled per IP only, and codes are
 * sequential, so many addresses could share the guessing of one code. Now misses count per dossier code as well
 * (whatever the address, whether or not the code exists) and per network (IPv4 address, IPv6 /64).
 */

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let code: string
let phone: string

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
  const citizen = await createCitizen(t.db, 'Người Tra Cứu')
  const { procedure } = await completeJudicialDraft(t.db, citizen.id)
  code = (
    await submitDraft(t.db, {
      applicantId: citizen.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
  ).code
  phone = citizen.phone!
})
afterAll(async () => {
  await app.close()
  await t.drop()
})

const wrong = (right: string) => (right === '0000' ? '1111' : '0000')
const clearThrottle = () => t.db.deleteFrom('login_throttle').execute()

describe('the lookup page', () => {
  it('says in both languages that wrong tries are limited per dossier code and per network', async () => {
    const c = app.client()
    expect(await (await c.get('/lookup')).text()).toContain(
      'số lần tra cứu sai được giới hạn theo từng mã hồ sơ và theo từng địa chỉ mạng',
    )
    expect(await (await c.get('/lookup?lng=en')).text()).toContain(
      'wrong attempts are limited for each dossier code and for each network address',
    )
  })
})

describe('per dossier code', () => {
  it('slows one code down after 5 misses, the same way for a real code and an invented one', async () => {
    await clearThrottle()
    const c = app.client()
    const invented = 'STP-991231-9999'
    const statuses = async (target: string) => {
      const seen: number[] = []
      await clearThrottle()
      for (let i = 0; i <= throttlePolicy.lookupCode.free; i++)
        seen.push((await c.post('/lookup', { code: target, check: wrong(phone.slice(-4)) })).status)
      return seen
    }
    const real = await statuses(code)
    expect(real).toEqual([404, 404, 404, 404, 404, 429])
    // Even the right digits wait while the code is throttled.
    const right = await c.post('/lookup', { code, check: phone.slice(-4) })
    expect(right.status).toBe(429)
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await right.text()).toContain('Bạn đã tra cứu sai nhiều lần')
    // A code that does not exist answers exactly the same sequence.
    expect(await statuses(invented)).toEqual(real)
  })

  it('counts misses on one code from many addresses together', async () => {
    await clearThrottle()
    const input = { code, check: wrong(phone.slice(-4)) }
    for (let i = 1; i <= throttlePolicy.lookupCode.free; i++)
      expect((await lookupDossier(t.db, input, `198.51.100.${i}`)).status).toBe('not_found')
    expect((await lookupDossier(t.db, input, '203.0.113.99')).status).toBe('throttled')
    // The right answer from yet another address waits too: spreading the guesses gains nothing.
    expect((await lookupDossier(t.db, { code, check: phone.slice(-4) }, '192.0.2.1')).status).toBe(
      'throttled',
    )
    // Another code is not held back by this one.
    expect((await lookupDossier(t.db, { code: 'UBQ1-991231-0001', check: '0000' }, '192.0.2.1')).status).toBe(
      'not_found',
    )
  })
})

describe('per network', () => {
  const miss = (n: number, ip: string) =>
    lookupDossier(t.db, { code: `STP-990101-${String(n).padStart(4, '0')}`, check: '0000' }, ip)

  it('counts every address of one IPv6 /64 as one client', async () => {
    await clearThrottle()
    for (let i = 1; i <= throttlePolicy.lookup.free; i++)
      expect((await miss(i, `2001:db8:77:1::${i.toString(16)}`)).status).toBe('not_found')
    expect((await miss(100, '2001:db8:77:1:dead:beef:0:1')).status).toBe('throttled')
    // A neighbouring /64 is another subscriber.
    expect((await miss(101, '2001:db8:77:2::1')).status).toBe('not_found')
  })

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', async () => {
    await clearThrottle()
    for (let i = 1; i <= throttlePolicy.lookup.free; i++)
      expect((await miss(200 + i, i % 2 ? '::ffff:198.51.100.50' : '198.51.100.50')).status).toBe('not_found')
    expect((await miss(300, '198.51.100.50')).status).toBe('throttled')
    expect((await miss(301, '::ffff:198.51.100.50')).status).toBe('throttled')
  })
})
