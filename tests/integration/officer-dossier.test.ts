import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { loadHolidays } from '../../app/modules/calendar/holidays.server'
import { vnDay } from '../../app/modules/calendar/vietnam-time'
import { getProcedure } from '../../app/modules/catalogue/catalogue.server'
import { saveDelivery, saveSection, startDraft } from '../../app/modules/dossiers/drafts.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { allFields, type FormDefinition } from '../../app/modules/forms/definition'
import { NOTIFICATION_QUEUE } from '../../app/modules/notifications/boss.server'
import { extendForPause, nthWorkingDayAfter, pausedWorkingDays } from '../../app/modules/workflow/clock'
import { performTransition, systemActor } from '../../app/modules/workflow/perform.server'
import { demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { BUILDING, completeJudicialDraft, createCitizen } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

const password = 'mat khau rat dai 2026'
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const CONFLICT = 'Hồ sơ này vừa được thay đổi'

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
const staff: Record<string, Client> = {}
let requiredDoc: string

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
  for (const who of ['reception', 'specialist', 'approver'])
    for (const agency of ['stp', 'ubq1']) {
      const c = app.client()
      await c.login(`${who}.${agency}@example.gov.vn`, demoPasswords.staff)
      staff[`${who}.${agency}`] = c
    }
}, 120_000)
afterAll(async () => {
  await app?.close()
  await t?.drop()
})

// ---------------------------------------------------------------------------------------------------------------
// Dossiers to act on
// ---------------------------------------------------------------------------------------------------------------

async function citizen() {
  const row = await createCitizen(t.db, 'Nguyễn Thị Mai', await hashPassword(password))
  const client = app.client()
  await client.login(row.email, password)
  return { ...row, client }
}

/** A judicial-record dossier (STP, level 4) in `submitted`: filed, its online fee paid, `pay` performed. */
async function submittedJudicial() {
  const applicant = await citizen()
  const { procedure, draftId } = await completeJudicialDraft(t.db, applicant.id)
  requiredDoc ??= procedure.documents.find((d) => d.required)!.key
  const { code } = await submitDraft(t.db, {
    applicantId: applicant.id,
    procedureId: procedure.id,
    token: randomUUID(),
    declared: true,
    lng: 'vi',
  })
  await t.db
    .updateTable('fees')
    .set({ status: 'paid', paid_at: new Date() })
    .where('dossier_id', '=', draftId)
    .execute()
  await performTransition(t.db, { dossierCode: code, action: 'pay', actor: systemActor })
  return { code, id: draftId, applicant }
}

const buildingAnswers: Record<string, unknown> = {
  applicantFullName: 'Nguyễn Thị Mai',
  applicantDateOfBirth: '1985-01-20',
  applicantCitizenId: '079185001234',
  applicantPhone: '0912345678',
  applicantAddress: { province: 'TP. Hồ Chí Minh', district: 'Quận 1', ward: 'Bến Nghé', street: '5 Lê Lợi' },
  landPlotNumber: '125',
  mapSheetNumber: '7',
  landArea: 80.5,
  worksAddress: { province: 'TP. Hồ Chí Minh', district: 'Quận 1', ward: 'Bến Nghé', street: '7 Lê Lợi' },
  floors: 3,
  basement: 'no',
  groundFloorArea: 70,
  totalFloorArea: 210,
  height: 12,
}

/** A building-permit dossier (UBQ1, level 3: the 75 000 ₫ fee is due at the counter) in `submitted`. */
async function submittedBuilding() {
  const applicant = await citizen()
  const procedure = (await getProcedure(t.db, BUILDING))!
  const draftId = await startDraft(t.db, applicant.id, procedure)
  for (const section of (procedure.form as FormDefinition).sections) {
    const keys = allFields({ sections: [section] }).map((f) => f.key)
    const values = Object.fromEntries(Object.entries(buildingAnswers).filter(([k]) => keys.includes(k)))
    await saveSection(t.db, draftId, applicant.id, { key: section.key, fieldKeys: keys }, values)
  }
  for (const doc of procedure.documents.filter((d) => d.required))
    await t.db
      .insertInto('dossier_files')
      .values({
        dossier_id: draftId,
        requirement_key: doc.key,
        original_name: `${doc.key}.pdf`,
        mime: 'application/pdf',
        size: 10,
        sha256: '0'.repeat(64),
        storage_key: `test/${randomUUID()}`,
        uploaded_by: applicant.id,
      })
      .execute()
  await saveDelivery(t.db, draftId, applicant.id, 'counter', null)
  const { code, status } = await submitDraft(t.db, {
    applicantId: applicant.id,
    procedureId: procedure.id,
    token: randomUUID(),
    declared: true,
    lng: 'vi',
  })
  expect(status).toBe('submitted')
  return { code, id: draftId, applicant }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and acting over HTTP
// ---------------------------------------------------------------------------------------------------------------

const state = async (id: string) => {
  const d = await t.db
    .selectFrom('dossiers')
    .select(['status', 'version', 'due_at', 'assignee_id', 'timeliness'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  const events = await t.db
    .selectFrom('dossier_events')
    .select(['action', 'actor_role', 'reason', 'citizen_visible'])
    .where('dossier_id', '=', id)
    .orderBy('id')
    .execute()
  return { ...d, events }
}
const jobs = async (dossierId: string, kind: string) =>
  (
    await sql<{ id: string }>`SELECT id FROM pgboss.job
      WHERE name = ${NOTIFICATION_QUEUE} AND data->>'dossierId' = ${dossierId} AND data->>'kind' = ${kind}`.execute(
      t.db,
    )
  ).rows.length

const pageOf = async (client: Client, code: string) => {
  const res = await client.get(`/officer/dossiers/${code}`)
  return { status: res.status, html: await res.text() }
}
/** The intents of the action forms on the page (the buttons this officer is offered). */
const offered = (html: string) =>
  [...html.matchAll(/name="intent" value="([a-z_]+)"/g)]
    .map((m) => m[1])
    .filter((i) => i !== 'message' && i !== 'note' && i !== 'check_document')

/** Posts one action's form with the version the page showed (or the one given). */
async function act(
  client: Client,
  d: { code: string; id: string },
  intent: string,
  fields: Record<string, string | string[]> = {},
  version?: number,
) {
  const body = new URLSearchParams({ intent, version: String(version ?? (await state(d.id)).version) })
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one)
  return client.request(`/officer/dossiers/${d.code}`, { method: 'POST', body })
}

/** Performs an action and checks it: a redirect, the expected status, exactly one new event by that role. */
async function step(
  client: Client,
  d: { code: string; id: string },
  intent: string,
  to: string,
  role: string,
  fields: Record<string, string | string[]> = {},
) {
  const before = await state(d.id)
  const res = await act(client, d, intent, fields)
  expect(
    res.status,
    `${intent}: ${res.status === 200 ? '' : await res.text().then((s) => s.slice(0, 300))}`,
  ).toBe(302)
  expect(res.headers.get('location')).toBe(`/officer/dossiers/${d.code}?done=${intent}`)
  const after = await state(d.id)
  expect(after.status).toBe(to)
  expect(after.version).toBe(before.version + 1)
  expect(after.events).toHaveLength(before.events.length + 1)
  expect(after.events.at(-1)).toMatchObject({ action: intent, actor_role: role })
  return after
}

function propose(client: Client, d: { code: string; id: string }, version: number, name: string) {
  const form = new FormData()
  form.append('intent', 'propose')
  form.append('version', String(version))
  form.append('note', 'Đủ điều kiện cấp Phiếu')
  form.append('result', new File([pdf], name, { type: 'application/pdf' }))
  return client.request(`/officer/dossiers/${d.code}`, { method: 'POST', body: form })
}

// ---------------------------------------------------------------------------------------------------------------

describe('who may open an officer dossier', () => {
  it('anonymous visitors are sent to login; citizens, even the applicant, get 403', async () => {
    const d = await submittedJudicial()
    const anon = await app.client().get(`/officer/dossiers/${d.code}`)
    expect(anon.status).toBe(302)
    expect(anon.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
    expect((await d.applicant.client.get(`/officer/dossiers/${d.code}`)).status).toBe(403)
    const before = await state(d.id)
    expect((await act(d.applicant.client, d, 'receive', {}, before.version)).status).toBe(403)
    expect(await state(d.id)).toEqual(before)
  })

  it('an officer of UBQ1 gets 404 on an STP dossier, its files and its forms, exactly like an unknown code', async () => {
    const d = await submittedJudicial()
    const file = await t.db
      .selectFrom('dossier_files')
      .select('id')
      .where('dossier_id', '=', d.id)
      .executeTakeFirstOrThrow()
    const other = staff['reception.ubq1']
    expect((await pageOf(other, d.code)).status).toBe(404)
    expect((await other.get(`/officer/dossiers/${d.code}/files/${file.id}`)).status).toBe(404)
    expect((await other.get(`/officer/dossiers/${d.code}/print/01`)).status).toBe(404)
    const before = await state(d.id)
    expect((await act(other, d, 'receive', {}, before.version)).status).toBe(404)
    expect((await other.post(`/officer/dossiers/${d.code}`, { intent: 'note', body: 'x' })).status).toBe(404)
    expect(await state(d.id)).toEqual(before)
    expect((await pageOf(other, 'STP-000000-0000')).status).toBe(404)
  })
})

describe('the officer page', () => {
  it('shows the applicant, the answers, the files and only the actions this officer may take now', async () => {
    const d = await submittedJudicial()
    const reception = await pageOf(staff['reception.stp'], d.code)
    expect(reception.status).toBe(200)
    expect(reception.html).toContain('Nguyễn Thị Mai')
    expect(reception.html).toContain(d.applicant.citizen_id!)
    expect(reception.html).toContain(d.applicant.email)
    expect(reception.html).toContain('Xin việc') // an answer of the form
    expect(reception.html).toContain(`/officer/dossiers/${d.code}/files/`)
    expect(reception.html).toMatch(/Nếu tiếp nhận bây giờ, ngày hẹn trả kết quả là/)
    expect(offered(reception.html).sort()).toEqual(['receive', 'refuse_intake', 'request_supplement'])
    // A specialist or an approver sees the dossier but has nothing to do on it yet: no "receive" button.
    for (const who of ['specialist.stp', 'approver.stp']) {
      const { status, html } = await pageOf(staff[who], d.code)
      expect(status).toBe(200)
      expect(offered(html)).toEqual([])
      expect(html).toContain('Bạn không có thao tác nào với hồ sơ ở bước này.')
    }
  })
})

describe('the workflow through the forms', () => {
  it('receive → assign → supplement asked and answered → propose → return → propose → approve → deliver', async () => {
    const d = await submittedJudicial()
    const reception = staff['reception.stp']
    const specialist = staff['specialist.stp']
    const approver = staff['approver.stp']

    const received = await step(reception, d, 'receive', 'received', 'reception')
    expect(received.due_at).toBeInstanceOf(Date)
    expect(await jobs(d.id, 'received')).toBe(1)
    const slip = await (await reception.get(`/officer/dossiers/${d.code}/print/01`)).text()
    expect(slip).toContain('Giấy tiếp nhận hồ sơ và hẹn trả kết quả')
    expect(slip).toContain(d.code)
    expect(slip).toContain('Sở Tư pháp')
    expect((await pageOf(reception, d.code)).html).toContain(`/officer/dossiers/${d.code}/print/01`)

    // Assign: a missing choice is a 422 with the field's message; then the specialist of the agency.
    const noChoice = await act(reception, d, 'assign', { assigneeId: '' })
    expect(noChoice.status).toBe(422)
    expect(await noChoice.text()).toContain('Hãy chọn chuyên viên xử lý.')
    const specialistId = (
      await t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'specialist.stp@example.gov.vn')
        .executeTakeFirstOrThrow()
    ).id
    expect((await pageOf(specialist, d.code)).html).not.toContain('value="request_supplement"')
    const assigned = await step(reception, d, 'assign', 'in_progress', 'reception', {
      assigneeId: specialistId,
    })
    expect(assigned.assignee_id).toBe(specialistId)
    expect(assigned.events.at(-1)!.citizen_visible).toBe(false)

    // The specialist asks for a document and an answer; a chosen item without a reason is refused first.
    expect(offered((await pageOf(specialist, d.code)).html).sort()).toEqual([
      'assess_fee',
      'propose',
      'request_supplement',
    ])
    const noReason = await act(specialist, d, 'request_supplement', {
      items: [`document:${requiredDoc}`, 'field:purpose'],
      [`reason:document:${requiredDoc}`]: 'Bản chụp bị mờ',
    })
    expect(noReason.status).toBe(422)
    expect(await noReason.text()).toContain('Ghi lý do cần bổ sung nội dung này.')
    await step(specialist, d, 'request_supplement', 'supplement_requested', 'specialist', {
      items: [`document:${requiredDoc}`, 'field:purpose'],
      [`reason:document:${requiredDoc}`]: 'Bản chụp bị mờ',
      'reason:field:purpose': 'Ghi rõ nơi nộp Phiếu',
    })
    expect(await jobs(d.id, 'supplement_requested')).toBe(1)
    const form02 = await (await specialist.get(`/officer/dossiers/${d.code}/print/02`)).text()
    expect(form02).toContain('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ')
    expect(form02).toContain('Bản chụp bị mờ')
    expect(form02).toContain('Mục đích sử dụng Phiếu')

    // The citizen answers a week later through their own page: the same workflow transition, as the applicant,
    // so the legal clock gives back the working days spent waiting.
    const pausedSince = new Date(Date.now() - 7 * 86_400_000)
    await t.db.updateTable('dossiers').set({ paused_since: pausedSince }).where('id', '=', d.id).execute()
    const dueBefore = (await state(d.id)).due_at!
    const upload = new FormData()
    upload.append(requiredDoc, new File([pdf], 'ban-chup-ro.pdf', { type: 'application/pdf' }))
    const c = d.applicant.client
    expect((await c.request(`/dossiers/${d.code}/supplement`, { method: 'POST', body: upload })).status).toBe(
      302,
    )
    const before = await state(d.id)
    expect((await c.post(`/dossiers/${d.code}/supplement`, { purpose: 'Nộp cho công ty ABC' })).status).toBe(
      302,
    )
    const answered = await state(d.id)
    expect(answered.status).toBe('in_progress')
    expect(answered.version).toBe(before.version + 1)
    expect(answered.events.slice(before.events.length)).toEqual([
      { action: 'supplement', actor_role: 'citizen', reason: null, citizen_visible: true },
    ])
    const year = new Date().getUTCFullYear()
    const holidays = await loadHolidays(t.db, year - 1, year + 2)
    const pausedDays = pausedWorkingDays(pausedSince, new Date(), holidays)
    expect(pausedDays).toBeGreaterThanOrEqual(3)
    expect(answered.due_at).toEqual(extendForPause(dueBefore, pausedDays, holidays))
    const clock = await t.db
      .selectFrom('dossiers')
      .select(['paused_since', 'paused_working_minutes'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow()
    expect(clock).toEqual({ paused_since: null, paused_working_minutes: pausedDays * 480 })

    // Propose with the draft result attached; the approver returns it, the specialist proposes again.
    const v1 = (await state(d.id)).version
    expect((await propose(specialist, d, v1, 'du-thao-1.pdf')).status).toBe(302)
    expect((await state(d.id)).status).toBe('awaiting_approval')
    expect(offered((await pageOf(approver, d.code)).html).sort()).toEqual([
      'approve',
      'refuse',
      'return_rework',
    ])
    expect(offered((await pageOf(specialist, d.code)).html)).toEqual([])
    await step(approver, d, 'return_rework', 'in_progress', 'approver', { reason: 'Kiểm tra lại mục đích' })
    expect((await propose(specialist, d, (await state(d.id)).version, 'du-thao-2.pdf')).status).toBe(302)
    const results = await t.db
      .selectFrom('dossier_files')
      .select(['id', 'original_name'])
      .where('dossier_id', '=', d.id)
      .where('requirement_key', '=', 'result')
      .execute()
    expect(results.map((r) => r.original_name)).toEqual(['du-thao-2.pdf'])

    // The draft downloads for officers of the agency only, as an attachment that cannot run.
    const download = await approver.get(`/officer/dossiers/${d.code}/files/${results[0].id}`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(download.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf)
    expect(
      (await staff['approver.ubq1'].get(`/officer/dossiers/${d.code}/files/${results[0].id}`)).status,
    ).toBe(404)

    await step(approver, d, 'approve', 'result_ready', 'approver')
    expect(await jobs(d.id, 'result_ready')).toBe(1)
    const done = await step(reception, d, 'deliver', 'completed', 'reception', { method: 'online' })
    expect(done.timeliness).toBe('early')
    expect(offered((await pageOf(reception, d.code)).html)).toEqual([])

    // The citizen's page shows the steps meant for them, not the internal ones.
    const citizenView = await (await c.get(`/dossiers/${d.code}`)).text()
    expect(citizenView).toContain('Đã trả kết quả')
    expect(citizenView).toContain('Tiếp nhận hồ sơ')
    expect(citizenView).not.toContain('Kiểm tra lại mục đích')
  })

  it('refuse at intake with a reason (Mẫu 03); without one it is a 422 and nothing changes', async () => {
    const d = await submittedJudicial()
    const reception = staff['reception.stp']
    const before = await state(d.id)
    const empty = await act(reception, d, 'refuse_intake', { reason: '  ' })
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Vui lòng nhập thông tin này.')
    expect(await state(d.id)).toEqual(before)
    const after = await step(reception, d, 'refuse_intake', 'refused_at_intake', 'reception', {
      reason: 'Không thuộc thẩm quyền giải quyết',
    })
    expect(after.events.at(-1)!.reason).toBe('Không thuộc thẩm quyền giải quyết')
    const form03 = await (await reception.get(`/officer/dossiers/${d.code}/print/03`)).text()
    expect(form03).toContain('Phiếu từ chối tiếp nhận, giải quyết hồ sơ')
    expect(form03).toContain('Không thuộc thẩm quyền giải quyết')
    expect(form03).toContain(d.code)
  })

  it('the approver refuses with a reason; a specialist assesses a fee in đồng', async () => {
    const reception = staff['reception.stp']
    const specialist = staff['specialist.stp']
    const specialistId = (
      await t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'specialist.stp@example.gov.vn')
        .executeTakeFirstOrThrow()
    ).id

    const a = await submittedJudicial()
    await step(reception, a, 'receive', 'received', 'reception')
    await step(reception, a, 'assign', 'in_progress', 'reception', { assigneeId: specialistId })
    expect((await propose(specialist, a, (await state(a.id)).version, 'du-thao.pdf')).status).toBe(302)
    await step(staff['approver.stp'], a, 'refuse', 'refused', 'approver', { reason: 'Không đủ điều kiện' })

    const b = await submittedJudicial()
    await step(reception, b, 'receive', 'received', 'reception')
    await step(reception, b, 'assign', 'in_progress', 'reception', { assigneeId: specialistId })
    const bad = await act(specialist, b, 'assess_fee', { amount: 'năm trăm' })
    expect(bad.status).toBe(422)
    await step(specialist, b, 'assess_fee', 'awaiting_payment', 'specialist', { amount: '500.000' })
    const fee = await t.db
      .selectFrom('fees')
      .select(['amount', 'status'])
      .where('dossier_id', '=', b.id)
      .where('kind', '=', 'assessed')
      .executeTakeFirstOrThrow()
    expect(fee).toEqual({ amount: 500000, status: 'due' })
  })

  it('reception records a counter payment on a level-3 dossier (the status stays, one event)', async () => {
    const d = await submittedBuilding()
    const reception = staff['reception.ubq1']
    expect(offered((await pageOf(reception, d.code)).html)).toContain('record_counter_payment')
    await step(reception, d, 'record_counter_payment', 'submitted', 'reception')
    const fees = await t.db
      .selectFrom('fees')
      .select(['id', 'status', 'paid_method'])
      .where('dossier_id', '=', d.id)
      .execute()
    expect(fees.map((f) => [f.status, f.paid_method])).toEqual([['paid', 'counter']])
    // Counter payments get their e-receipt too, in the agency's series, linked from the officer's page.
    const receipt = await t.db
      .selectFrom('receipts')
      .selectAll()
      .where('fee_id', '=', fees[0].id)
      .executeTakeFirstOrThrow()
    expect(receipt).toMatchObject({ method: 'counter', series: expect.stringMatching(/^UBQ1-\d{2}E$/) })
    expect((await pageOf(reception, d.code)).html).toContain(`/receipts/${receipt.id}`)
    expect(offered((await pageOf(reception, d.code)).html)).not.toContain('record_counter_payment')
    // STP's officers do not see UBQ1's dossier.
    expect((await pageOf(staff['reception.stp'], d.code)).status).toBe(404)
  })

  it('an overdue dossier gets an apology with a new working-day appointment (Mẫu 04), sent to the citizen', async () => {
    const d = await submittedJudicial()
    const reception = staff['reception.stp']
    await step(reception, d, 'receive', 'received', 'reception')
    expect(offered((await pageOf(reception, d.code)).html)).not.toContain('apologise')
    // Time passes: the due date is moved into the past.
    const legalDue = new Date(Date.now() - 3 * 86_400_000)
    await t.db.updateTable('dossiers').set({ due_at: legalDue }).where('id', '=', d.id).execute()
    const { html } = await pageOf(reception, d.code)
    expect(html).toContain('đã quá hạn')
    expect(offered(html)).toContain('apologise')

    const year = new Date().getUTCFullYear()
    const holidays = await loadHolidays(t.db, year - 1, year + 2)
    const today = vnDay(new Date())
    const newDay = nthWorkingDayAfter(today, 2, holidays)
    let weekend = nthWorkingDayAfter(today, 1, holidays)
    while ([1, 2, 3, 4, 5].includes(new Date(`${weekend}T00:00:00Z`).getUTCDay()))
      weekend = new Date(Date.parse(`${weekend}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

    const before = await state(d.id)
    const notWorking = await act(reception, d, 'apologise', {
      newAppointmentAt: weekend,
      reason: 'Chờ ý kiến cơ quan phối hợp',
    })
    expect(notWorking.status).toBe(422)
    expect(await notWorking.text()).toContain('Ngày hẹn mới phải là ngày làm việc')
    expect(await state(d.id)).toEqual(before)

    await step(reception, d, 'apologise', 'received', 'reception', {
      newAppointmentAt: newDay,
      reason: 'Chờ ý kiến cơ quan phối hợp',
    })
    expect(await jobs(d.id, 'apology')).toBe(1)
    expect((await state(d.id)).due_at).toEqual(legalDue)
    const form04 = await (await reception.get(`/officer/dossiers/${d.code}/print/04`)).text()
    expect(form04).toContain('Phiếu xin lỗi và hẹn lại ngày trả kết quả')
    expect(form04).toContain('Chờ ý kiến cơ quan phối hợp')
    // The new date in the circular's words ("ngày 03 tháng 12 năm 2026"), as Mẫu 04 prints it.
    const [y, m, dd] = newDay.split('-')
    expect(form04).toContain(`ngày ${dd} tháng ${m} năm ${y}`)
  })
})

describe('conflicts', () => {
  it('a stale version gets 409 with the translated "changed, reload" message, and nothing changes', async () => {
    const d = await submittedJudicial()
    const reception = staff['reception.stp']
    const { version } = await state(d.id)
    await step(reception, d, 'receive', 'received', 'reception')
    const before = await state(d.id)
    // Another tab, rendered before the reception, tries to refuse it.
    const res = await act(reception, d, 'refuse_intake', { reason: 'Trùng hồ sơ' }, version)
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain(CONFLICT)
    expect(html).toContain('Tải lại hồ sơ')
    expect(await state(d.id)).toEqual(before)
    // The same in English.
    const en = await act(reception, d, 'receive', {}, version)
    expect(en.status).toBe(409)
    const enPage = await reception.request(`/officer/dossiers/${d.code}?lng=en`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'receive', version: String(version) }),
    })
    expect(enPage.status).toBe(409)
    expect(await enPage.text()).toContain('This dossier has just changed')
    expect(await state(d.id)).toEqual(before)
  })
})

describe('messages and internal notes', () => {
  it('a message reaches the citizen; an internal note stays with staff', async () => {
    const d = await submittedJudicial()
    const reception = staff['reception.stp']
    expect(
      (
        await reception.post(`/officer/dossiers/${d.code}`, {
          intent: 'message',
          body: 'Vui lòng mang bản gốc',
        })
      ).status,
    ).toBe(302)
    expect(
      (await reception.post(`/officer/dossiers/${d.code}`, { intent: 'note', body: 'Đã gọi điện xác minh' }))
        .status,
    ).toBe(302)
    expect((await reception.post(`/officer/dossiers/${d.code}`, { intent: 'note', body: ' ' })).status).toBe(
      422,
    )
    const officerView = (await pageOf(staff['specialist.stp'], d.code)).html
    expect(officerView).toContain('Vui lòng mang bản gốc')
    expect(officerView).toContain('Đã gọi điện xác minh')
    const citizenView = await (await d.applicant.client.get(`/dossiers/${d.code}`)).text()
    expect(citizenView).toContain('Vui lòng mang bản gốc')
    expect(citizenView).not.toContain('Đã gọi điện xác minh')
  })
})

describe('conflict of interest', () => {
  it('does not let a staff account file a dossier: the start page says to use a citizen account, and posting is 403', async () => {
    const reception = staff['reception.stp']
    const page = await reception.get('/procedures/2.001417.000.00.00.H56/apply?lng=vi')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Tài khoản cán bộ chỉ dùng để xử lý hồ sơ')
    expect(html).not.toMatch(/<button[^>]*type="submit"[^>]*>Bắt đầu<\/button>/)
    const posted = await reception.post('/procedures/2.001417.000.00.00.H56/apply', {})
    expect(posted.status).toBe(403)
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'reception.stp@example.gov.vn')
      .executeTakeFirstOrThrow()
    const drafts = await t.db
      .selectFrom('dossiers')
      .select('id')
      .where('applicant_id', '=', user.id)
      .execute()
    expect(drafts).toEqual([])
  })

  it('shows an officer their own dossier without actions, and refuses the action over HTTP', async () => {
    const { code, id } = await submittedJudicial()
    const officer = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'reception.stp@example.gov.vn')
      .executeTakeFirstOrThrow()
    await t.db.updateTable('dossiers').set({ applicant_id: officer.id }).where('id', '=', id).execute()
    const page = await staff['reception.stp'].get(`/officer/dossiers/${code}?lng=vi`)
    const html = await page.text()
    expect(html).toContain('Bạn là người nộp hồ sơ này nên không được xử lý hồ sơ')
    expect(html).not.toContain('value="receive"')
    const { version } = await t.db
      .selectFrom('dossiers')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const res = await staff['reception.stp'].post(`/officer/dossiers/${code}`, {
      intent: 'receive',
      version: String(version),
    })
    expect(res.status).toBe(403)
    const after = await t.db
      .selectFrom('dossiers')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(after.status).toBe('submitted')
  })
})
