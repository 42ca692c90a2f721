import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { createStorage } from '../../app/modules/files/storage-config.server'
import { parseEnv } from '../../app/utils/env.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { performTransition, systemActor } from '../../app/modules/workflow/perform.server'
import { demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen, JUDICIAL } from '../setup/factories'
import { Client } from '../setup/http'
import { startS3Server } from '../setup/s3-server'
import { startMockGatewayServer, type MockGatewayServer } from '../setup/mock-gateway-server'
import { portalProcess, rolesSupported, type PortalProcess } from '../setup/portal-process'

/**
 * Two web servers and one worker (separate processes of the production build, as an operator runs them) on one
 * PostgreSQL and one object store, the journeys sent through both alternately: nothing a request leaves behind
 * may live in one process only. The payment gateway is a process-independent HTTP server (the mock gateway's
 * state is its own), configured into the portals as the real Stripe provider, its webhooks sent to the server the
 * test chooses.
 */

const password = 'hai may chu mot su that 2026'
const CONFLICT = 'Hồ sơ này vừa được thay đổi'
const pdf = (tag: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n` +
      `% ${tag}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  )

let t: Awaited<ReturnType<typeof createTestDb>>
let gateway: MockGatewayServer
let storage: Awaited<ReturnType<typeof startStorage>>
let web1: PortalProcess
let web2: PortalProcess
let worker: PortalProcess
let passwordHash: string

/** The object store every process shares: an S3-compatible server started for this file. */
async function startStorage() {
  const s3 = await startS3Server()
  return { env: s3.env, stop: () => s3.close(), s3 }
}

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  passwordHash = await hashPassword(password)
  storage = await startStorage()
  gateway = await startMockGatewayServer({ retryDelayMs: 100 })
  const env = {
    DATABASE_URL: t.url,
    ...storage.env,
    ...gateway.env,
    // the poll asks the gateway about open attempts; kept out of the way of the webhook being tested
    PAYMENT_POLL_AFTER_SECONDS: '3600',
  }
  web1 = await portalProcess('web', env)
  web2 = await portalProcess('web', env)
  worker = await portalProcess('worker', { ...env, LOG_LEVEL: 'info' })
  await Promise.all([web1.start(), web2.start(), worker.start()])
}, 180_000)

afterAll(async () => {
  await Promise.all([web1?.stop(), web2?.stop(), worker?.stop()])
  await gateway?.stop()
  await storage?.stop()
  await t?.drop()
}, 60_000)

/** The same browser (its cookies) talking to another server. */
function on(server: PortalProcess, client: Client) {
  const other = new Client(server.url)
  other.cookies = client.cookies
  return other
}

async function citizen(server: PortalProcess) {
  const row = await createCitizen(t.db, 'Nguyễn Thị Mai', passwordHash)
  const client = new Client(server.url)
  await client.login(row.email, password)
  return { ...row, client }
}

describe('two web servers and a worker on one database and one object store', () => {
  it('runs the processes apart (web without jobs, the worker without HTTP) when start.ts takes a role', () => {
    // Until the processes can be started apart, each web server also runs the jobs (still one truth).
    if (rolesSupported()) expect(worker.log()).not.toMatch(/portal listening/)
    expect(web1.running() && web2.running() && worker.running()).toBe(true)
  })

  it('a citizen signs in on one server and carries on on the other; signing out on the second ends it on both', async () => {
    const { client, email } = await citizen(web1)
    const there = on(web2, client)
    const mine = await there.get('/dossiers')
    expect(mine.status).toBe(200)
    expect(await mine.text()).toContain('Nguyễn Thị Mai')
    expect((await client.get('/dossiers')).status).toBe(200)
    // a session row, not a process's memory: sign out on web2, web1 no longer knows the cookie
    const cookies = new Map(client.cookies)
    expect((await there.post('/logout', {})).status).toBe(302)
    const stale = new Client(web1.url)
    stale.cookies = cookies
    const after = await stale.get('/dossiers')
    expect(after.status).toBe(302)
    expect(after.headers.get('location')).toMatch(/^\/login/)
    expect(email).toBeTruthy()
  })

  it('a document uploaded on one server is downloaded byte for byte on the other', async () => {
    const { client, id } = await citizen(web1)
    const { procedure, draftId } = await completeJudicialDraft(t.db, id)
    const doc = procedure.documents.find((d) => d.required)!
    await t.db
      .deleteFrom('dossier_files')
      .where('dossier_id', '=', draftId)
      .where('requirement_key', '=', doc.key)
      .execute()
    const bytes = pdf(randomUUID())
    const form = new FormData()
    form.append(doc.key, new Blob([bytes], { type: 'application/pdf' }), 'bản chụp.pdf')
    const uploaded = await client.request(`/procedures/${JUDICIAL}/apply/documents`, {
      method: 'POST',
      body: form,
    })
    expect(uploaded.status, web1.log().slice(-2000)).toBe(302)
    // Filed on the second server; the file then downloaded from it.
    const there = on(web2, client)
    const check = await there.post(`/procedures/${JUDICIAL}/apply/check`, {
      token: randomUUID(),
      declaration: 'yes',
    })
    expect(check.status).toBe(302)
    const code = /\/dossiers\/([^/]+)\/confirmation/.exec(check.headers.get('location') ?? '')?.[1]
    expect(code).toBeTruthy()
    const file = await t.db
      .selectFrom('dossier_files')
      .select(['id', 'sha256', 'storage_key', 'size'])
      .where('dossier_id', '=', draftId)
      .where('requirement_key', '=', doc.key)
      .executeTakeFirstOrThrow()
    // in the bucket, where every process finds it
    const bucket = createStorage(parseEnv({ NODE_ENV: 'test', ...storage.env }))
    expect(await bucket.stat(file.storage_key)).toEqual({ size: file.size })
    const download = await there.get(`/dossiers/${code}/files/${file.id}`)
    expect(download.status).toBe(200)
    const got = Buffer.from(await download.arrayBuffer())
    expect(got.equals(bytes)).toBe(true)
    expect(createHash('sha256').update(got).digest('hex')).toBe(file.sha256)
    // and from the first server too
    const again = await client.get(`/dossiers/${code}/files/${file.id}`)
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('two officers act on one dossier through different servers: one wins, the other is told it changed', async () => {
    // a second reception officer of the same agency
    const agency = await t.db
      .selectFrom('agencies')
      .select('id')
      .where('code', '=', 'STP')
      .executeTakeFirstOrThrow()
    const second = await t.db
      .insertInto('users')
      .values({
        kind: 'staff',
        email: `reception2.${randomUUID().slice(0, 8)}@example.gov.vn`,
        full_name: 'Phan Thị Hoa',
        password_hash: passwordHash,
      })
      .returning(['id', 'email'])
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('staff_roles')
      .values({ user_id: second.id, agency_id: agency.id, role: 'reception' })
      .execute()
    const one = new Client(web1.url)
    await one.login('reception.stp@example.gov.vn', demoPasswords.staff)
    const two = new Client(web2.url)
    await two.login(second.email, password)

    const applicant = await createCitizen(t.db, 'Lê Văn Nam', passwordHash)
    const { procedure, draftId } = await completeJudicialDraft(t.db, applicant.id)
    const { code } = await submitDraft(t.db, {
      applicantId: applicant.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
    // its online fee paid: `submitted`, waiting for reception
    await t.db
      .updateTable('fees')
      .set({ status: 'paid', paid_at: new Date() })
      .where('dossier_id', '=', draftId)
      .execute()
    await performTransition(t.db, { dossierCode: code, action: 'pay', actor: systemActor })
    const { version } = await t.db
      .selectFrom('dossiers')
      .select('version')
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow()
    const before = await t.db
      .selectFrom('dossier_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('dossier_id', '=', draftId)
      .executeTakeFirstOrThrow()

    const post = (c: Client, intent: string, extra: Record<string, string> = {}) =>
      c.request(`/officer/dossiers/${code}`, {
        method: 'POST',
        body: new URLSearchParams({ intent, version: String(version), ...extra }),
      })
    const [a, b] = await Promise.all([
      post(one, 'receive'),
      post(two, 'refuse_intake', { reason: 'Hồ sơ trùng' }),
    ])
    const statuses = [a.status, b.status].sort()
    expect(statuses).toEqual([302, 409])
    const loser = a.status === 409 ? a : b
    expect(await loser.text()).toContain(CONFLICT)
    const after = await t.db
      .selectFrom('dossiers')
      .select(['status', 'version'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow()
    expect(after.version).toBe(version + 1)
    expect(after.status).toBe(a.status === 302 ? 'received' : 'refused_at_intake')
    const events = await t.db
      .selectFrom('dossier_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('dossier_id', '=', draftId)
      .executeTakeFirstOrThrow()
    expect(Number(events.n)).toBe(Number(before.n) + 1)
  })

  it('a payment started on one server is settled by a webhook landing on the other: the dossier moves on, one receipt', async () => {
    const { client, id } = await citizen(web1)
    const { procedure, draftId } = await completeJudicialDraft(t.db, id)
    const { code, status } = await submitDraft(t.db, {
      applicantId: id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
    expect(status).toBe('awaiting_payment')
    const started = await client.post(`/dossiers/${code}/pay`, { provider: 'stripe' })
    expect(started.status).toBe(302)
    const checkout = started.headers.get('location') ?? ''
    expect(checkout.startsWith(`${gateway.url}/checkout/`)).toBe(true)
    const sessionId = checkout.split('/').pop()!

    gateway.deliverTo(web2.url)
    const deliveredBefore = gateway.deliveries.length
    // The payer on the gateway's page, twice (a double click): one charge.
    const paid = await fetch(`${gateway.url}/checkout/${sessionId}/pay`, {
      method: 'POST',
      body: new URLSearchParams({ card: '4242424242424242' }),
      redirect: 'manual',
    })
    expect(paid.status).toBe(303)
    const back = paid.headers.get('location') ?? ''
    expect(back.startsWith(web1.url)).toBe(true)
    await fetch(`${gateway.url}/checkout/${sessionId}/pay`, {
      method: 'POST',
      body: new URLSearchParams({ card: '4242424242424242' }),
      redirect: 'manual',
    })
    await gateway.delivery.flush()
    const landed = gateway.deliveries.slice(deliveredBefore)
    expect(landed.length).toBeGreaterThan(0)
    expect(landed.every((d) => d.url.startsWith(`${web2.url}/`))).toBe(true)
    expect(landed.some((d) => d.status === 200)).toBe(true)

    const dossier = await t.db
      .selectFrom('dossiers')
      .select('status')
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow()
    expect(dossier.status).toBe('submitted')
    const receipts = await t.db.selectFrom('receipts').select('id').where('dossier_code', '=', code).execute()
    expect(receipts).toHaveLength(1)
    const attempt = await t.db
      .selectFrom('payment_attempts as a')
      .innerJoin('fees as f', 'f.id', 'a.fee_id')
      .select(['a.id', 'a.status'])
      .where('f.dossier_id', '=', draftId)
      .executeTakeFirstOrThrow()
    expect(attempt.status).toBe('succeeded')
    expect(gateway.stripe.chargesFor(attempt.id.replaceAll('-', ''))).toBe(1)
    // The return page on the first server shows the paid state the second one recorded.
    const shown = await client.get(new URL(back).pathname)
    expect(shown.status).toBe(200)
    const receiptPage = await on(web2, client).get(`/receipts/${receipts[0].id}`)
    expect(receiptPage.status).toBe(200)
  })

  it('a letter queued by one server is sent once by the worker', async () => {
    const email = `thu.${randomUUID().slice(0, 8)}@example.vn`
    const n = String(Date.now()).slice(-8)
    const res = await new Client(web2.url).post('/register', {
      fullName: 'Trần Văn Bình',
      email,
      phone: `09${n}`,
      citizenId: `0010${n}`,
      password,
    })
    expect(res.status).toBe(200)
    const letters = async () =>
      Number(
        (
          await t.db
            .selectFrom('mailbox')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('to_address', '=', email)
            .executeTakeFirstOrThrow()
        ).n,
      )
    const deadline = Date.now() + 30_000
    while ((await letters()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250))
    expect(await letters()).toBe(1)
    // however many processes run the queue, and a while later still one
    await new Promise((r) => setTimeout(r, 3000))
    expect(await letters()).toBe(1)
  })
})
