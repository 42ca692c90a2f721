import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { demoCitizen, demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { Client, rawRequest, startTestApp } from '../setup/http'

/*
 * Hole 3 (issue 11) and issue 12 item 1: the demo is a profile of a production server, not development mode.
 * The mailbox (letters are personal data) is for a demo's administrators only and absent in live; a foreign
 * Host header (DNS rebinding) is refused before any route runs; a demo over plain http can still sign in.
 */
let t: Awaited<ReturnType<typeof createTestDb>>
beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  await t.db
    .insertInto('mailbox')
    .values({
      idempotency_key: 'security-demo-profile-letter',
      to_address: demoCitizen.email,
      subject: 'Thư riêng của công dân',
      body: 'Nội dung riêng',
      transport: 'mailbox',
    })
    .execute()
})
afterAll(() => t.drop())

const admin = 'admin.stp@example.gov.vn'
const production = { NODE_ENV: 'production', SESSION_SECRET: 'production-secret-production-secret-0001' }

async function letterId() {
  const row = await t.db
    .selectFrom('mailbox')
    .select('id')
    .where('idempotency_key', '=', 'security-demo-profile-letter')
    .executeTakeFirstOrThrow()
  return row.id
}

describe('the mailbox page', () => {
  it('is for a signed-in administrator of a demo: anonymous → sign-in, citizen and other staff → 403', async () => {
    const app = await startTestApp(t.db, { ...production, PROFILE: 'demo', PAYMENT_PROVIDER: 'mock' })
    try {
      const id = await letterId()
      for (const path of ['/dev/mailbox', `/dev/mailbox/${id}`]) {
        const anonymous = await app.client().get(path)
        expect(anonymous.status).toBe(302)
        expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
        expect(await anonymous.text()).not.toContain('Thư riêng')
      }
      const citizen = app.client()
      await citizen.login(demoCitizen.email, demoPasswords.citizen)
      const reception = app.client()
      await reception.login('reception.stp@example.gov.vn', demoPasswords.staff)
      for (const c of [citizen, reception]) {
        const res = await c.get('/dev/mailbox')
        expect(res.status).toBe(403)
        expect(await res.text()).not.toContain('Thư riêng')
        expect((await c.get(`/dev/mailbox/${id}`)).status).toBe(403)
      }
      const administrator = app.client()
      await administrator.login(admin, demoPasswords.staff)
      const list = await administrator.get('/dev/mailbox')
      expect(list.status).toBe(200)
      expect(await list.text()).toContain('Thư riêng của công dân')
      expect((await administrator.get(`/dev/mailbox/${id}`)).status).toBe(200)
    } finally {
      await app.close()
    }
  })

  it('does not exist in the live profile, even for an administrator', async () => {
    const app = await startTestApp(t.db, production)
    try {
      const administrator = app.client()
      await administrator.login(admin, demoPasswords.staff)
      expect((await administrator.get('/dev/mailbox')).status).toBe(404)
      expect((await administrator.get(`/dev/mailbox/${await letterId()}`)).status).toBe(404)
    } finally {
      await app.close()
    }
  })
})

describe('session cookie by profile', () => {
  it('a demo over plain http sets a cookie the browser keeps (no Secure), and the next page is signed in', async () => {
    const app = await startTestApp(t.db, { ...production, PROFILE: 'demo', PAYMENT_PROVIDER: 'mock' })
    try {
      const c = app.client()
      const res = await c.login(demoCitizen.email, demoPasswords.citizen)
      const cookie = res.headers.getSetCookie().find((v) => /^sid=/.test(v))
      expect(cookie).toMatch(/HttpOnly/i)
      expect(cookie).not.toMatch(/Secure/i)
      const dossiers = await c.get('/dossiers')
      expect(dossiers.status).toBe(200)
    } finally {
      await app.close()
    }
  })

  it('live sets __Host- + Secure', async () => {
    const app = await startTestApp(t.db, production)
    try {
      const res = await app.client().login(demoCitizen.email, demoPasswords.citizen)
      expect(res.headers.getSetCookie().find((v) => v.startsWith('__Host-sid='))).toMatch(/; Secure/i)
    } finally {
      await app.close()
    }
  })
})

describe('the Host header (DNS rebinding)', () => {
  it('answers only its own names: a foreign Host gets 421 and a translated page, before any route', async () => {
    const app = await startTestApp(t.db)
    try {
      const port = new URL(app.baseUrl).port
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        expect((await rawRequest(app.baseUrl, '/healthz', { headers: { host } })).status).toBe(200)
      }
      for (const host of [`attacker.example:${port}`, 'attacker.example', `127.0.0.1:${Number(port) + 1}`]) {
        for (const path of ['/healthz', '/dev/mailbox', '/procedures']) {
          const res = await rawRequest(app.baseUrl, path, { headers: { host } })
          expect(res.status, `${host} ${path}`).toBe(421)
          expect(res.body).toContain('<html lang="vi">')
          expect(res.body).toContain('không phải là địa chỉ của Cổng Dịch vụ công')
        }
      }
      const english = await rawRequest(app.baseUrl, '/?lng=en', { headers: { host: 'attacker.example' } })
      expect(english.body).toContain("is not the Public Service Portal's own")
    } finally {
      await app.close()
    }
  })

  it("accepts PUBLIC_URL's host (behind a proxy)", async () => {
    const app = await startTestApp(t.db, { PUBLIC_URL: 'https://dichvucong.example.gov.vn' })
    try {
      const res = await rawRequest(app.baseUrl, '/healthz', {
        headers: { host: 'dichvucong.example.gov.vn' },
      })
      expect(res.status).toBe(200)
      const other = await rawRequest(app.baseUrl, '/healthz', { headers: { host: 'evil.example.gov.vn' } })
      expect(other.status).toBe(421)
    } finally {
      await app.close()
    }
  })
})

/** A free loopback port. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  await new Promise((r) => server.close(r))
  return port
}

describe('the server as `npm run serve` starts it (NODE_ENV=production, PROFILE=demo)', () => {
  it('says it is a demo on its first line, binds loopback, signs in over http, stops cleanly', async () => {
    const port = await freePort()
    // The generated session secret goes here (a demo's own, under DATA_DIR).
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-demo-profile-'))
    // One node process (npx would stand between the signal and the server).
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/start.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PROFILE: 'demo',
        PORT: String(port),
        HOST: '',
        DATABASE_URL: t.url,
        DATA_DIR: dataDir,
        SESSION_SECRET: '',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
    try {
      const base = `http://127.0.0.1:${port}`
      for (let i = 0; i < 100 && !/portal listening/.test(out); i++)
        await new Promise((r) => setTimeout(r, 200))
      expect(out).toMatch(/portal listening/)
      const lines = out.split('\n').filter((l) => l.startsWith('{'))
      expect(JSON.parse(lines[0])).toMatchObject({
        profile: 'demo',
        msg: expect.stringMatching(/^DEMO profile/),
      })
      expect(JSON.parse(lines.find((l) => l.includes('portal listening'))!)).toMatchObject({
        host: '127.0.0.1',
      })
      // a curl of the newcomer: sign in, then an authenticated page
      const c = new Client(base)
      await c.login(demoCitizen.email, demoPasswords.citizen)
      expect(c.cookies.has('sid')).toBe(true)
      const page = await c.get('/dossiers')
      expect(page.status).toBe(200)
      expect(page.headers.get('cache-control')).toBe('private, no-store')
      const home = await (await fetch(`${base}/`)).text()
      expect(home).toContain('lang="vi"')
      child.kill('SIGTERM')
      expect(await exited, out.slice(-2000)).toBe(0)
      expect(out).toContain('"msg":"stopped"')
      expect(readFileSync(path.join(dataDir, 'session-secret'), 'utf8').length).toBeGreaterThanOrEqual(32)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 90_000)
})
