import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { demoCitizen, demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { startTestApp } from '../setup/http'

/*
 * Hole 8 (issue 11): no browser or proxy keeps a personal page. Every answer to a signed-in request — pages,
 * their `.data` requests, downloads — is `private, no-store`; so is every anonymous page outside the public
 * catalogue. /verify/:id's no-store and noindex reach the client.
 */
let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
})
afterAll(async () => {
  await app.close()
  await t.drop()
})

const signedIn = async (email: string, password: string) => {
  const c = app.client()
  const res = await c.login(email, password)
  expect(res.headers.get('cache-control')).toBe('private, no-store')
  return c
}

describe('Cache-Control', () => {
  it('is private, no-store on every page a signed-in user gets, and on their .data requests', async () => {
    const cases: [string, string, string[]][] = [
      [
        demoCitizen.email,
        demoPasswords.citizen,
        [
          '/',
          '/procedures',
          '/dossiers',
          '/dossiers.data',
          '/_root.data',
          `/payments/return/${randomUUID()}`,
          `/receipts/${randomUUID()}`,
        ],
      ],
      [
        'reception.stp@example.gov.vn',
        demoPasswords.staff,
        ['/officer', '/officer.data', '/procedures/1.009994.000.00.00.H56'],
      ],
      ['finance.stp@example.gov.vn', demoPasswords.staff, ['/finance', '/finance/refunds']],
      [
        'admin.stp@example.gov.vn',
        demoPasswords.staff,
        ['/admin', '/admin/holidays', '/dashboard', '/dashboard/csv', '/dev/mailbox', '/admin.data'],
      ],
    ]
    for (const [email, password, paths] of cases) {
      const c = await signedIn(email, password)
      for (const path of paths) {
        const res = await c.get(path)
        expect(res.status, `${email} ${path}`).toBeLessThan(500)
        expect(res.headers.get('cache-control'), `${email} ${path}`).toBe('private, no-store')
      }
    }
  })

  it('is private, no-store on anonymous pages outside the public catalogue; the catalogue is left to its own rule', async () => {
    for (const path of ['/login', '/register', '/lookup', '/dossiers', '/login.data']) {
      const res = await fetch(`${app.baseUrl}${path}`, { redirect: 'manual' })
      expect(res.headers.get('cache-control'), path).toBe('private, no-store')
    }
    for (const path of ['/', '/procedures', '/procedures/1.009994.000.00.00.H56']) {
      const res = await fetch(`${app.baseUrl}${path}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control') ?? '', path).not.toContain('private')
    }
  })

  it('/verify/:id sends its no-store and noindex to the client', async () => {
    const res = await fetch(`${app.baseUrl}/verify/${randomUUID()}`)
    expect(res.status).toBe(404)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('x-robots-tag')).toBe('noindex')
  })
})
