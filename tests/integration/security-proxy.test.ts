import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { demoCitizen, demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { startTestApp } from '../setup/http'

/*
 * Hole 9 (issue 11): behind one proxy (TRUST_PROXY=1) the client's address is the one that proxy appended to
 * X-Forwarded-For; whatever a client forges to the left of it changes neither the throttled address nor the
 * address a session records.
 */
let t: Awaited<ReturnType<typeof createTestDb>>
beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
})
afterAll(() => t.drop())

const failuresOf = async (key: string) =>
  (await t.db.selectFrom('login_throttle').select('failures').where('key', '=', key).executeTakeFirst())
    ?.failures ?? 0

describe('TRUST_PROXY', () => {
  it('with a hop count of 1, a forged leftmost X-Forwarded-For does not change the throttled address', async () => {
    const app = await startTestApp(t.db, { TRUST_PROXY: '1' })
    try {
      const attempts = 3
      for (let i = 0; i < attempts; i++) {
        const res = await app
          .client()
          .post(
            '/login',
            { email: `nobody-${i}@example.vn`, password: 'wrong password' },
            { headers: { 'x-forwarded-for': `10.9.9.${i}, 198.51.100.${i}, 203.0.113.7` } },
          )
        expect(res.status).toBe(401)
      }
      expect(await failuresOf('ip:203.0.113.7')).toBe(attempts)
      for (let i = 0; i < attempts; i++) {
        expect(await failuresOf(`ip:10.9.9.${i}`)).toBe(0)
        expect(await failuresOf(`ip:198.51.100.${i}`)).toBe(0)
      }
      const c = app.client()
      await c.request('/login', {
        form: { email: demoCitizen.email, password: demoPasswords.citizen },
        headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.8' },
      })
      const user = await t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', demoCitizen.email)
        .executeTakeFirstOrThrow()
      const session = await t.db
        .selectFrom('sessions')
        .select('ip')
        .where('user_id', '=', user.id)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
      expect(session.ip).toBe('203.0.113.8')
    } finally {
      await app.close()
    }
  })

  it('without a proxy (the default), X-Forwarded-For is ignored', async () => {
    const app = await startTestApp(t.db)
    try {
      await app
        .client()
        .post(
          '/login',
          { email: 'nobody@example.vn', password: 'wrong password' },
          { headers: { 'x-forwarded-for': '192.0.2.55' } },
        )
      expect(await failuresOf('ip:192.0.2.55')).toBe(0)
      const loopback = await t.db
        .selectFrom('login_throttle')
        .select('failures')
        .where('key', 'like', 'ip:%127.0.0.1')
        .executeTakeFirst()
      expect(loopback?.failures).toBeGreaterThan(0)
    } finally {
      await app.close()
    }
  })
})
