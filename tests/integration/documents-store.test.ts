import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { isPostalTracking, s10CheckDigit } from '../../app/modules/workflow/postal-tracking'
import { demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { DRIVING, drivingDraft, issuedLicence, samplePdf, storedFile } from '../setup/document-store'
import { completeJudicialDraft, createCitizen, submittedPaidJudicial } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

/**
 * The citizen's document store (issue 15 §3) and the delivery of results (§3, post): over real HTTP against the
 * production build and a real PostgreSQL.
 */

const password = 'kho du lieu cua toi 2026'
let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let reception: Client

const put = async (key: string, bytes: Buffer) => {
  await app.storage.put(key, Readable.from([bytes]))
}

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
  reception = app.client()
  await reception.login('reception.stp@example.gov.vn', demoPasswords.staff)
}, 120_000)
afterAll(async () => {
  await app?.close()
  await t?.drop()
})

async function citizen(name = 'Nguyễn Thị Mai') {
  const row = await createCitizen(t.db, name, await hashPassword(password))
  const client = app.client()
  await client.login(row.email, password)
  return { ...row, client }
}

async function staffMember(agencyCode: string, role: 'reception') {
  const agency = await t.db
    .selectFrom('agencies')
    .select('id')
    .where('code', '=', agencyCode)
    .executeTakeFirstOrThrow()
  const email = `${role}.${randomUUID().slice(0, 8)}@example.gov.vn`
  const user = await t.db
    .insertInto('users')
    .values({
      kind: 'staff',
      email,
      full_name: 'Cán bộ Một Cửa',
      password_hash: await hashPassword(password),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db.insertInto('staff_roles').values({ user_id: user.id, agency_id: agency.id, role }).execute()
  const client = app.client()
  await client.login(email, password)
  return client
}

const html = async (res: Response) => {
  expect(res.status).toBe(200)
  return res.text()
}

describe('/documents: what the citizen holds, and only theirs', () => {
  it('lists the results issued to them and the documents they filed, and downloads them', async () => {
    const a = await citizen()
    const b = await citizen('Phạm Văn B')
    const issued = await issuedLicence(t.db, put, a.id)
    const filed = await t.db
      .selectFrom('dossier_files')
      .select(['id', 'original_name'])
      .where('dossier_id', '=', issued.dossierId)
      .where('requirement_key', '<>', 'result')
      .execute()
    // A draft's file is not in the store (nothing was filed yet).
    const { draftId } = await drivingDraft(t.db, a.id)
    const draftOnly = await storedFile(t.db, put, {
      dossierId: draftId,
      key: 'request_form',
      name: 'ban-nhap-chua-nop.pdf',
      uploadedBy: a.id,
      bytes: samplePdf('draft'),
    })

    const page = await html(await a.client.get('/documents'))
    expect(page).toContain('Kho dữ liệu của tôi')
    expect(page).toContain('giay-phep-lai-xe.pdf')
    expect(page).toContain('Kết quả giải quyết')
    for (const f of filed) expect(page).toContain(f.original_name)
    expect(page).toContain(issued.code)
    expect(page).not.toContain('ban-nhap-chua-nop.pdf')
    expect(page).toContain(`href="/documents/${issued.result.id}"`)
    // Both languages.
    expect(await html(await a.client.get('/documents?lng=en'))).toContain('My documents')

    const download = await a.client.get(`/documents/${issued.result.id}`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-disposition')).toContain('attachment')
    expect(Buffer.from(await download.arrayBuffer()).equals(samplePdf('result'))).toBe(true)

    // Another citizen: nothing of A's is listed, and A's file ids are 404 as if they did not exist.
    const other = await html(await b.client.get('/documents'))
    expect(other).not.toContain('giay-phep-lai-xe.pdf')
    expect(other).not.toContain(issued.code)
    for (const id of [issued.result.id, filed[0].id, draftOnly.id]) {
      const res = await b.client.get(`/documents/${id}`)
      await res.arrayBuffer()
      expect(res.status, id).toBe(404)
    }
    // A's own draft file is not a store document either.
    const own = await a.client.get(`/documents/${draftOnly.id}`)
    await own.arrayBuffer()
    expect(own.status).toBe(404)
    // Anonymous: sign in first.
    const anon = await app.client().get('/documents')
    expect(anon.status).toBe(302)
    expect(anon.headers.get('location')).toMatch(/^\/login/)
  })

  it('keeps a result out of the store until it is approved', async () => {
    const a = await citizen()
    const issued = await issuedLicence(t.db, put, a.id)
    await t.db
      .updateTable('dossiers')
      .set({ status: 'awaiting_approval' })
      .where('id', '=', issued.dossierId)
      .execute()
    expect(await html(await a.client.get('/documents'))).not.toContain('giay-phep-lai-xe.pdf')
    const res = await a.client.get(`/documents/${issued.result.id}`)
    await res.arrayBuffer()
    expect(res.status).toBe(404)
  })

  it('names a signed result by its number and date, on /documents and on the dossier page; a revoked one leaves the store', async () => {
    const a = await citizen()
    const issued = await issuedLicence(t.db, put, a.id)
    const dossier = await t.db
      .selectFrom('dossiers')
      .select(['agency_id'])
      .where('id', '=', issued.dossierId)
      .executeTakeFirstOrThrow()
    const signedAt = new Date('2026-11-30T03:00:00Z')
    const row = await t.db
      .insertInto('results')
      .values({
        dossier_id: issued.dossierId,
        agency_id: dossier.agency_id,
        register: 'GPLX',
        year: 2026,
        number: 7,
        number_text: '07/2026/GPLX-SGTVT',
        title: 'GIẤY PHÉP LÁI XE',
        file_id: issued.result.id,
        storage_key: issued.result.storage_key,
        size: samplePdf('result').length,
        sha256: '0'.repeat(64),
        signature_format: 'PAdES-B-B',
        signer_name: 'Lãnh đạo Sở',
        signer_title: 'Giám đốc',
        certificate_subject: 'CN=SGTVT (demo)',
        certificate_issuer: 'CN=Demo Root CA',
        certificate_serial: '01',
        signed_at: signedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const store = await html(await a.client.get('/documents'))
    expect(store).toContain('số 07/2026/GPLX-SGTVT')
    expect(store).toContain('30 tháng 11, 2026')
    const page = await html(await a.client.get(`/dossiers/${issued.code}`))
    expect(page).toContain('Kết quả giải quyết số 07/2026/GPLX-SGTVT ngày 30 tháng 11, 2026')

    // Revoked: the results module removes the dossier's result file row; the store no longer holds it.
    await t.db
      .updateTable('results')
      .set({ revoked_at: new Date(), revoke_reason: 'Sai ngày sinh', file_id: null })
      .where('id', '=', row.id)
      .execute()
    await t.db.deleteFrom('dossier_files').where('id', '=', issued.result.id).execute()
    expect(await html(await a.client.get('/documents'))).not.toContain('07/2026/GPLX-SGTVT')
  })

  it('pages twenty at a time, without JavaScript', async () => {
    const a = await citizen()
    const issued = await issuedLicence(t.db, put, a.id)
    for (let i = 0; i < 22; i++)
      await storedFile(t.db, put, {
        dossierId: issued.dossierId,
        key: `extra_${i}`,
        name: `giay-to-${i}.pdf`,
        uploadedBy: a.id,
        bytes: samplePdf(`extra ${i}`),
      })
    const first = await html(await a.client.get('/documents'))
    expect(first).toContain('25 giấy tờ')
    expect(first).toContain('href="/documents?page=2"')
    const second = await html(await a.client.get('/documents?page=2'))
    expect((second.match(/href="\/documents\/[0-9a-f-]{36}"/g) ?? []).length).toBe(5)
  })
})

describe('a later dossier takes a document from the store instead of an upload', () => {
  it('offers the result of the same kind, attaches a reference to the same object, and the officer sees where it came from', async () => {
    const a = await citizen()
    const issued = await issuedLicence(t.db, put, a.id)
    const { draftId } = await drivingDraft(t.db, a.id)
    const documentsPage = `/procedures/${DRIVING}/apply/documents`
    const page = await html(await a.client.get(documentsPage))
    expect(page).toContain('Dùng từ kho dữ liệu của tôi')
    expect(page).toMatch(new RegExp(`name="store:current_licence"[^>]*value="${issued.result.id}"`))
    // The request form has no kind: it is always uploaded.
    expect(page).not.toContain('name="store:request_form"')

    const res = await a.client.post(documentsPage, {
      intent: 'store',
      'store:current_licence': issued.result.id,
    })
    expect(res.status).toBe(302)
    const rows = await t.db
      .selectFrom('dossier_files')
      .selectAll()
      .where('dossier_id', '=', draftId)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      requirement_key: 'current_licence',
      source_file_id: issued.result.id,
      storage_key: issued.result.storage_key,
      original_name: 'giay-phep-lai-xe.pdf',
    })
    expect(await html(await a.client.get(documentsPage))).toContain('dùng lại từ kho dữ liệu của bạn')

    // Filed with the reused document: the officer of SGTVT sees it came from the citizen's store.
    await storedFile(t.db, put, {
      dossierId: draftId,
      key: 'request_form',
      name: 'don-de-nghi.pdf',
      uploadedBy: a.id,
      bytes: samplePdf('request'),
    })
    const procedure = await t.db
      .selectFrom('procedures')
      .select('id')
      .where('code', '=', DRIVING)
      .executeTakeFirstOrThrow()
    const { code } = await submitDraft(t.db, {
      applicantId: a.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
    // Sở GTVT has no demo staff: a reception officer of its own.
    const officer = await staffMember('SGTVT', 'reception')
    const desk = await html(await officer.get(`/officer/dossiers/${code}`))
    expect(desk).toContain('Từ kho dữ liệu')
    expect(desk).toContain(`hồ sơ ${issued.code}`)
    // The citizen's own page says so too.
    expect(await html(await a.client.get(`/dossiers/${code}`))).toContain('dùng lại từ kho dữ liệu của bạn')
  })

  it('refuses, all or nothing, a document that is not the citizen\u2019s or does not fit', async () => {
    const a = await citizen()
    const b = await citizen('Phạm Văn B')
    const issuedToA = await issuedLicence(t.db, put, a.id)
    const issuedToB = await issuedLicence(t.db, put, b.id)
    const { draftId } = await drivingDraft(t.db, b.id)
    const documentsPage = `/procedures/${DRIVING}/apply/documents`
    expect(await html(await b.client.get(documentsPage))).not.toContain(issuedToA.result.id)
    const stolen = await b.client.post(documentsPage, {
      intent: 'store',
      'store:current_licence': issuedToA.result.id,
    })
    expect(stolen.status).toBe(422)
    expect(await stolen.text()).toContain('không có trong kho dữ liệu của bạn')

    // B's own licence fits current_licence, but not the request form (no kind): the whole request is refused.
    const mixed = await b.client.post(documentsPage, {
      intent: 'store',
      'store:current_licence': issuedToB.result.id,
      'store:request_form': issuedToB.result.id,
    })
    expect(mixed.status).toBe(422)
    const rows = await t.db
      .selectFrom('dossier_files')
      .select('id')
      .where('dossier_id', '=', draftId)
      .execute()
    expect(rows).toEqual([])
  })
})

describe('deleting a draft never deletes an object another dossier or the store still names', () => {
  it('discarding the second draft, or removing or replacing its reused file, keeps the shared object', async () => {
    const a = await citizen()
    const issued = await issuedLicence(t.db, put, a.id)
    const documentsPage = `/procedures/${DRIVING}/apply/documents`
    const shared = issued.result.storage_key

    // Removing the reused file from the draft.
    await drivingDraft(t.db, a.id)
    const chosen = await a.client.post(documentsPage, {
      intent: 'store',
      'store:current_licence': issued.result.id,
    })
    expect(chosen.status, await chosen.text()).toBe(302)
    const reused = await t.db
      .selectFrom('dossier_files')
      .select('id')
      .where('source_file_id', '=', issued.result.id)
      .executeTakeFirstOrThrow()
    expect((await a.client.post(documentsPage, { remove: reused.id })).status).toBe(302)
    expect(
      await t.db.selectFrom('dossier_files').select('id').where('id', '=', reused.id).executeTakeFirst(),
    ).toBeUndefined()
    expect(await app.storage.stat(shared)).not.toBeNull()

    // Choosing it again, then discarding the whole draft: its own upload goes, the shared object stays.
    await a.client.post(documentsPage, { intent: 'store', 'store:current_licence': issued.result.id })
    const { id: draftId } = await t.db
      .selectFrom('dossiers')
      .select('id')
      .where('applicant_id', '=', a.id)
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow()
    const own = await storedFile(t.db, put, {
      dossierId: draftId,
      key: 'request_form',
      name: 'don-de-nghi.pdf',
      uploadedBy: a.id,
      bytes: samplePdf('own'),
    })
    const discard = await a.client.post(`/procedures/${DRIVING}/apply`, { intent: 'discard' })
    expect(discard.status).toBe(302)
    expect(
      await t.db.selectFrom('dossiers').select('id').where('id', '=', draftId).executeTakeFirst(),
    ).toBeUndefined()
    expect(await app.storage.stat(own.storage_key)).toBeNull()
    expect(await app.storage.stat(shared)).not.toBeNull()
    const download = await a.client.get(`/documents/${issued.result.id}`)
    expect(Buffer.from(await download.arrayBuffer()).equals(samplePdf('result'))).toBe(true)
  })

  it('replacing a reused file by an upload keeps the shared object', async () => {
    const a = await citizen()
    const issued = await issuedLicence(t.db, put, a.id)
    const documentsPage = `/procedures/${DRIVING}/apply/documents`
    await drivingDraft(t.db, a.id)
    await a.client.post(documentsPage, { intent: 'store', 'store:current_licence': issued.result.id })
    const body = new FormData()
    body.append(
      'current_licence',
      new Blob([samplePdf('new scan')], { type: 'application/pdf' }),
      'gplx-moi.pdf',
    )
    const res = await a.client.request(documentsPage, { method: 'POST', body })
    expect(res.status).toBe(302)
    const rows = await t.db
      .selectFrom('dossier_files as f')
      .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
      .select(['f.original_name', 'f.source_file_id'])
      .where('d.applicant_id', '=', a.id)
      .where('d.status', '=', 'draft')
      .execute()
    expect(rows).toEqual([{ original_name: 'gplx-moi.pdf', source_file_id: null }])
    expect(await app.storage.stat(issued.result.storage_key)).not.toBeNull()
  })
})

describe('delivery by post: the postal item number', () => {
  it('knows an S10 item number by its check digit', () => {
    expect(s10CheckDigit('12345678')).toBe(5)
    expect(isPostalTracking('EB123456785VN')).toBe(true)
    expect(isPostalTracking('EB123456784VN')).toBe(false)
    expect(isPostalTracking('EB12345678VN')).toBe(false)
  })

  it('is required, checked, recorded in the audit row, and shown to the citizen and in the public lookup', async () => {
    const a = await citizen()
    const { procedure, draftId } = await completeJudicialDraft(t.db, a.id)
    await t.db
      .updateTable('dossiers')
      .set({
        delivery_method: 'post',
        delivery_address: JSON.stringify({
          province: 'Hà Nội',
          district: 'Ba Đình',
          ward: 'Phúc Xá',
          street: '12 Hàng Gà',
        }),
      })
      .where('id', '=', draftId)
      .execute()
    const { code } = await submitDraft(t.db, {
      applicantId: a.id,
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
    await storedFile(t.db, put, {
      dossierId: draftId,
      key: 'result',
      name: 'phieu-ly-lich-tu-phap.pdf',
      uploadedBy: a.id,
      bytes: samplePdf('judicial result'),
    })
    await t.db
      .updateTable('dossiers')
      .set({ status: 'result_ready', received_at: new Date() })
      .where('id', '=', draftId)
      .execute()
    const version = async () =>
      String(
        (
          await t.db
            .selectFrom('dossiers')
            .select('version')
            .where('id', '=', draftId)
            .executeTakeFirstOrThrow()
        ).version,
      )

    // The desk offers the print and the number field; the applicant's choice comes first.
    const desk = await html(await reception.get(`/officer/dossiers/${code}`))
    expect(desk).toContain('Số hiệu bưu gửi')
    expect(desk).toContain('In kết quả')

    const missing = await reception.post(`/officer/dossiers/${code}`, {
      intent: 'deliver',
      version: await version(),
      method: 'post',
    })
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('Nhập số hiệu bưu gửi')
    const wrong = await reception.post(`/officer/dossiers/${code}`, {
      intent: 'deliver',
      version: await version(),
      method: 'post',
      trackingNumber: 'EB123456784VN',
    })
    expect(wrong.status).toBe(422)
    const ok = await reception.post(`/officer/dossiers/${code}`, {
      intent: 'deliver',
      version: await version(),
      method: 'post',
      trackingNumber: 'eb 1234 5678 5 vn',
    })
    expect(ok.status).toBe(302)

    const row = await t.db
      .selectFrom('dossiers')
      .select(['status', 'postal_tracking_number'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'completed', postal_tracking_number: 'EB123456785VN' })
    const events = await t.db
      .selectFrom('dossier_events')
      .select(['action', 'data', 'actor_role'])
      .where('dossier_id', '=', draftId)
      .where('action', '=', 'deliver')
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      actor_role: 'reception',
      data: { method: 'post', trackingNumber: 'EB123456785VN' },
    })

    const page = await html(await a.client.get(`/dossiers/${code}`))
    expect(page).toContain('Kết quả giải quyết')
    expect(page).toContain('EB123456785VN')
    expect(page).toContain('Nhận qua dịch vụ bưu chính')
    expect(page).not.toContain('result: ')

    const lookup = await html(await app.client().post('/lookup', { code, check: a.phone!.slice(-4) }))
    expect(lookup).toContain('EB123456785VN')
    // The lookup shows no personal data: not the address the item goes to.
    expect(lookup).not.toContain('Hàng Gà')
  })

  it('keeps no item number for a result returned online or at the counter', async () => {
    const a = await citizen()
    const { draftId, code } = await submittedPaidJudicial(t.db, a.id)
    await t.db
      .updateTable('dossiers')
      .set({ status: 'result_ready', received_at: new Date() })
      .where('id', '=', draftId)
      .execute()
    const { version } = await t.db
      .selectFrom('dossiers')
      .select('version')
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow()
    const res = await reception.post(`/officer/dossiers/${code}`, {
      intent: 'deliver',
      version: String(version),
      method: 'counter',
      trackingNumber: 'EB123456785VN',
    })
    expect(res.status).toBe(302)
    const row = await t.db
      .selectFrom('dossiers')
      .select('postal_tracking_number')
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow()
    expect(row.postal_tracking_number).toBeNull()
    const page = await html(await a.client.get(`/dossiers/${code}`))
    expect(page).toContain('Đã nhận tại bộ phận một cửa')
  })
})
