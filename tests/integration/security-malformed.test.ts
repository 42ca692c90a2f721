import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { demoCitizen, demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { rawRequest, startTestApp } from '../setup/http'

/*
 * Hole 7 (issue 11): every malformed request is a 4xx with the translated error page, and no answer carries a
 * stack or a server path — in the live profile, in a demo and in tests alike.
 */
let t: Awaited<ReturnType<typeof createTestDb>>
let apps: Awaited<ReturnType<typeof startTestApp>>[]
beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  apps = [
    await startTestApp(t.db),
    await startTestApp(t.db, {
      NODE_ENV: 'production',
      SESSION_SECRET: 'production-secret-production-secret-0001',
    }),
  ]
})
afterAll(async () => {
  for (const app of apps) await app.close()
  await t.drop()
})

const modes = ['test (demo)', 'production (live)'] as const

/** No stack trace, no file path of the server, no JSON error object. */
function expectNoStack(body: string) {
  expect(body).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/work\/|\.build\/|"stack"|Error:/)
}

const brokenMultipart = [
  '--XyZ',
  'Content-Disposition: form-data; name="email"',
  '',
  'congdan@example.vn',
  '--XyZ',
  'Content-Disposition: form-data; name="password"',
].join('\r\n')

describe.each(modes.map((m, i) => [m, i] as const))('malformed requests, %s', (_mode, i) => {
  const app = () => apps[i]
  const post = (path: string, contentType: string, body: string) =>
    rawRequest(app().baseUrl, path, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        origin: app().baseUrl,
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    })

  it('a JSON body to a form action is 415 with the translated page', async () => {
    for (const path of ['/login', '/login.data', '/register', '/lookup']) {
      const res = await post(path, 'application/json', '{"email":1}')
      expect(res.status, path).toBe(415)
      expect(res.body).toContain('<html lang="vi">')
      expect(res.body).toContain('Yêu cầu không được gửi từ một biểu mẫu của Cổng')
      expectNoStack(res.body)
    }
  })

  it('a broken multipart body is 400 (the page and its .data request), never a 500', async () => {
    for (const path of ['/login', '/register', '/lookup']) {
      const res = await post(path, 'multipart/form-data; boundary=XyZ', brokenMultipart)
      expect(res.status, path).toBe(400)
      expect(res.body).toContain('Yêu cầu không hợp lệ')
      expectNoStack(res.body)
    }
    const data = await post('/login.data', 'multipart/form-data; boundary=XyZ', brokenMultipart)
    expect(data.status).toBe(400)
    expectNoStack(data.body)
    const noBoundary = await post('/login', 'multipart/form-data', brokenMultipart)
    expect(noBoundary.status).toBe(400)
    expectNoStack(noBoundary.body)
  })

  it('a URL that does not decode is 400 with the translated page', async () => {
    for (const path of ['/dossiers/%E0%A4%A', '/procedures/%E0%A4%A', '/%C0%AF', '/build/%E0%A4%A.js']) {
      const res = await rawRequest(app().baseUrl, path)
      expect(res.status, path).toBe(400)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      expect(res.body).toContain('Yêu cầu không hợp lệ')
      expectNoStack(res.body)
    }
    const english = await rawRequest(app().baseUrl, '/dossiers/%E0%A4%A?lng=en')
    expect(english.body).toContain('The request could not be handled')
  })

  it('a query value no page of ours sends is ignored, not a 500', async () => {
    const c = app().client()
    await c.login('admin.stp@example.gov.vn', demoPasswords.staff)
    for (const query of ['added=x', 'removed=2026-13-45', 'added=2026-02-30', 'year=abc']) {
      const res = await c.get(`/admin/holidays?${query}`)
      const body = await res.text()
      expect(res.status, query).toBe(200)
      expect(body).not.toContain('Invalid')
      expectNoStack(body)
    }
  })

  it('denied downloads, receipts and CSVs answer the translated page, not JSON', async () => {
    const c = app().client()
    await c.login(demoCitizen.email, demoPasswords.citizen)
    const cases: [string, number, string][] = [
      [`/dossiers/NOPE-0001/files/${randomUUID()}`, 404, 'Không tìm thấy trang'],
      [`/dossiers/NOPE-0001/files/not-a-uuid`, 404, 'Không tìm thấy trang'],
      [`/receipts/${randomUUID()}/pdf`, 404, 'Không tìm thấy trang'],
      ['/dashboard/csv', 403, 'Bạn không có quyền truy cập trang này'],
      [`/officer/dossiers/NOPE-0001/files/${randomUUID()}`, 403, 'Bạn không có quyền truy cập trang này'],
    ]
    for (const [path, status, title] of cases) {
      const res = await c.get(path)
      const body = await res.text()
      expect(res.status, path).toBe(status)
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/)
      expect(body, path).toContain(title)
      expectNoStack(body)
    }
  })
})
