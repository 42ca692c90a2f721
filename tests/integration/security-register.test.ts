import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { throttlePolicy } from '../../app/modules/auth/throttle.server'
import { demoCitizen, demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { startTestApp } from '../setup/http'
import { confirmationPath, lettersTo } from '../setup/mail'

/*
 * Hole 6 of the security review: /register answered 409 "this e-mail is already used" (and the same for a citizen
 * id), unthrottled, so anyone could test which addresses and ids have accounts. Now the answer is the same
 * whatever exists, the account becomes active only through the letter's link, the owner of what exists gets a
 * letter instead, and attempts are throttled per network and per e-mail.
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
// Every registration here comes from 127.0.0.1: each test starts with fresh counters.
beforeEach(async () => {
  await t.db.deleteFrom('login_throttle').execute()
})

let n = 0
const newPerson = () => {
  n++
  return {
    fullName: 'Hoàng Thị Lan',
    email: `lan.${n}.${Date.now()}@example.vn`,
    phone: `09${String(10_000_000 + n).slice(-8)}`,
    citizenId: `0791${String(Date.now()).slice(-6)}${String(n).padStart(2, '0')}`,
    password: 'hoa sen trong dam 2026',
  }
}
const users = async () =>
  (
    await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n
/** The visible answer (status and the page's main content), the address it echoes taken out. */
const answer = async (res: Response, email: string) => {
  const html = await res.text()
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
  // React 18.3's renderToPipeableStream can emit a NUL where a multi-byte character crosses its 2 KB chunk
  // (react/react#31134), at a place that depends on the echoed address's length: not part of the answer.
  return { status: res.status, text: main.replaceAll(email, '<email>').replaceAll('\0', '') }
}

describe('the answer', () => {
  it('is the same for a new address, an address with an account and a citizen id with an account', async () => {
    const fresh = newPerson()
    const takenEmail = { ...newPerson(), email: demoCitizen.email }
    const takenId = { ...newPerson(), citizenId: demoCitizen.citizenId }
    const before = await users()
    const a = await answer(await app.client().post('/register', fresh), fresh.email)
    const b = await answer(await app.client().post('/register', takenEmail), takenEmail.email)
    const c = await answer(await app.client().post('/register', takenId), takenId.email)
    expect(a.status).toBe(200)
    expect(a.text).toContain('Chúng tôi đã gửi thư đến <email>')
    expect(b).toEqual(a)
    expect(c).toEqual(a)
    expect(await users()).toBe(before + 1) // only the new address made an account

    // What differs goes to the owners only.
    const [confirm] = await lettersTo(t.db, fresh.email)
    expect(confirm.subject).toBe('[Cổng Dịch vụ công] Xác nhận địa chỉ thư điện tử để kích hoạt tài khoản')
    const toOwner = await lettersTo(t.db, demoCitizen.email)
    expect(toOwner.map((l) => l.body).join('\n')).toContain(
      'Có người vừa đăng ký tài khoản mới trên Cổng Dịch vụ công bằng địa chỉ thư điện tử của bạn',
    )
    expect(toOwner.map((l) => l.body).join('\n')).toContain('bằng số định danh cá nhân của tài khoản bạn')
    expect(toOwner.map((l) => l.body).join('\n')).not.toContain('/register/confirm/')
    expect(await lettersTo(t.db, takenId.email)).toEqual([])
    // The demo citizen's account is untouched and still signs in with its own password.
    expect((await app.client().login(demoCitizen.email, demoPasswords.citizen)).status).toBe(302)
  })
})

describe('confirmation', () => {
  it('keeps the account inactive until the link is used once; the link is stored only as a hash', async () => {
    const person = newPerson()
    await app.client().post('/register', person)
    const path = await confirmationPath(t.db, person.email)
    const token = path.split('/').pop()!

    // Before: a wrong password says what it says for anyone; only the right one hears "confirm first".
    const wrong = await app.client().post('/login', { email: person.email, password: 'khong phai mat khau' })
    const unknown = await app
      .client()
      .post('/login', { email: 'nobody@example.vn', password: 'khong phai mat khau' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    const right = await app.client().post('/login', { email: person.email, password: person.password })
    expect(right.status).toBe(403)
    expect(await right.text()).toContain('Địa chỉ thư điện tử của bạn chưa được xác nhận')

    const stored = await t.db.selectFrom('email_confirmations').select('token_hash').execute()
    expect(stored.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(stored)).not.toContain(token)

    // Opening the link only asks; the button activates.
    const c = app.client()
    const page = await c.get(path)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Kích hoạt tài khoản')
    expect(
      (
        await t.db
          .selectFrom('users')
          .select('email_confirmed_at')
          .where('email', '=', person.email)
          .executeTakeFirstOrThrow()
      ).email_confirmed_at,
    ).toBeNull()
    const used = await c.post(path, {})
    expect(used.status).toBe(302)
    expect(used.headers.get('location')).toBe('/login?confirmed=1')
    expect(await (await c.get('/login?confirmed=1')).text()).toContain('tài khoản đã được kích hoạt')
    expect((await c.login(person.email, person.password)).status).toBe(302)

    // Single use.
    const again = await app.client().post(path, {})
    expect(again.status).toBe(404)
    expect(await again.text()).toContain('đường dẫn sai, đã hết hạn hoặc đã được dùng')
  })

  it('refuses an expired or invented link, and the letter can be asked for again', async () => {
    const person = newPerson()
    await app.client().post('/register', person)
    const first = await confirmationPath(t.db, person.email)
    await t.db
      .updateTable('email_confirmations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('email', '=', person.email))
      .execute()
    expect((await app.client().post(first, {})).status).toBe(404)
    expect((await app.client().post(`/register/confirm/${'A'.repeat(43)}`, {})).status).toBe(404)
    expect((await app.client().post('/register/confirm/not-a-token', {})).status).toBe(404)

    const resent = await app.client().post('/register/resend', { email: person.email })
    const unknown = await app.client().post('/register/resend', { email: 'nobody.here@example.vn' })
    expect(resent.status).toBe(200)
    expect(unknown.status).toBe(200)
    expect((await answer(resent, person.email)).text).toBe(
      (await answer(unknown, 'nobody.here@example.vn')).text,
    )
    expect(await lettersTo(t.db, 'nobody.here@example.vn')).toEqual([])
    const second = await confirmationPath(t.db, person.email)
    expect(second).not.toBe(first)
    expect((await app.client().post(second, {})).status).toBe(302)
    expect((await app.client().login(person.email, person.password)).status).toBe(302)
  })
})

describe('throttling', () => {
  it('slows down repeated registrations with one e-mail address, with a translated wait', async () => {
    const person = newPerson()
    const statuses: number[] = []
    for (let i = 0; i <= throttlePolicy.registerEmail.free; i++)
      statuses.push(
        (await app.client().post('/register', { ...person, citizenId: `07920000000${i}` })).status,
      )
    expect(statuses).toEqual([200, 200, 200, 429])
    const res = await app.client().post('/register', person)
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await res.text()).toContain('Có quá nhiều lần thử từ đây')
  })

  it('slows down many registrations from one network', async () => {
    const before = await users()
    let last = 0
    for (let i = 0; i <= throttlePolicy.register.free; i++)
      last = (await app.client().post('/register', newPerson())).status
    expect(last).toBe(429)
    expect(await users()).toBe(before + throttlePolicy.register.free)
  })
})
