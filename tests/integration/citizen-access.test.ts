import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

const password = 'mat khau rat dai 2026'
const pdf = new Uint8Array(
  Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
)

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let a: Client
let b: Client
let code: string
let dossierId: string
let requiredDoc: string

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
  const hash = await hashPassword(password)
  const citizenA = await createCitizen(t.db, 'Người A', hash)
  const citizenB = await createCitizen(t.db, 'Người B', hash)
  const { procedure, draftId } = await completeJudicialDraft(t.db, citizenA.id)
  dossierId = draftId
  requiredDoc = procedure.documents.find((d) => d.required)!.key
  code = (
    await submitDraft(t.db, {
      applicantId: citizenA.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
  ).code
  // An officer (the workflow issue) asks for a clearer scan and a more precise purpose.
  const officer = await t.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'specialist.stp@example.gov.vn')
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('supplement_requests')
    .values({
      dossier_id: dossierId,
      requested_by: officer.id,
      items: JSON.stringify([
        { kind: 'document', key: requiredDoc, reason: 'Bản chụp bị mờ' },
        { kind: 'field', key: 'purpose', reason: 'Ghi rõ nơi nộp Phiếu' },
      ]),
      return_status: 'in_progress',
    })
    .execute()
  await t.db
    .updateTable('dossiers')
    .set({ status: 'supplement_requested', paused_since: new Date(Date.now() - 3_600_000) })
    .where('id', '=', dossierId)
    .execute()
  a = app.client()
  b = app.client()
  await a.login(citizenA.email, password)
  await b.login(citizenB.email, password)
})
afterAll(async () => {
  await app.close()
  await t.drop()
})

const upload = (client: Client, path: string, field: string, bytes: Uint8Array, name: string) => {
  const form = new FormData()
  form.append(field, new File([Buffer.from(bytes)], name, { type: 'application/pdf' }))
  return client.request(path, { method: 'POST', body: form })
}
const state = async () => {
  const d = await t.db
    .selectFrom('dossiers')
    .select(['status', 'version', 'form_data'])
    .where('id', '=', dossierId)
    .executeTakeFirstOrThrow()
  const events = await t.db
    .selectFrom('dossier_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('dossier_id', '=', dossierId)
    .executeTakeFirstOrThrow()
  return { ...d, events: events.n }
}

describe("another citizen's dossier", () => {
  it('cannot be read, downloaded from, withdrawn or answered by citizen B: 404 each time, nothing changes', async () => {
    const before = await state()
    const file = await t.db
      .selectFrom('dossier_files')
      .select('id')
      .where('dossier_id', '=', dossierId)
      .executeTakeFirstOrThrow()
    expect((await b.get(`/dossiers/${code}`)).status).toBe(404)
    expect((await b.get(`/dossiers/${code}/confirmation`)).status).toBe(404)
    expect((await b.get(`/dossiers/${code}/files/${file.id}`)).status).toBe(404)
    expect((await b.get(`/dossiers/${code}/withdraw`)).status).toBe(404)
    expect((await b.post(`/dossiers/${code}/withdraw`, { reason: 'x' })).status).toBe(404)
    expect((await b.get(`/dossiers/${code}/supplement`)).status).toBe(404)
    expect((await b.post(`/dossiers/${code}/supplement`, { purpose: 'Không phải của tôi' })).status).toBe(404)
    expect((await upload(b, `/dossiers/${code}/supplement`, requiredDoc, pdf, 'b.pdf')).status).toBe(404)
    expect((await b.post(`/dossiers/${code}`, { score: '1' })).status).toBe(404)
    expect(await state()).toEqual(before)
    // An unknown code looks exactly the same.
    expect((await b.get('/dossiers/STP-000000-0000')).status).toBe(404)
  })

  it('is listed only for its applicant', async () => {
    expect(await (await a.get('/dossiers')).text()).toContain(code)
    expect(await (await b.get('/dossiers')).text()).not.toContain(code)
  })
})

describe("the citizen's list of dossiers", () => {
  it('shows 20 a page, newest first, with the total and links to every page (status filter kept)', async () => {
    const citizen = await createCitizen(t.db, 'Người Nhiều Hồ Sơ', await hashPassword(password))
    const v = await t.db
      .selectFrom('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .select(['v.id as version_id', 'p.id as procedure_id', 'p.agency_id'])
      .where('p.online', '=', true)
      .limit(1)
      .executeTakeFirstOrThrow()
    const day = Date.UTC(2026, 0, 1)
    // 45 dossiers, 40 received and 5 completed, the n-th made n hours after the first.
    await t.db
      .insertInto('dossiers')
      .values(
        Array.from({ length: 45 }, (_, i) => ({
          code: `TST-${citizen.id.slice(0, 6)}-${String(i + 1).padStart(4, '0')}`,
          procedure_id: v.procedure_id,
          procedure_version_id: v.version_id,
          agency_id: v.agency_id,
          applicant_id: citizen.id,
          status: i % 11 === 0 ? ('completed' as const) : ('received' as const),
          submitted_at: new Date(day + i * 3_600_000),
          created_at: new Date(day + i * 3_600_000),
        })),
      )
      .execute()
    const c = app.client()
    await c.login(citizen.email, password)
    const codes = (html: string) => [...html.matchAll(/href="\/dossiers\/(TST-[^"]+)"/g)].map((m) => m[1])
    const number = (code: string) => Number(code.slice(-4))

    const first = await (await c.get('/dossiers')).text()
    expect(codes(first).map(number)).toEqual(Array.from({ length: 20 }, (_, i) => 45 - i))
    expect(first).toContain('45 hồ sơ')
    expect(first).toContain('trang 1 trên 3')
    expect(first).toContain('href="/dossiers?page=2"')
    expect(first).toContain('href="/dossiers?page=3"')
    const last = await (await c.get('/dossiers?page=3')).text()
    expect(codes(last).map(number)).toEqual([5, 4, 3, 2, 1])
    // Past the last page: the last page.
    expect(codes(await (await c.get('/dossiers?page=9')).text()).map(number)).toEqual([5, 4, 3, 2, 1])
    expect(codes(await (await c.get('/dossiers?page=x')).text())).toHaveLength(20)

    const completed = await (await c.get('/dossiers?status=completed')).text()
    expect(codes(completed).map(number)).toEqual([45, 34, 23, 12, 1])
    expect(completed).toContain('5 hồ sơ')
    expect(completed).not.toContain('page=2')
    const received = await (await c.get('/dossiers?status=received&page=2')).text()
    expect(codes(received)).toHaveLength(20)
    expect(received).toContain('40 hồ sơ')
    expect(received).toContain('href="/dossiers?status=received&amp;page=1"')
  })
})

describe('answering a supplement request', () => {
  it('shows only what was asked, with the reasons', async () => {
    const html = await (await a.get(`/dossiers/${code}/supplement`)).text()
    expect(html).toContain('Bản chụp bị mờ')
    expect(html).toContain('Ghi rõ nơi nộp Phiếu')
    expect(html).toContain('name="purpose"')
    expect(html).not.toContain('name="fullName"')
  })

  it('refuses an answer without the requested document, and changes nothing', async () => {
    const before = await state()
    const res = await a.post(`/dossiers/${code}/supplement`, { purpose: 'Nộp cho công ty ABC' })
    expect(res.status).toBe(422)
    expect(await state()).toEqual(before)
  })

  it('refuses a document that was not asked for', async () => {
    const res = await upload(a, `/dossiers/${code}/supplement`, 'residence_proof', pdf, 'x.pdf')
    expect(res.status).toBe(400)
  })

  it('accepts the document and the field, returns the dossier to where it was, with one event', async () => {
    const before = await state()
    expect(
      (await upload(a, `/dossiers/${code}/supplement`, requiredDoc, pdf, 'ban-chup-ro.pdf')).status,
    ).toBe(302)
    const res = await a.post(`/dossiers/${code}/supplement`, { purpose: 'Nộp cho công ty ABC' })
    expect(res.status).toBe(302)
    const after = await state()
    expect(after.status).toBe('in_progress')
    expect(after.events).toBe(before.events + 1)
    expect(after.form_data.purpose).toBe('Nộp cho công ty ABC')
    expect(after.form_data.fullName).toBe(before.form_data.fullName)
    const r = await sql<{ answered: boolean; paused: number }>`
      SELECT (SELECT answered_at IS NOT NULL FROM supplement_requests WHERE dossier_id = ${dossierId}) AS answered,
             paused_working_minutes AS paused FROM dossiers WHERE id = ${dossierId}`.execute(t.db)
    expect(r.rows[0].answered).toBe(true)
    // The legal clock counts the pause in whole working days (480 minutes each); this one began today.
    expect(r.rows[0].paused % 480).toBe(0)
  })

  it('lets the applicant download the new file, as an attachment that cannot run', async () => {
    const file = await t.db
      .selectFrom('dossier_files')
      .select('id')
      .where('dossier_id', '=', dossierId)
      .where('supplement_request_id', 'is not', null)
      .executeTakeFirstOrThrow()
    const res = await a.get(`/dossiers/${code}/files/${file.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toContain('sandbox')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf)
  })
})

describe('uploads through the draft page', () => {
  it('answers 413 to an oversize file and 415 to an executable renamed .pdf, storing nothing', async () => {
    const c = app.client()
    const hash = await hashPassword(password)
    const citizen = await createCitizen(t.db, 'Người C', hash)
    await c.login(citizen.email, password)
    const path = '/procedures/2.001417.000.00.00.H56/apply'
    expect((await c.post(path, {})).status).toBe(302)
    const big = new Uint8Array(11 * 1024 * 1024)
    big.set(pdf)
    const tooBig = await upload(c, `${path}/documents`, requiredDoc, big, 'lon.pdf')
    expect(tooBig.status).toBe(413)
    const exe = await upload(
      c,
      `${path}/documents`,
      requiredDoc,
      new Uint8Array(Buffer.from('MZ\x90\x00\x03\x00\x00\x00this program cannot be run')),
      'to-khai.pdf',
    )
    expect(exe.status).toBe(415)
    expect(await exe.text()).toContain('không đúng định dạng')
    const rows = await t.db
      .selectFrom('dossier_files')
      .innerJoin('dossiers', 'dossiers.id', 'dossier_files.dossier_id')
      .select('dossier_files.id')
      .where('dossiers.applicant_id', '=', citizen.id)
      .execute()
    expect(rows).toHaveLength(0)

    // Upload, replace (one file per requirement), then remove.
    expect((await upload(c, `${path}/documents`, requiredDoc, pdf, 'lan-1.pdf')).status).toBe(302)
    expect((await upload(c, `${path}/documents`, requiredDoc, pdf, 'lan-2.pdf')).status).toBe(302)
    const files = await t.db
      .selectFrom('dossier_files')
      .innerJoin('dossiers', 'dossiers.id', 'dossier_files.dossier_id')
      .select(['dossier_files.id', 'dossier_files.original_name', 'dossier_files.sha256'])
      .where('dossiers.applicant_id', '=', citizen.id)
      .execute()
    expect(files.map((f) => f.original_name)).toEqual(['lan-2.pdf'])
    expect(files[0].sha256).toMatch(/^[0-9a-f]{64}$/)
    // Another citizen cannot remove it.
    expect((await b.post(`${path}/documents`, { remove: files[0].id })).status).toBe(302)
    expect(
      await t.db.selectFrom('dossier_files').select('id').where('id', '=', files[0].id).execute(),
    ).toHaveLength(1)
    expect((await c.post(`${path}/documents`, { remove: files[0].id })).status).toBe(302)
    expect(
      await t.db.selectFrom('dossier_files').select('id').where('id', '=', files[0].id).execute(),
    ).toHaveLength(0)
  })
})
