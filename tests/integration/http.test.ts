import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { createDb } from '../../db/create-db'
import { demoCitizen, demoPasswords, demoStaff } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { startTestApp } from '../setup/http'
import { confirmationPath, lettersTo } from '../setup/mail'

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

describe('health', () => {
  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })
  it('answers 503 when the database is down', async () => {
    const dead = createDb('postgres://postgres@127.0.0.1:1/nothing')
    const down = await startTestApp(dead)
    try {
      const res = await fetch(`${down.baseUrl}/healthz`)
      expect(res.status).toBe(503)
    } finally {
      await down.close()
      await dead.destroy()
    }
  })
})

describe('headers', () => {
  it('sends a CSP whose nonce is on every script, and the hardening headers', async () => {
    const res = await fetch(`${app.baseUrl}/`)
    const csp = res.headers.get('content-security-policy')!
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('same-origin')
    expect(res.headers.get('x-request-id')).toBeTruthy()
    expect(res.headers.get('strict-transport-security')).toBeNull()
    const html = await res.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`)
    // A new nonce per response.
    const again = (await fetch(`${app.baseUrl}/`)).headers.get('content-security-policy')
    expect(again).not.toBe(csp)
  })

  it('in production: HSTS, and the session cookie is __Host-, Secure, HttpOnly, SameSite=Lax', async () => {
    const prod = await startTestApp(t.db, { NODE_ENV: 'production', SESSION_SECRET: 'p'.repeat(40) })
    try {
      const home = await fetch(`${prod.baseUrl}/`)
      expect(home.headers.get('strict-transport-security')).toContain('max-age=31536000')
      const res = await prod
        .client()
        .post('/login', { email: demoCitizen.email, password: demoPasswords.citizen })
      expect(res.status).toBe(302)
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-sid='))!
      expect(cookie).toMatch(/; Secure/i)
      expect(cookie).toMatch(/HttpOnly/i)
      expect(cookie).toMatch(/SameSite=Lax/i)
      expect(cookie).toMatch(/Path=\//)
    } finally {
      await prod.close()
    }
  })
})

describe('cross-site requests', () => {
  const form = { email: demoCitizen.email, password: demoPasswords.citizen }
  it.each([
    [{ origin: 'https://evil.example' }],
    [{ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    [{ 'sec-fetch-site': 'same-site' }],
  ])('refuses a POST with %o: 403, and nothing happens', async (headers) => {
    const res = await fetch(`${app.baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
      redirect: 'manual',
    })
    expect(res.status).toBe(403)
    expect(res.headers.getSetCookie().some((c) => c.startsWith('sid='))).toBe(false)
    expect(await res.text()).toContain('không xuất phát từ Cổng Dịch vụ công')
  })
  it('refuses a POST that names no origin at all', async () => {
    const res = await fetch(`${app.baseUrl}/logout`, { method: 'POST', redirect: 'manual' })
    expect(res.status).toBe(403)
  })
  it('accepts our own origin and Sec-Fetch-Site: same-origin', async () => {
    const a = await app.client().post('/login', form)
    expect(a.status).toBe(302)
    const b = await fetch(`${app.baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams(form),
      redirect: 'manual',
    })
    expect(b.status).toBe(302)
  })
})

describe('languages', () => {
  it('is Vietnamese by default and English with ?lng=en, remembered in a cookie', async () => {
    const c = app.client()
    const vi = await (await c.get('/')).text()
    expect(vi).toContain('<html lang="vi"')
    expect(vi).toContain('Dịch vụ công trực tuyến của Thành phố')
    const en = await c.get('/?lng=en')
    expect(await en.text()).toContain('<html lang="en"')
    const again = await (await c.get('/procedures-that-do-not-exist')).text()
    expect(again).toContain('<html lang="en"')
    expect(again).toContain('Page not found')
  })
  it('switches with the header form and remembers it on the account', async () => {
    const c = app.client()
    await c.login(demoCitizen.email, demoPasswords.citizen)
    const res = await c.post('/language', { lng: 'en', redirectTo: '/' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/')
    const user = await t.db
      .selectFrom('users')
      .select('locale')
      .where('email', '=', demoCitizen.email)
      .executeTakeFirstOrThrow()
    expect(user.locale).toBe('en')
    // A new browser gets the account's language at login.
    const other = app.client()
    const login = await other.login(demoCitizen.email, demoPasswords.citizen)
    expect(login.headers.getSetCookie().some((cookie) => cookie.startsWith('lng='))).toBe(true)
    expect(await (await other.get('/')).text()).toContain('<html lang="en"')
    await t.db.updateTable('users').set({ locale: 'vi' }).where('email', '=', demoCitizen.email).execute()
  })
  it('shows the 404 page in Vietnamese', async () => {
    const res = await fetch(`${app.baseUrl}/khong-co`)
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Không tìm thấy trang')
  })
})

describe('accounts', () => {
  const person = {
    fullName: 'Trần Văn Bình',
    email: 'binh.tran@example.vn',
    phone: '0987654321',
    citizenId: '001099012345',
    password: 'mua thu ha noi 2026',
  }

  it('registers, confirms the e-mail from the letter, signs in, signs out, and signs in again', async () => {
    const c = app.client()
    const res = await c.post('/register', person)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Chúng tôi đã gửi thư đến binh.tran@example.vn')
    const confirm = await c.post(await confirmationPath(t.db, person.email), {})
    expect(confirm.status).toBe(302)
    expect(confirm.headers.get('location')).toBe('/login?confirmed=1')
    expect((await c.login(person.email, person.password)).status).toBe(302)
    expect(await (await c.get('/')).text()).toContain('Trần Văn Bình')
    const row = await t.db
      .selectFrom('users')
      .select(['password_hash', 'phone'])
      .where('email', '=', person.email)
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    const out = await c.post('/logout', {})
    expect(out.status).toBe(302)
    expect(await (await c.get('/')).text()).not.toContain('Trần Văn Bình')
    const sessions = await t.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('sessions.id')
      .where('users.email', '=', person.email)
      .execute()
    expect(sessions).toHaveLength(0)
    await c.login(person.email, person.password)
  })

  it('refuses bad input with translated messages and keeps what was typed (not the password)', async () => {
    const res = await app
      .client()
      .post('/register', { ...person, email: 'x@', phone: '123', password: 'abc' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Nhập địa chỉ thư điện tử đúng dạng')
    expect(html).toContain('Nhập số di động Việt Nam')
    expect(html).toContain('Mật khẩu phải có ít nhất 8 ký tự')
    expect(html).toContain('value="Trần Văn Bình"')
    expect(html).not.toContain('value="abc"')
  })

  it('makes no second account with the same email or citizen id, answers as for a new one, and writes to the owner', async () => {
    const before = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const dupEmail = await app.client().post('/register', { ...person, citizenId: '001099099999' })
    expect(dupEmail.status).toBe(200)
    expect(await dupEmail.text()).toContain('Chúng tôi đã gửi thư đến binh.tran@example.vn')
    const dupId = await app.client().post('/register', { ...person, email: 'other@example.vn' })
    expect(dupId.status).toBe(200)
    expect(await dupId.text()).toContain('Chúng tôi đã gửi thư đến other@example.vn')
    const toOwner = await lettersTo(t.db, person.email)
    expect(toOwner.map((l) => l.subject)).toContain(
      '[Cổng Dịch vụ công] Có người vừa đăng ký bằng thông tin của bạn',
    )
    expect(await lettersTo(t.db, 'other@example.vn')).toEqual([])
    const after = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('answers a wrong password and an unknown account the same way', async () => {
    const a = await app.client().post('/login', { email: demoCitizen.email, password: 'sai-mat-khau' })
    const b = await app.client().post('/login', { email: 'khong-co@example.vn', password: 'sai-mat-khau' })
    expect(a.status).toBe(401)
    expect(b.status).toBe(401)
    // What a person sees (scripts aside, which echo the typed email back into the form) is identical.
    const visible = (html: string, email: string) =>
      html
        .replace(/<script\b[\s\S]*?<\/script>/g, '')
        .replace(/nonce="[^"]*"/g, '')
        .replaceAll(email, 'EMAIL')
    const pageA = visible(await a.text(), demoCitizen.email)
    expect(pageA).toContain('Thư điện tử hoặc mật khẩu không đúng.')
    expect(pageA).toBe(visible(await b.text(), 'khong-co@example.vn'))
  })

  it('honours a safe redirectTo and ignores a foreign one', async () => {
    const ok = await app
      .client()
      .post('/login', { email: demoCitizen.email, password: demoPasswords.citizen, redirectTo: '/lookup' })
    expect(ok.headers.get('location')).toBe('/lookup')
    const evil = await app.client().post('/login', {
      email: demoCitizen.email,
      password: demoPasswords.citizen,
      redirectTo: '//evil.example/x',
    })
    expect(evil.headers.get('location')).toBe('/')
  })

  it('slows repeated wrong passwords down with a 429 and a translated wait', async () => {
    // An account that does not exist is slowed down exactly like a real one.
    const email = 'chua-dang-ky@example.vn'
    let last: Response | undefined
    for (let i = 0; i < 7; i++) last = await app.client().post('/login', { email, password: 'wrong-wrong' })
    expect(last!.status).toBe(429)
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await last!.text()).toMatch(/Vui lòng chờ \d+ giây/)
  })
})

describe('access by role', () => {
  const areas = ['/officer', '/finance', '/admin'] as const
  const opens: Record<string, (typeof areas)[number] | null> = {
    reception: '/officer',
    specialist: '/officer',
    approver: '/officer',
    finance: '/finance',
    admin: '/admin',
  }

  it('sends anonymous visitors to login and back', async () => {
    for (const area of areas) {
      const res = await fetch(`${app.baseUrl}${area}`, { redirect: 'manual' })
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(area)}`)
    }
  })

  it('gives a citizen a 403 page on every staff area', async () => {
    const c = app.client()
    await c.login(demoCitizen.email, demoPasswords.citizen)
    for (const area of areas) {
      const res = await c.get(area)
      expect(res.status).toBe(403)
      expect(await res.text()).toContain('Bạn không có quyền truy cập trang này')
    }
  })

  it('lets each staff account reach only its own area, scoped to its own agency', async () => {
    let checked = 0
    for (const staff of demoStaff) {
      const c = app.client()
      await c.login(staff.email, demoPasswords.staff)
      for (const area of areas) {
        const res = await c.get(area)
        const allowed = opens[staff.role] === area
        expect(res.status, `${staff.email} → ${area}`).toBe(allowed ? 200 : 403)
        if (allowed) {
          const html = await res.text()
          expect(html).toContain(`(${staff.agency})`)
          const otherAgency = staff.agency === 'STP' ? '(UBQ1)' : '(STP)'
          expect(html).not.toContain(otherAgency)
        }
        checked++
      }
    }
    expect(checked).toBe(demoStaff.length * areas.length)
  })

  it('ends a staff session after 30 minutes idle: back to login, told why', async () => {
    const c = app.client()
    await c.login('reception.stp@example.gov.vn', demoPasswords.staff)
    expect((await c.get('/officer')).status).toBe(200)
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'reception.stp@example.gov.vn')
      .executeTakeFirstOrThrow()
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', user.id)
      .execute()
    const res = await c.get('/officer')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?redirectTo=%2Fofficer&expired=1')
  })
})

describe('gateway callbacks', () => {
  it('take a cross-site POST to the signature check, and refuse an oversize body with 413 unread', async () => {
    // No Origin, as a gateway's server sends it: not the same-origin 403, but the adapter's 400 (no signature).
    const unsigned = await fetch(`${app.baseUrl}/webhooks/stripe`, { method: 'POST', body: '{}' })
    expect(unsigned.status).toBe(400)
    const big = await fetch(`${app.baseUrl}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'stripe-signature': 't=1,v1=00' },
      body: 'x'.repeat(600 * 1024),
    })
    expect(big.status).toBe(413)
    expect((await fetch(`${app.baseUrl}/webhooks/vnpay/ipn`)).headers.get('content-type')).toMatch(/json/)
  })
})
