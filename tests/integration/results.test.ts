import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { vnDay } from '../../app/modules/calendar/vietnam-time'
import { issueReceipt } from '../../app/modules/ledger/receipts.server'
import { pemToDer } from '../../app/modules/signing/pki.server'
import { verifySignedPdf } from '../../app/modules/signing/verify.server'
import { performTransition, systemActor } from '../../app/modules/workflow/perform.server'
import { demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { createCitizen, submittedPaidJudicial } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'
import { pdfText, squeeze } from '../setup/pdf-text'

/**
 * The signed result over HTTP (issue 15): the specialist drafts the judicial-record certificate from its template
 * (required fields checked), the approver returns it (the draft stays in the history) and then approves, which
 * numbers and signs it; the citizen downloads the signed PDF, which the verifier accepts against the demo root;
 * /verify/:id shows it, the public PDF check accepts it and rejects a changed copy; a correction revokes it and
 * issues a new number that names it; a revocation is shown on the verify pages. Real PostgreSQL, the built app.
 */

const password = 'mat khau rat dai 2026'
let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
const staff: Record<string, Client> = {}

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

const version = async (id: string) =>
  (await t.db.selectFrom('dossiers').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version

/** A judicial-record dossier (STP) received and assigned to the demo specialist: `in_progress`. */
async function inProgress() {
  const row = await createCitizen(t.db, 'Trần Văn Bình', await hashPassword(password))
  const client = app.client()
  await client.login(row.email, password)
  const { draftId, code } = await submittedPaidJudicial(t.db, row.id)
  await performTransition(t.db, { dossierCode: code, action: 'pay', actor: systemActor })
  const d = { code, id: draftId, citizen: client }
  expect((await post(staff['reception.stp'], d, 'receive')).status).toBe(302)
  const specialist = await t.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'specialist.stp@example.gov.vn')
    .executeTakeFirstOrThrow()
  expect((await post(staff['reception.stp'], d, 'assign', { assigneeId: specialist.id })).status).toBe(302)
  return d
}

async function post(
  client: Client,
  d: { code: string; id: string },
  intent: string,
  fields: Record<string, string> = {},
) {
  const body = new URLSearchParams({ intent, version: String(await version(d.id)), ...fields })
  return client.request(`/officer/dossiers/${d.code}`, { method: 'POST', body })
}

/** propose is a multipart form (it may carry a file); here only the template's fields. */
async function propose(d: { code: string; id: string }, fields: Record<string, string>) {
  const form = new FormData()
  form.append('intent', 'propose')
  form.append('version', String(await version(d.id)))
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return staff['specialist.stp'].request(`/officer/dossiers/${d.code}`, { method: 'POST', body: form })
}

async function checkPdf(bytes: Buffer) {
  const form = new FormData()
  form.append('file', new File([new Uint8Array(bytes)], 'ket-qua.pdf', { type: 'application/pdf' }))
  const res = await app.client().request('/verify', { method: 'POST', body: form })
  return { status: res.status, html: await res.text() }
}

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer())

describe('a result from draft to signed, verified, corrected and revoked', () => {
  it('runs the whole life of a judicial-record certificate', async () => {
    const d = await inProgress()

    // The template's required field is checked; nothing is proposed without it.
    const missing = await propose(d, { note: 'Đủ điều kiện' })
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('Hãy nhập thông tin này.')

    expect((await propose(d, { rf_convictions: 'Có án tích (bản nháp sai)', note: 'Lần 1' })).status).toBe(
      302,
    )
    expect(
      (await post(staff['approver.stp'], d, 'return_rework', { reason: 'Sai tình trạng án tích' })).status,
    ).toBe(302)
    expect(
      (await propose(d, { rf_convictions: 'Không có án tích', rf_validUntil: '2027-06-01', note: 'Lần 2' }))
        .status,
    ).toBe(302)
    const drafts = await t.db
      .selectFrom('result_drafts')
      .select(['id', 'seq', 'status', 'returned_reason', 'kind'])
      .where('dossier_id', '=', d.id)
      .orderBy('seq')
      .execute()
    expect(drafts.map((x) => [x.seq, x.status, x.returned_reason, x.kind])).toEqual([
      [1, 'returned', 'Sai tình trạng án tích', 'template'],
      [2, 'proposed', null, 'template'],
    ])

    // The approver reads the draft (a PDF) before deciding; UBQ1's approver cannot.
    const page = await (await staff['approver.stp'].get(`/officer/dossiers/${d.code}`)).text()
    expect(page).toContain(`/officer/dossiers/${d.code}/drafts/${drafts[1].id}`)
    const draftRes = await staff['approver.stp'].get(`/officer/dossiers/${d.code}/drafts/${drafts[1].id}`)
    expect(draftRes.status).toBe(200)
    expect(draftRes.headers.get('content-type')).toBe('application/pdf')
    const draftText = squeeze(await pdfText(new Uint8Array(await bytesOf(draftRes))))
    expect(draftText).toContain(squeeze('DỰ THẢO'))
    expect(draftText).toContain(squeeze('Không có án tích'))
    expect(draftText).toContain(squeeze('Trần Văn Bình'))
    expect(
      (await staff['approver.ubq1'].get(`/officer/dossiers/${d.code}/drafts/${drafts[1].id}`)).status,
    ).toBe(404)

    // Approving numbers and signs it.
    expect((await post(staff['approver.stp'], d, 'approve')).status).toBe(302)
    const year = vnDay(new Date()).slice(0, 4)
    const result = await t.db
      .selectFrom('results')
      .selectAll()
      .where('dossier_id', '=', d.id)
      .executeTakeFirstOrThrow()
    expect(result.number_text).toBe(`000001/${year}/LLTP-STP`)
    expect(result.signature_format).toBe('PAdES-B-B')
    expect(result.certificate_subject).toContain('DEMO')
    expect(result.signer_name).toBe('Võ Quốc Phong')
    expect(
      (
        await t.db
          .selectFrom('result_drafts')
          .select('status')
          .where('id', '=', drafts[1].id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('approved')

    // The citizen downloads the signed PDF: the stored hash, a valid signature chained to the demo root.
    const file = await d.citizen.get(`/dossiers/${d.code}/files/${result.file_id}`)
    expect(file.status).toBe(200)
    const signed = await bytesOf(file)
    expect(createHash('sha256').update(signed).digest('hex')).toBe(result.sha256)
    const roots = await t.db.selectFrom('signing_roots').select('certificate_pem').execute()
    const outcome = await verifySignedPdf(
      signed,
      roots.map((r) => pemToDer(r.certificate_pem)),
    )
    expect({ ok: outcome.ok, reason: 'reason' in outcome ? outcome.reason : null }).toEqual({
      ok: true,
      reason: null,
    })
    const text = squeeze(await pdfText(new Uint8Array(signed)))
    for (const s of [
      result.number_text,
      'PHIẾU LÝ LỊCH TƯ PHÁP',
      'ĐÃ KÝ SỐ',
      'Võ Quốc Phong',
      'Không có án tích',
      '01/06/2027',
      `/verify/${result.id}`,
    ])
      expect(text).toContain(squeeze(s))

    // /verify/:id and the public PDF check.
    const verify = await app.client().get(`/verify/${result.id}`)
    expect(verify.status).toBe(200)
    const verifyHtml = await verify.text()
    expect(verifyHtml).toContain('Kết quả này do Cổng Dịch vụ công cấp và còn hiệu lực.')
    expect(verifyHtml).toContain(result.number_text)
    expect(verifyHtml).toContain(result.sha256)
    expect(verifyHtml).toContain(d.code)
    expect(verifyHtml).not.toContain('Trần Văn Bình') // masked
    const genuine = await checkPdf(signed)
    expect(genuine.status).toBe(200)
    expect(genuine.html).toContain('Hợp lệ: chữ ký số đúng')
    const changed = Buffer.from(signed)
    changed[changed.indexOf('/Producer') + 3] ^= 1
    const tampered = await checkPdf(changed)
    expect(tampered.html).toContain('Tệp đã bị thay đổi sau khi ký: nội dung không khớp với chữ ký số.')
    expect((await checkPdf(Buffer.from('not a pdf at all'))).status).toBe(415)

    // Only the approver revokes or corrects; a specialist is refused and nothing changes.
    expect(
      (await post(staff['specialist.stp'], d, 'revoke_result', { resultId: result.id, reason: 'x' })).status,
    ).toBe(403)
    const noReason = await post(staff['approver.stp'], d, 'correct_result', {
      resultId: result.id,
      reason: '',
      rf_convictions: 'x',
    })
    expect(noReason.status).toBe(422)

    // A correction: the old one revoked, a new number naming it, signed now.
    expect(
      (
        await post(staff['approver.stp'], d, 'correct_result', {
          resultId: result.id,
          reason: 'Sai ngày hết hiệu lực',
          rf_convictions: 'Không có án tích',
          rf_validUntil: '2027-12-01',
        })
      ).status,
    ).toBe(302)
    const both = await t.db
      .selectFrom('results')
      .select(['id', 'number_text', 'revoked_at', 'revoke_reason', 'replaces_id', 'file_id', 'sha256'])
      .where('dossier_id', '=', d.id)
      .orderBy('number')
      .execute()
    expect(both.map((r) => [r.number_text, !!r.revoked_at, r.replaces_id])).toEqual([
      [`000001/${year}/LLTP-STP`, true, null],
      [`000002/${year}/LLTP-STP`, false, result.id],
    ])
    const oldPage = await (await app.client().get(`/verify/${result.id}`)).text()
    expect(oldPage).toContain('ĐÃ BỊ THU HỒI')
    expect(oldPage).toContain('Sai ngày hết hiệu lực')
    expect(oldPage).toContain(both[1].number_text)
    expect(await (await app.client().get(`/verify/${both[1].id}`)).text()).toContain(result.number_text)
    expect((await checkPdf(signed)).html).toContain('Kết quả này đã bị thu hồi.')
    const newFile = await bytesOf(await d.citizen.get(`/dossiers/${d.code}/files/${both[1].file_id}`))
    expect(squeeze(await pdfText(new Uint8Array(newFile)))).toContain(
      squeeze(`Thay thế kết quả số ${result.number_text}`),
    )
    expect((await checkPdf(newFile)).html).toContain('Hợp lệ')

    // Revoking the correction; the timeline says so to the citizen.
    expect(
      (
        await post(staff['approver.stp'], d, 'revoke_result', {
          resultId: both[1].id,
          reason: 'Cấp nhầm hồ sơ',
        })
      ).status,
    ).toBe(302)
    expect(await (await app.client().get(`/verify/${both[1].id}`)).text()).toContain('Cấp nhầm hồ sơ')
    const citizenPage = await (await d.citizen.get(`/dossiers/${d.code}`)).text()
    expect(citizenPage).toContain('Thu hồi kết quả')
    const again = await post(staff['approver.stp'], d, 'revoke_result', {
      resultId: both[1].id,
      reason: 'lần nữa',
    })
    expect(again.status).toBe(409)
  })

  it('numbers results of one register race-free: two approvals at once get consecutive numbers', async () => {
    const a = await inProgress()
    const b = await inProgress()
    for (const d of [a, b])
      expect((await propose(d, { rf_convictions: 'Không có án tích' })).status).toBe(302)
    const [ra, rb] = await Promise.all([
      post(staff['approver.stp'], a, 'approve'),
      post(staff['approver.stp'], b, 'approve'),
    ])
    expect([ra.status, rb.status]).toEqual([302, 302])
    const numbers = (
      await t.db.selectFrom('results').select('number').where('dossier_id', 'in', [a.id, b.id]).execute()
    )
      .map((r) => r.number)
      .sort()
    expect(numbers[1] - numbers[0]).toBe(1)
  })

  it('refuses to approve without a draft and says why; nothing is approved', async () => {
    const d = await inProgress()
    // Proposed without a draft (as the seeded history does, by the engine alone).
    const specialist = await t.db
      .selectFrom('users as u')
      .innerJoin('staff_roles as r', 'r.user_id', 'u.id')
      .select(['u.id', 'r.agency_id'])
      .where('u.email', '=', 'specialist.stp@example.gov.vn')
      .executeTakeFirstOrThrow()
    await performTransition(t.db, {
      dossierCode: d.code,
      action: 'propose',
      actor: { id: specialist.id, roles: [{ role: 'specialist', agencyId: specialist.agency_id }] },
    })
    const res = await post(staff['approver.stp'], d, 'approve')
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Chưa có dự thảo kết quả để phê duyệt.')
    expect(
      (await t.db.selectFrom('dossiers').select('status').where('id', '=', d.id).executeTakeFirstOrThrow())
        .status,
    ).toBe('awaiting_approval')
  })

  it("signs a receipt like a result: the agency's certificate, verified against the demo root", async () => {
    const d = await inProgress()
    const fee = await t.db
      .selectFrom('fees')
      .select('id')
      .where('dossier_id', '=', d.id)
      .executeTakeFirstOrThrow()
    const receipt = await t.db.transaction().execute((trx) =>
      issueReceipt(trx, {
        feeId: fee.id,
        method: 'counter',
        attemptId: null,
        transactionId: null,
        at: new Date(),
      }),
    )
    const res = await d.citizen.get(`/receipts/${receipt.id}/pdf`)
    expect(res.status).toBe(200)
    const pdf = await bytesOf(res)
    const roots = await t.db.selectFrom('signing_roots').select('certificate_pem').execute()
    const outcome = await verifySignedPdf(
      pdf,
      roots.map((r) => pemToDer(r.certificate_pem)),
    )
    expect(outcome.ok).toBe(true)
    expect(outcome.signer?.subject).toContain('Sở Tư pháp')
    expect(squeeze(await pdfText(new Uint8Array(pdf)))).toContain(squeeze('ĐÃ KÝ SỐ — biên lai điện tử'))
  })
})
