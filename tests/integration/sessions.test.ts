import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authenticate } from '../../app/modules/auth/accounts.server'
import { InvalidCredentialsError, ThrottledError } from '../../app/modules/auth/errors'
import { hashPassword } from '../../app/modules/auth/password.server'
import { createSession, lookupSession, sessionLimits } from '../../app/modules/auth/session.server'
import { throttlePolicy } from '../../app/modules/auth/throttle.server'
import { demoCitizen, demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'

let t: Awaited<ReturnType<typeof createTestDb>>
beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
})
afterAll(() => t.drop())

const userByEmail = (email: string) =>
  t.db.selectFrom('users').select(['id', 'kind']).where('email', '=', email).executeTakeFirstOrThrow()

describe('sessions', () => {
  it('stores only a hash of the token, and finds the user with roles', async () => {
    const staff = await userByEmail('reception.stp@example.gov.vn')
    const { token } = await createSession(t.db, staff, { ip: '127.0.0.1', userAgent: 'test' })
    const row = await t.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', staff.id)
      .executeTakeFirstOrThrow()
    expect(row.id).not.toBe(token)
    const found = await lookupSession(t.db, token)
    expect(found.status).toBe('active')
    if (found.status === 'active') {
      expect(found.user.roles).toEqual([expect.objectContaining({ agencyCode: 'STP', role: 'reception' })])
    }
    expect((await lookupSession(t.db, `${token}x`)).status).toBe('none')
  })

  it('ends a staff session after 30 minutes idle and deletes the row', async () => {
    const staff = await userByEmail('approver.stp@example.gov.vn')
    const { token } = await createSession(t.db, staff, { ip: null, userAgent: null })
    const later = new Date(Date.now() + sessionLimits.staff.idleMs + 1000)
    expect((await lookupSession(t.db, token, later)).status).toBe('expired')
    expect((await lookupSession(t.db, token)).status).toBe('none')
  })

  it('ends a staff session after 12 hours in all, even when active', async () => {
    const staff = await userByEmail('finance.stp@example.gov.vn')
    const { token } = await createSession(t.db, staff, { ip: null, userAgent: null })
    // Active a minute ago, but past the absolute limit.
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() + sessionLimits.staff.absoluteMs) })
      .where('user_id', '=', staff.id)
      .execute()
    const later = new Date(Date.now() + sessionLimits.staff.absoluteMs + 60_000)
    expect((await lookupSession(t.db, token, later)).status).toBe('expired')
  })

  it('keeps a citizen signed in after 30 minutes idle', async () => {
    const citizen = await userByEmail(demoCitizen.email)
    const { token } = await createSession(t.db, citizen, { ip: null, userAgent: null })
    const later = new Date(Date.now() + 31 * 60_000)
    expect((await lookupSession(t.db, token, later)).status).toBe('active')
  })
})

describe('login throttling', () => {
  it('accepts the right password and refuses a wrong one with the same error as an unknown account', async () => {
    const ok = await authenticate(
      t.db,
      { email: demoCitizen.email, password: demoPasswords.citizen },
      '10.0.0.1',
    )
    expect(ok.kind).toBe('citizen')
    await expect(
      authenticate(t.db, { email: demoCitizen.email, password: 'wrong-password' }, '10.0.0.2'),
    ).rejects.toBeInstanceOf(InvalidCredentialsError)
    await expect(
      authenticate(t.db, { email: 'nobody@example.vn', password: 'wrong-password' }, '10.0.0.3'),
    ).rejects.toBeInstanceOf(InvalidCredentialsError)
  })

  it('slows an account down after repeated failures, from any IP, and the same for unknown accounts', async () => {
    for (const email of ['specialist.ubq1@example.gov.vn', 'ghost@example.vn']) {
      for (let i = 0; i < throttlePolicy.account.free; i++) {
        await expect(
          authenticate(t.db, { email, password: 'nope-nope' }, `10.1.0.${i}`),
        ).rejects.toBeInstanceOf(InvalidCredentialsError)
      }
      const error = await authenticate(t.db, { email, password: demoPasswords.staff }, '10.2.0.1').catch(
        (e) => e,
      )
      expect(error).toBeInstanceOf(ThrottledError)
      expect((error as ThrottledError).seconds).toBeGreaterThan(0)
      expect((error as ThrottledError).seconds).toBeLessThanOrEqual(throttlePolicy.account.maxDelayS)
    }
  })

  it('lets the account in again once the back-off has passed (no permanent lock-out)', async () => {
    const email = 'specialist.ubq1@example.gov.vn'
    await t.db
      .updateTable('login_throttle')
      .set({ blocked_until: new Date(Date.now() - 1000) })
      .where('key', '=', `account:${email}`)
      .execute()
    const user = await authenticate(t.db, { email, password: demoPasswords.staff }, '10.3.0.1')
    expect(user.kind).toBe('staff')
    const row = await t.db
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', '=', `account:${email}`)
      .executeTakeFirst()
    expect(row).toBeUndefined()
  })

  it('slows one IP down across many accounts', async () => {
    const ip = '10.9.9.9'
    for (let i = 0; i < throttlePolicy.ip.free; i++) {
      await authenticate(t.db, { email: `user${i}@example.vn`, password: 'nope-nope' }, ip).catch(() => {})
    }
    await expect(
      authenticate(t.db, { email: demoCitizen.email, password: demoPasswords.citizen }, ip),
    ).rejects.toBeInstanceOf(ThrottledError)
  })
})
