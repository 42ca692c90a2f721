import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { performTransition } from '../../app/modules/workflow/perform.server'
import { formatDate, formatDateTime } from '../../app/utils/format'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen, JUDICIAL } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

/**
 * Issue 13, items 4 and 5, over real HTTP against the build: what the citizen's dossier page says while a
 * supplement is asked (what, why, by whom, by when, the clock paused and since when), after the answer (the new
 * appointment date and the timeline row saying why it moved), once the result is returned, and how a replaced
 * document is shown; then several documents uploaded in one request, all or nothing.
 */
const password = 'mat khau rat dai 2026'
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00this program cannot be run in DOS mode')

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let citizen: Client
let code: string
let dossierId: string
let doc: { key: string; name: string }
let officerName: string

// Received on Monday 16 November 2026, asked for a supplement on Tuesday 17 November: by the time the test answers
// (today or later), the clock has been paused for whole working days, so the appointment date must move.
const receivedAt = new Date('2026-11-16T02:00:00Z')
const askedAt = new Date('2026-11-17T03:00:00Z')

const text = (html: string) =>
  html
    .replace(/<script\b[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')')
const page = async (path: string) => {
  const res = await citizen.get(path)
  expect(res.status).toBe(200)
  return text(await res.text())
}
const multipart = (files: { field: string; bytes: Buffer; name: string }[]) => {
  const form = new FormData()
  for (const f of files)
    form.append(f.field, new File([new Uint8Array(f.bytes)], f.name, { type: 'application/pdf' }))
  return form
}

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
  const person = await createCitizen(t.db, 'Trần Văn Bổ Sung', await hashPassword(password))
  const { procedure, draftId } = await completeJudicialDraft(t.db, person.id)
  dossierId = draftId
  const required = procedure.documents.find((d) => d.required)!
  doc = { key: required.key, name: required.name.vi }
  code = (
    await submitDraft(t.db, {
      applicantId: person.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
  ).code
  // The fee was paid (the payment path is tested elsewhere): the dossier waits for reception.
  await t.db.updateTable('dossiers').set({ status: 'submitted' }).where('id', '=', dossierId).execute()
  const reception = await t.db
    .selectFrom('users as u')
    .innerJoin('staff_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.full_name', 'r.agency_id'])
    .where('u.email', '=', 'reception.stp@example.gov.vn')
    .where('r.role', '=', 'reception')
    .executeTakeFirstOrThrow()
  officerName = reception.full_name
  const actor = { id: reception.id, roles: [{ role: 'reception', agencyId: reception.agency_id }] }
  await performTransition(t.db, { dossierCode: code, action: 'receive', actor, now: receivedAt })
  await performTransition(t.db, {
    dossierCode: code,
    action: 'request_supplement',
    actor,
    now: askedAt,
    data: {
      items: [
        { kind: 'document', key: doc.key, reason: 'Bản chụp bị mờ, không đọc được số' },
        { kind: 'field', key: 'purpose', reason: 'Ghi rõ nơi sẽ nộp Phiếu' },
      ],
    },
  })
  citizen = app.client()
  await citizen.login(person.email, password)
})
afterAll(async () => {
  await app?.close()
  await t?.drop()
})

const dueAt = async () =>
  (await t.db.selectFrom('dossiers').select('due_at').where('id', '=', dossierId).executeTakeFirstOrThrow())
    .due_at!

describe("the citizen's dossier page while a supplement is asked", () => {
  it('says what is asked and why, by whom, by when, and that the clock is paused since the request', async () => {
    const body = await page(`/dossiers/${code}`)
    expect(body).toContain('Cơ quan yêu cầu bổ sung hồ sơ')
    // What, and why: each item by the name the procedure gives it, with its reason.
    expect(body).toContain(`${doc.name} (giấy tờ) — Lý do: Bản chụp bị mờ, không đọc được số`)
    expect(body).toContain('Mục đích sử dụng Phiếu (thông tin đã khai) — Lý do: Ghi rõ nơi sẽ nộp Phiếu')
    // By whom (the officer's name, as Mẫu 02 prints it, the role and the agency) and when.
    expect(body).toContain(`Người yêu cầu ${officerName}, Bộ phận một cửa, Sở Tư pháp`)
    expect(body).toContain(`Ngày yêu cầu ${formatDateTime(askedAt, 'vi')}`)
    // By when: the procedure sets no deadline, and the page says so rather than inventing one.
    expect(body).toContain('Hạn bổ sung Thủ tục này không quy định hạn bổ sung')
    // The clock: paused since the request, never counting down.
    expect(body).toContain(`Thời hạn giải quyết Tạm dừng từ ${formatDateTime(askedAt, 'vi')}`)
    expect(body).toContain(`${formatDate(await dueAt(), 'vi')} (tạm dừng từ ${formatDateTime(askedAt, 'vi')}`)
    expect(body).not.toMatch(/còn \d+ ngày làm việc/)
    expect(body).toContain('Bổ sung hồ sơ')
  })

  it('is in English too', async () => {
    const body = text(await (await citizen.get(`/dossiers/${code}?lng=en`)).text())
    expect(body).toContain('The agency asks you to supplement your dossier')
    expect(body).toContain('This procedure sets no deadline for the answer')
    expect(body).toContain(`Paused since ${formatDateTime(askedAt, 'en')}`)
    await citizen.get(`/dossiers/${code}?lng=vi`)
  })
})

describe('after the answer', () => {
  it('shows the new appointment date and a timeline row saying it moved and why', async () => {
    const before = await dueAt()
    const upload = await citizen.request(`/dossiers/${code}/supplement`, {
      method: 'POST',
      body: multipart([{ field: doc.key, bytes: pdf, name: 'ban-chup-ro.pdf' }]),
    })
    expect(upload.status).toBe(302)
    expect(
      (await citizen.post(`/dossiers/${code}/supplement`, { purpose: 'Nộp cho công ty ABC' })).status,
    ).toBe(302)
    const after = await dueAt()
    const event = await t.db
      .selectFrom('dossier_events')
      .select('data')
      .where('dossier_id', '=', dossierId)
      .where('action', '=', 'supplement')
      .executeTakeFirstOrThrow()
    const days = event.data.pausedWorkingDays as number
    expect(days).toBeGreaterThan(0)
    expect(after.getTime()).toBeGreaterThan(before.getTime())

    const body = await page(`/dossiers/${code}`)
    expect(body).not.toContain('Cơ quan yêu cầu bổ sung hồ sơ')
    expect(body).toContain(`Ngày hẹn trả kết quả ${formatDate(after, 'vi')} (`)
    expect(body).toContain(
      `Ngày hẹn trả kết quả dời từ ${formatDate(before, 'vi')} sang ${formatDate(after, 'vi')}: hồ sơ chờ bổ sung ${days} ngày làm việc`,
    )
  })

  it('lists the replaced document once under its name, the old file marked as replaced', async () => {
    const body = await page(`/dossiers/${code}`)
    const documents = body.slice(body.indexOf('Giấy tờ đã nộp'), body.indexOf('Thông tin đã khai'))
    expect(documents.split(`${doc.name}:`).length - 1).toBe(1)
    expect(documents).toContain('ban-chup-ro.pdf')
    expect(documents).toMatch(new RegExp(`Đã thay thế ${doc.key}\\.pdf — được thay bằng bản bổ sung ngày`))
  })

  it('shows the day the result was returned once the dossier is completed', async () => {
    const returnedAt = new Date('2026-12-01T08:30:00Z')
    await t.db
      .updateTable('dossiers')
      .set({ status: 'completed', completed_at: returnedAt })
      .where('id', '=', dossierId)
      .execute()
    const body = await page(`/dossiers/${code}`)
    expect(body).toContain(`Ngày trả kết quả ${formatDateTime(returnedAt, 'vi')}`)
    expect(body).not.toMatch(/còn \d+ ngày làm việc/)
  })
})

describe('several documents in one upload', () => {
  let c: Client
  let keys: string[]
  const apply = `/procedures/${JUDICIAL}/apply`
  const rows = async (applicant: string) =>
    (
      await t.db
        .selectFrom('dossier_files as f')
        .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
        .select(['f.requirement_key', 'f.original_name'])
        .where('d.applicant_id', '=', applicant)
        .orderBy('f.requirement_key')
        .execute()
    ).map((r) => `${r.requirement_key}=${r.original_name}`)
  let applicant: string

  beforeAll(async () => {
    const person = await createCitizen(t.db, 'Lê Thị Nhiều Tệp', await hashPassword(password))
    applicant = person.id
    c = app.client()
    await c.login(person.email, password)
    expect((await c.post(apply, {})).status).toBe(302)
    const procedure = await t.db
      .selectFrom('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .select('v.documents')
      .where('p.code', '=', JUDICIAL)
      .orderBy('v.version', 'desc')
      .executeTakeFirstOrThrow()
    keys = (procedure.documents as { key: string }[]).map((d) => d.key).slice(0, 2)
    expect(keys).toHaveLength(2)
  })

  it('shows one form for every document, with one upload button', async () => {
    const res = await c.get(`${apply}/documents`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.match(/enctype="multipart\/form-data"/gi)).toHaveLength(1)
    expect(html.match(/type="file"/g)!.length).toBeGreaterThanOrEqual(2)
    expect(html).toContain('bấm “Tải lên” một lần')
  })

  it('stores every good file of one request', async () => {
    const res = await c.request(`${apply}/documents`, {
      method: 'POST',
      body: multipart([
        { field: keys[0], bytes: pdf, name: 'mot.pdf' },
        { field: keys[1], bytes: pdf, name: 'hai.pdf' },
      ]),
    })
    expect(res.status).toBe(302)
    expect(await rows(applicant)).toEqual([`${keys[0]}=mot.pdf`, `${keys[1]}=hai.pdf`].sort())
  })

  it('refuses the whole request when one file is bad, naming it, and keeps what was there', async () => {
    const res = await c.request(`${apply}/documents`, {
      method: 'POST',
      body: multipart([
        { field: keys[0], bytes: pdf, name: 'mot-moi.pdf' },
        { field: keys[1], bytes: exe, name: 'hai-moi.pdf' },
      ]),
    })
    expect(res.status).toBe(415)
    // The script that sent it by XMLHttpRequest reads the refusal from the headers.
    expect(res.headers.get('x-upload-error')).toBe('dossier:documents.errors.type')
    expect(res.headers.get('x-upload-field')).toBe(keys[1])
    const body = text(await res.text())
    expect(body).toContain('Tệp không đúng định dạng cho phép')
    expect(body).toContain('Không tệp nào trong lần tải lên này được lưu')
    expect(await rows(applicant)).toEqual([`${keys[0]}=mot.pdf`, `${keys[1]}=hai.pdf`].sort())
  })
})
