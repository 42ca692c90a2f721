import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { demoCitizen, demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { Client } from '../setup/http'

/*
 * Issue 12 §3: anonymous public pages come from each server's cache, which is checked against the catalogue version
 * in PostgreSQL. Two real server processes (`tsx app/server/start.ts`, the production build) on one database: a
 * procedure version published through server A, or an agency changed by any SQL, is on server B's very next answer.
 * A request with a session cookie neither gets nor fills the cache; languages are cached apart; every answer gets a
 * fresh CSP nonce; If-None-Match is answered 304.
 */
const code = '1.009994.000.00.00.H56'
const page = `/procedures/${code}`
let t: Awaited<ReturnType<typeof createTestDb>>
const servers: { url: string; child: ChildProcess; dataDir: string }[] = []

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })

async function startServer(databaseUrl: string) {
  const port = await freePort()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-cache-test-'))
  const child = spawn('npx', ['tsx', 'app/server/start.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PROFILE: 'demo',
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'false',
      DATA_DIR: dataDir,
      PAYMENT_PROVIDER: 'mock',
      LOG_LEVEL: 'error',
      PUBLIC_CACHE_VERSION_MS: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  const url = `http://127.0.0.1:${port}`
  servers.push({ url, child, dataDir })
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (up) return url
    if (i > 600) throw new Error('server did not start within 120 s')
    await new Promise((r) => setTimeout(r, 200))
  }
}

let a: string
let b: string
beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  ;[a, b] = await Promise.all([startServer(t.url), startServer(t.url)])
}, 180_000)
afterAll(async () => {
  await Promise.all(
    servers.map(async ({ child, dataDir }) => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        process.kill(-child.pid!, 'SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    }),
  )
  await t?.drop()
}, 60_000)

const get = (base: string, pathname: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${pathname}`, { headers, redirect: 'manual' })

/** The latest version's definition of our procedure, and a documents list whose first name carries `marker`. */
async function definitionWith(marker: string) {
  const { rows } = await sql<{ form: unknown; documents: { name: { vi: string; en: string } }[] }>`
    SELECT v.form, v.documents FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
    WHERE p.code = ${code} AND v.published_at IS NOT NULL ORDER BY v.version DESC LIMIT 1`.execute(t.db)
  const documents = structuredClone(rows[0].documents)
  documents[0].name.vi = `Tờ khai ${marker}`
  documents[0].name.en = `Declaration ${marker}`
  return { form: JSON.stringify(rows[0].form), documents: JSON.stringify(documents) }
}

describe('the public page cache', () => {
  it('answers anonymous catalogue pages from the cache, with ETag, Vary and a public Cache-Control', async () => {
    for (const base of [a, b]) {
      for (const pathname of ['/', '/procedures', '/procedures?q=ly+lich', page]) {
        const first = await get(base, pathname)
        expect(first.status, pathname).toBe(200)
        const again = await get(base, pathname)
        expect(again.headers.get('x-public-cache'), pathname).toBe('hit')
        expect(again.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/)
        expect(again.headers.get('vary')).toMatch(/\bCookie\b/)
        expect(again.headers.get('etag')).toMatch(/^W\/"c\d+-/)
        expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
        expect(await again.text()).toContain('</html>')
      }
    }
  })

  it('gives every answer its own nonce, on every script, and answers If-None-Match with 304 without a CSP', async () => {
    const one = await get(b, page)
    const two = await get(b, page)
    expect(two.headers.get('x-public-cache')).toBe('hit')
    const nonces = await Promise.all(
      [one, two].map(async (res) => {
        const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1]
        const scripts = [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
        expect(scripts.length).toBeGreaterThan(0)
        for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`)
        return nonce
      }),
    )
    expect(nonces[0]).not.toBe(nonces[1])
    const etag = two.headers.get('etag')!
    const revalidated = await get(b, page, { 'if-none-match': etag })
    expect(revalidated.status).toBe(304)
    expect(revalidated.headers.get('etag')).toBe(etag)
    expect(revalidated.headers.get('content-security-policy')).toBeNull()
    expect(await revalidated.text()).toBe('')
    expect((await get(b, page, { 'if-none-match': 'W/"c0-other"' })).status).toBe(200)
  })

  it('never serves a page older than a publish made through the other server', async () => {
    const admin = new Client(a)
    await admin.login('admin.ubq1@example.gov.vn', demoPasswords.staff)
    let etag = (await get(b, page)).headers.get('etag')!
    await get(a, page)
    for (let round = 1; round <= 4; round++) {
      // Both servers hold the current page.
      expect((await get(a, page)).headers.get('x-public-cache')).toBe('hit')
      expect((await get(b, page)).headers.get('x-public-cache')).toBe('hit')
      const marker = `M${round}-${Date.now()}`
      const res = await admin.post(`/admin/procedures/${code}`, await definitionWith(marker))
      expect(res.status).toBe(302)
      // The very next answer of either server has the new version, in both languages of the cache key.
      const [onB, onA] = await Promise.all([get(b, page), get(a, page)])
      expect(await onB.text()).toContain(`Tờ khai ${marker}`)
      expect(await onA.text()).toContain(`Tờ khai ${marker}`)
      expect(onB.headers.get('etag')).not.toBe(etag)
      // The browser's old copy is no longer current: a full answer, not a 304.
      expect((await get(b, page, { 'if-none-match': etag })).status).toBe(200)
      etag = onB.headers.get('etag')!
      expect((await get(b, page, { 'if-none-match': etag })).status).toBe(304)
    }
  })

  it('is out of date as soon as an agency changes, whatever code changed it', async () => {
    await get(b, page)
    expect((await get(b, page)).headers.get('x-public-cache')).toBe('hit')
    const renamed = `Ủy ban nhân dân Quận 1 ${Date.now()}`
    await sql`UPDATE agencies SET name_vi = ${renamed} WHERE code = 'UBQ1'`.execute(t.db)
    const after = await get(b, page)
    expect(after.headers.get('x-public-cache')).toBe('miss')
    expect(await after.text()).toContain(renamed)
  })

  it('keeps languages apart (the lng cookie is part of the key) and caches no ?lng= answer', async () => {
    const switched = await get(b, `${page}?lng=en`)
    expect(switched.headers.get('cache-control')).toBe('private, no-store')
    expect(switched.headers.get('x-public-cache')).toBeNull()
    const lngCookie = switched.headers.getSetCookie().find((c) => c.startsWith('lng='))!.split(';')[0]
    await get(b, page, { cookie: lngCookie })
    const en = await get(b, page, { cookie: lngCookie })
    const vi = await get(b, page)
    expect(en.headers.get('x-public-cache')).toBe('hit')
    expect(vi.headers.get('x-public-cache')).toBe('hit')
    expect(await en.text()).toContain('<html lang="en"')
    expect(await vi.text()).toContain('<html lang="vi"')
  })

  it('neither answers nor fills the cache for a request that carries a session cookie', async () => {
    const citizen = new Client(b)
    await citizen.login(demoCitizen.email, demoPasswords.citizen)
    const fresh = `/procedures?q=${Date.now()}`
    const signedIn = await citizen.get(fresh)
    expect(signedIn.status).toBe(200)
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store')
    expect(signedIn.headers.get('x-public-cache')).toBeNull()
    expect(signedIn.headers.get('etag')).toBeNull()
    // A cookie that is no session at all is treated the same (it is not ours to judge before Remix does).
    const forged = await get(b, fresh, { cookie: 'sid=forged' })
    expect(forged.headers.get('x-public-cache')).toBeNull()
    expect(forged.headers.get('cache-control')).toBe('private, no-store')
    // Neither filled the cache: the first anonymous answer is rendered for it.
    expect((await get(b, fresh)).headers.get('x-public-cache')).toBe('miss')
    // And a cached page is never given to a signed-in visitor: their own header is rendered.
    await get(b, '/procedures')
    const mine = await citizen.get('/procedures')
    expect(mine.headers.get('x-public-cache')).toBeNull()
    expect(await mine.text()).toContain(demoCitizen.fullName)
  })
})
