import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { getProcedure } from '../../app/modules/catalogue/catalogue.server'
import { loadHolidays } from '../../app/modules/calendar/holidays.server'
import { startDraft } from '../../app/modules/dossiers/drafts.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { parseFormDefinition, parseRequiredDocuments } from '../../app/modules/forms/definition'
import { dueDate } from '../../app/modules/workflow/clock'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { JUDICIAL, completeJudicialDraft, createCitizen } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

const staffPassword = 'CanBo@2026'

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let adminUbq1: Client
let adminStp: Client
let adminCity: Client

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
  adminUbq1 = app.client()
  adminStp = app.client()
  adminCity = app.client()
  await adminCity.login('admin.city@example.gov.vn', staffPassword)
  await adminUbq1.login('admin.ubq1@example.gov.vn', staffPassword)
  await adminStp.login('admin.stp@example.gov.vn', staffPassword)
})
afterAll(async () => {
  await app.close()
  await t.drop()
})

/** The page's text as a person reads it (React escapes quotes and ampersands in text). */
const text = async (res: Response) =>
  (await res.text())
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** A form post with repeated keys (checkboxes), which Client.post's record cannot express. */
const postPairs = (client: Client, path: string, pairs: [string, string][]) =>
  client.request(path, {
    method: 'POST',
    body: new URLSearchParams(pairs),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })

const userId = async (email: string) =>
  (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
const rolesOf = async (id: string) =>
  (
    await t.db
      .selectFrom('staff_roles as r')
      .innerJoin('agencies as a', 'a.id', 'r.agency_id')
      .select(['a.code', 'r.role'])
      .where('r.user_id', '=', id)
      .orderBy('a.code')
      .orderBy('r.role')
      .execute()
  ).map((r) => `${r.code}:${r.role}`)
const audit = (action: string, target: string) =>
  t.db
    .selectFrom('admin_audit')
    .selectAll()
    .where('action', '=', action)
    .where('target', '=', target)
    .orderBy('id')
    .execute()

describe('holidays', () => {
  it('the city administrator adds a holiday (the legal clock then skips it) and removes it; each change is audited', async () => {
    const list = await adminCity.get('/admin/holidays?year=2027')
    expect(list.status).toBe(200)
    expect(await list.text()).toContain('Ngày nghỉ lễ năm 2027')
    // The calendar is city-wide: a district's administrator reads it but cannot change it.
    const district = await adminUbq1.get('/admin/holidays?year=2027')
    expect(district.status).toBe(200)
    const districtHtml = await text(district)
    expect(districtHtml).toContain('chỉ quản trị viên cấp thành phố được thêm hoặc bỏ ngày nghỉ')
    expect(districtHtml).not.toContain('name="nameVi"')
    expect(
      (
        await adminUbq1.post('/admin/holidays', {
          intent: 'add',
          date: '2027-06-15',
          nameVi: 'Không được thêm',
          nameEn: 'Not allowed',
        })
      ).status,
    ).toBe(403)
    expect(await audit('holiday.add', '2027-06-15')).toEqual([])

    // Monday 14 June 2027, one processing day: due on Tuesday 15 June…
    const receivedAt = new Date('2027-06-14T09:00:00+07:00')
    expect(dueDate(receivedAt, 1, await loadHolidays(t.db, 2027, 2027)).toISOString()).toBe(
      '2027-06-15T10:00:00.000Z',
    )
    const added = await adminCity.post('/admin/holidays', {
      intent: 'add',
      date: '2027-06-15',
      nameVi: 'Ngày nghỉ thử nghiệm',
      nameEn: 'Test holiday',
    })
    expect(added.status).toBe(302)
    expect(added.headers.get('location')).toBe('/admin/holidays?year=2027&added=2027-06-15')
    const page = await (await adminCity.get('/admin/holidays?year=2027&added=2027-06-15')).text()
    expect(page).toContain('Ngày nghỉ thử nghiệm')
    expect(page).toContain('Đã thêm ngày nghỉ')
    // …and once 15 June is a holiday, on Wednesday 16 June.
    expect(dueDate(receivedAt, 1, await loadHolidays(t.db, 2027, 2027)).toISOString()).toBe(
      '2027-06-16T10:00:00.000Z',
    )
    const adminId = await userId('admin.city@example.gov.vn')
    expect(await audit('holiday.add', '2027-06-15')).toMatchObject([
      {
        actor_id: adminId,
        agency_id: null,
        data: { nameVi: 'Ngày nghỉ thử nghiệm', nameEn: 'Test holiday' },
      },
    ])

    const again = await adminCity.post('/admin/holidays', {
      intent: 'add',
      date: '2027-06-15',
      nameVi: 'Lần hai',
      nameEn: 'Twice',
    })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Ngày này đã có trong lịch nghỉ lễ.')
    const invalid = await adminCity.post('/admin/holidays', {
      intent: 'add',
      date: '2027-02-30',
      nameVi: '',
      nameEn: 'x',
    })
    expect(invalid.status).toBe(400)
    const invalidHtml = await invalid.text()
    expect(invalidHtml).toContain('Nhập ngày đúng dạng năm-tháng-ngày')
    expect(invalidHtml).toContain('Vui lòng nhập thông tin này.')

    const removed = await adminCity.post('/admin/holidays', { intent: 'remove', date: '2027-06-15' })
    expect(removed.status).toBe(302)
    expect(
      await t.db.selectFrom('holidays').select('date').where('date', '=', '2027-06-15').execute(),
    ).toEqual([])
    expect(dueDate(receivedAt, 1, await loadHolidays(t.db, 2027, 2027)).toISOString()).toBe(
      '2027-06-15T10:00:00.000Z',
    )
    expect(await audit('holiday.remove', '2027-06-15')).toHaveLength(1)
    // A second click changes nothing and writes nothing.
    expect((await adminCity.post('/admin/holidays', { intent: 'remove', date: '2027-06-15' })).status).toBe(
      302,
    )
    expect(await audit('holiday.remove', '2027-06-15')).toHaveLength(1)
  })

  it('keeps the audit append-only', async () => {
    await expect(sql`UPDATE admin_audit SET target = 'x'`.execute(t.db)).rejects.toThrow(/append-only/)
    await expect(sql`DELETE FROM admin_audit`.execute(t.db)).rejects.toThrow(/append-only/)
  })
})

describe('staff accounts', () => {
  it('creates a staff account (validated like registration) that logs in; a granted role opens /officer', async () => {
    const email = `moi.${Date.now()}@ubq1.example.gov.vn`
    const weak = await adminUbq1.post('/admin/staff', {
      intent: 'create',
      agency: 'UBQ1',
      fullName: 'Trần Văn Mới',
      email,
      password: 'ngan',
      role: 'finance',
    })
    expect(weak.status).toBe(400)
    expect(await weak.text()).toContain('Mật khẩu phải có ít nhất 8 ký tự.')
    const password = 'cay bang xanh 2026'
    const created = await adminUbq1.post('/admin/staff', {
      intent: 'create',
      agency: 'UBQ1',
      fullName: 'Trần Văn Mới',
      email,
      password,
      role: 'finance',
    })
    expect(created.status).toBe(302)
    const user = await t.db
      .selectFrom('users')
      .select(['id', 'kind', 'password_hash'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    expect(user.kind).toBe('staff')
    expect(user.password_hash).toMatch(/^\$argon2id\$/)
    expect(await rolesOf(user.id)).toEqual(['UBQ1:finance'])
    expect(await audit('staff.create', email)).toHaveLength(1)
    expect(await (await adminUbq1.get('/admin/staff')).text()).toContain(email)

    const duplicate = await adminUbq1.post('/admin/staff', {
      intent: 'create',
      agency: 'UBQ1',
      fullName: 'Người Khác',
      email,
      password,
      role: 'reception',
    })
    expect(duplicate.status).toBe(409)
    expect(await duplicate.text()).toContain('Địa chỉ thư điện tử này đã được dùng cho một tài khoản khác.')

    const newcomer = app.client()
    const login = await newcomer.login(email, password)
    expect(login.headers.get('location')).toBe('/finance')
    expect((await newcomer.get('/officer')).status).toBe(403)

    const granted = await postPairs(adminUbq1, '/admin/staff', [
      ['intent', 'roles'],
      ['agency', 'UBQ1'],
      ['userId', user.id],
      ['roles', 'finance'],
      ['roles', 'reception'],
    ])
    expect(granted.status).toBe(302)
    expect(await rolesOf(user.id)).toEqual(['UBQ1:finance', 'UBQ1:reception'])
    expect(await audit('role.grant', email)).toMatchObject([{ data: { role: 'reception' } }])
    expect((await newcomer.get('/officer')).status).toBe(200)

    const revoked = await postPairs(adminUbq1, '/admin/staff', [
      ['intent', 'roles'],
      ['agency', 'UBQ1'],
      ['userId', user.id],
      ['roles', 'reception'],
    ])
    expect(revoked.status).toBe(302)
    expect(await rolesOf(user.id)).toEqual(['UBQ1:reception'])
    expect(await audit('role.revoke', email)).toMatchObject([{ data: { role: 'finance' } }])
    expect((await newcomer.get('/finance')).status).toBe(403)
  })

  it('an admin cannot revoke their own admin role', async () => {
    const me = await userId('admin.ubq1@example.gov.vn')
    const res = await postPairs(adminUbq1, '/admin/staff', [
      ['intent', 'roles'],
      ['agency', 'UBQ1'],
      ['userId', me],
      ['roles', 'approver'],
    ])
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Bạn không thể tự thu hồi vai trò quản trị của mình.')
    expect(await rolesOf(me)).toEqual(['UBQ1:admin'])
  })

  it('an admin of UBQ1 cannot see or edit STP staff', async () => {
    const page = await (await adminUbq1.get('/admin/staff')).text()
    expect(page).toContain('reception.ubq1@example.gov.vn')
    expect(page).not.toContain('reception.stp@example.gov.vn')
    expect((await adminUbq1.get('/admin/staff?agency=STP')).status).toBe(403)

    const stpReception = await userId('reception.stp@example.gov.vn')
    const before = await rolesOf(stpReception)
    const inOwnAgency = await postPairs(adminUbq1, '/admin/staff', [
      ['intent', 'roles'],
      ['agency', 'UBQ1'],
      ['userId', stpReception],
      ['roles', 'admin'],
    ])
    expect(inOwnAgency.status).toBe(404)
    const inStp = await postPairs(adminUbq1, '/admin/staff', [
      ['intent', 'roles'],
      ['agency', 'STP'],
      ['userId', stpReception],
    ])
    expect(inStp.status).toBe(403)
    const createInStp = await adminUbq1.post('/admin/staff', {
      intent: 'create',
      agency: 'STP',
      fullName: 'Không Được Tạo',
      email: 'khong.duoc@example.gov.vn',
      password: 'cay bang xanh 2026',
      role: 'reception',
    })
    expect(createInStp.status).toBe(403)
    expect(await rolesOf(stpReception)).toEqual(before)
    expect(
      await t.db.selectFrom('users').select('id').where('email', '=', 'khong.duoc@example.gov.vn').execute(),
    ).toEqual([])
    // The STP administrator does see them.
    expect(await (await adminStp.get('/admin/staff')).text()).toContain('reception.stp@example.gov.vn')
  })
})

describe('agencies', () => {
  it('an admin creates and edits agencies under their own, and nothing outside it', async () => {
    const list = await (await adminUbq1.get('/admin/agencies')).text()
    expect(list).toContain('STP')
    expect(list).toContain('href="/admin/agencies?edit=PBN"')
    expect(list).not.toContain('href="/admin/agencies?edit=STP"')

    const bad = await adminUbq1.post('/admin/agencies', {
      intent: 'create',
      code: 'x',
      nameVi: 'Phường Thử',
      nameEn: 'Test Ward',
      parent: 'UBQ1',
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Mã cơ quan gồm 2 đến 8 chữ cái in hoa')
    const outside = await adminUbq1.post('/admin/agencies', {
      intent: 'create',
      code: 'PTHU',
      nameVi: 'Phường Thử',
      nameEn: 'Test Ward',
      parent: 'STP',
    })
    expect(outside.status).toBe(422)
    const created = await adminUbq1.post('/admin/agencies', {
      intent: 'create',
      code: 'pthu',
      nameVi: 'Phường Thử',
      nameEn: 'Test Ward',
      parent: 'PBN',
    })
    expect(created.status).toBe(302)
    const row = await t.db
      .selectFrom('agencies as a')
      .innerJoin('agencies as p', 'p.id', 'a.parent_id')
      .select(['a.name_vi', 'p.code as parent'])
      .where('a.code', '=', 'PTHU')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ name_vi: 'Phường Thử', parent: 'PBN' })
    expect(await audit('agency.create', 'PTHU')).toHaveLength(1)
    const taken = await adminUbq1.post('/admin/agencies', {
      intent: 'create',
      code: 'STP',
      nameVi: 'Trùng',
      nameEn: 'Duplicate',
      parent: 'UBQ1',
    })
    expect(taken.status).toBe(409)

    // Moved up under UBQ1; not under itself.
    const moved = await adminUbq1.post('/admin/agencies', {
      intent: 'update',
      code: 'PTHU',
      nameVi: 'Phường Thử Mới',
      nameEn: 'New Test Ward',
      parent: 'UBQ1',
    })
    expect(moved.status).toBe(302)
    const cycle = await adminUbq1.post('/admin/agencies', {
      intent: 'update',
      code: 'PTHU',
      nameVi: 'Phường Thử Mới',
      nameEn: 'New Test Ward',
      parent: 'PTHU',
    })
    expect(cycle.status).toBe(422)
    // Their own agency keeps its parent; another agency is not found.
    const own = await adminUbq1.post('/admin/agencies', {
      intent: 'update',
      code: 'UBQ1',
      nameVi: 'UBND Quận 1',
      nameEn: 'District 1 People’s Committee',
      parent: 'UBQ1',
    })
    expect(own.status).toBe(422)
    expect((await adminUbq1.get('/admin/agencies?edit=STP')).status).toBe(404)
    const stp = await adminUbq1.post('/admin/agencies', {
      intent: 'update',
      code: 'STP',
      nameVi: 'Đổi tên',
      nameEn: 'Renamed',
      parent: 'TP',
    })
    expect(stp.status).toBe(404)
    expect(
      (
        await t.db
          .selectFrom('agencies')
          .select('name_vi')
          .where('code', '=', 'STP')
          .executeTakeFirstOrThrow()
      ).name_vi,
    ).not.toBe('Đổi tên')
  })
})

describe('procedure versions', () => {
  const latest = async () => {
    const procedure = (await getProcedure(t.db, JUDICIAL))!
    return procedure
  }
  const versionCount = async () =>
    (
      await t.db
        .selectFrom('procedure_versions as v')
        .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('p.code', '=', JUDICIAL)
        .executeTakeFirstOrThrow()
    ).n

  it('refuses a bad definition with the exact errors and inserts nothing', async () => {
    const current = await latest()
    const page = await text(await adminStp.get(`/admin/procedures/${JUDICIAL}`))
    expect(page).toContain('"sections"')
    const before = await versionCount()

    const badForm = structuredClone(current.form) as { sections: { fields: { key: string }[] }[] }
    badForm.sections[0].fields[0].key = 'Full_Name'
    const badDocuments = structuredClone(current.documents) as { accept: string[] }[]
    badDocuments[0].accept = []
    const expected = [
      ...(parseFormDefinition(badForm) as { errors: string[] }).errors,
      ...(parseRequiredDocuments(badDocuments) as { errors: string[] }).errors,
    ]
    expect(expected).toHaveLength(2)
    const res = await adminStp.post(`/admin/procedures/${JUDICIAL}`, {
      form: JSON.stringify(badForm, null, 2),
      documents: JSON.stringify(badDocuments),
    })
    expect(res.status).toBe(422)
    const html = await text(res)
    expect(html).toContain('Chưa công bố: nội dung có lỗi')
    for (const message of expected) expect(html).toContain(message)
    expect(html).toContain('sections[0].fields[0].key: must be a camelCase identifier')
    expect(html).toContain('documents[0].accept: at least one MIME type')

    // Rules that span fields are reported once the shape is right, with the same exact wording.
    const duplicate = structuredClone(current.form) as { sections: { fields: { key: string }[] }[] }
    duplicate.sections[0].fields[1].key = duplicate.sections[0].fields[2].key
    const [duplicateMessage] = (parseFormDefinition(duplicate) as { errors: string[] }).errors
    expect(duplicateMessage).toMatch(
      /^sections\[0\]\.fields\[2\]\.key: duplicate key "\w+" \(already used at sections\[0\]\.fields\[1\]\)$/,
    )
    const duplicateRes = await adminStp.post(`/admin/procedures/${JUDICIAL}`, {
      form: JSON.stringify(duplicate),
      documents: JSON.stringify(current.documents),
    })
    expect(duplicateRes.status).toBe(422)
    expect(await text(duplicateRes)).toContain(duplicateMessage)

    const notJson = await adminStp.post(`/admin/procedures/${JUDICIAL}`, {
      form: '{ "sections": [',
      documents: JSON.stringify(current.documents),
    })
    expect(notJson.status).toBe(422)
    expect(await text(notJson)).toContain('definition: not valid JSON')
    expect(await versionCount()).toBe(before)
    expect(await audit('procedure.publish', JUDICIAL)).toEqual([])
  })

  it('refuses a form without the number field that a per-unit fee counts, with a translated message', async () => {
    const EXTRACT = '2.000635.000.00.00.H56' // 8 000 ₫ per copy, counted in the field `copies`
    const current = (await getProcedure(t.db, EXTRACT))!
    expect(current.fee_policy).toMatchObject({ kind: 'per_unit', unitField: 'copies' })
    const versions = async () =>
      (
        await t.db
          .selectFrom('procedure_versions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('procedure_id', '=', current.id)
          .executeTakeFirstOrThrow()
      ).n
    const before = await versions()

    // `copies` becomes a text field: the definition itself is valid, only the fee cannot count from it.
    const form = structuredClone(current.form)
    const section = form.sections.find((s) => s.fields.some((f) => f.key === 'copies'))!
    section.fields = section.fields.map((f) =>
      f.key === 'copies' ? { key: f.key, label: f.label, required: f.required, type: 'text' } : f,
    )
    expect(parseFormDefinition(form)).toMatchObject({ ok: true })
    const post = (client: Client, query = '') =>
      client.post(`/admin/procedures/${EXTRACT}${query}`, {
        form: JSON.stringify(form),
        documents: JSON.stringify(current.documents),
      })

    const res = await post(adminUbq1) // the ward PBN lies under UBQ1
    expect(res.status).toBe(422)
    const html = await text(res)
    expect(html).toContain('Chưa công bố: nội dung có lỗi')
    expect(html).toContain('Lệ phí thu theo bản: tờ khai phải có trường số “copies” (không nằm trong nhóm)')
    expect(await versions()).toBe(before)
    expect(await audit('procedure.publish', EXTRACT)).toEqual([])

    const english = app.client() // ?lng= sets the language cookie: a browser of its own
    await english.login('admin.ubq1@example.gov.vn', staffPassword)
    expect(await text(await post(english, '?lng=en'))).toContain(
      'The fee is charged per copy: the form must have a number field “copies” (not inside a group)',
    )
  })

  it('publishes a good one as version 2: a new draft uses it, a dossier filed before keeps version 1', async () => {
    const v1 = await latest()
    expect(v1.version).toBe(1)
    const oldApplicant = await createCitizen(t.db)
    const { draftId: oldDossier, procedure } = await completeJudicialDraft(t.db, oldApplicant.id)
    await submitDraft(t.db, {
      applicantId: oldApplicant.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })

    const form = structuredClone(v1.form) as { sections: { title: { vi: string } }[] }
    form.sections[0].title.vi = 'Thông tin người yêu cầu (mẫu mới)'
    const res = await adminStp.post(`/admin/procedures/${JUDICIAL}`, {
      form: JSON.stringify(form, null, 2),
      documents: JSON.stringify(v1.documents, null, 2),
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/admin/procedures/${JUDICIAL}?published=2`)
    const adminId = await userId('admin.stp@example.gov.vn')
    const v2 = await latest()
    expect(v2.version).toBe(2)
    expect((v2.form as typeof form).sections[0].title.vi).toBe('Thông tin người yêu cầu (mẫu mới)')
    const row = await t.db
      .selectFrom('procedure_versions')
      .select(['created_by', 'published_at'])
      .where('id', '=', v2.version_id)
      .executeTakeFirstOrThrow()
    expect(row.created_by).toBe(adminId)
    expect(row.published_at).toBeInstanceOf(Date)
    expect(await audit('procedure.publish', JUDICIAL)).toMatchObject([
      { actor_id: adminId, data: { version: 2 } },
    ])
    expect(await text(await adminStp.get(`/admin/procedures/${JUDICIAL}?published=2`))).toContain(
      'Đã công bố phiên bản 2.',
    )

    const newApplicant = await createCitizen(t.db)
    const newDraft = await startDraft(t.db, newApplicant.id, v2)
    const versionOf = async (id: string) =>
      (
        await t.db
          .selectFrom('dossiers')
          .select('procedure_version_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).procedure_version_id
    expect(await versionOf(newDraft)).toBe(v2.version_id)
    expect(await versionOf(oldDossier)).toBe(v1.version_id)
  })
})

describe('access', () => {
  const pages = [
    '/admin',
    '/admin/agencies',
    '/admin/staff',
    '/admin/holidays',
    '/admin/procedures',
    `/admin/procedures/${JUDICIAL}`,
  ]

  it('a non-admin gets 403 on every admin page, and their posts change nothing', async () => {
    for (const email of [
      'reception.stp@example.gov.vn',
      'approver.ubq1@example.gov.vn',
      'finance.stp@example.gov.vn',
    ]) {
      const c = app.client()
      await c.login(email, staffPassword)
      for (const path of pages) expect((await c.get(path)).status, `${email} ${path}`).toBe(403)
      expect(
        (
          await c.post('/admin/holidays', {
            intent: 'add',
            date: '2027-08-20',
            nameVi: 'Không',
            nameEn: 'No',
          })
        ).status,
      ).toBe(403)
      expect((await c.post(`/admin/procedures/${JUDICIAL}`, { form: '{}', documents: '[]' })).status).toBe(
        403,
      )
    }
    const citizen = app.client()
    await citizen.login('congdan@example.vn', 'CongDan@2026')
    for (const path of pages) expect((await citizen.get(path)).status, `citizen ${path}`).toBe(403)
    const anonymous = app.client()
    for (const path of pages) {
      const res = await anonymous.get(path)
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
    }
    expect(
      await t.db.selectFrom('holidays').select('date').where('date', '=', '2027-08-20').execute(),
    ).toEqual([])
  })

  it("the admin home shows the admin's roles, the counts and the latest changes", async () => {
    const html = await (await adminUbq1.get('/admin')).text()
    expect(html).toContain('Quản trị')
    expect(html).toContain('Ủy ban nhân dân Quận 1 (UBQ1)')
    expect(html).toContain('href="/admin/staff"')
    expect(html).toContain('href="/dashboard"')
    expect(html).toContain('Ngày nghỉ lễ đã khai báo')
    expect(html).toContain('Thay đổi gần đây')
    expect(html).toContain('Thêm ngày nghỉ lễ')
  })
})
