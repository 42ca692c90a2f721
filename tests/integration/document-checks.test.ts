import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { performTransition, systemActor } from '../../app/modules/workflow/perform.server'
import { demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { createCitizen, submittedPaidJudicial } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

/**
 * The officer's per-document check (issue 13 §1) over real HTTP on a real PostgreSQL: what it stores and audits,
 * who may make it, how its marks pre-fill the supplement request, and the inline preview of a document.
 */
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
const staff: Record<string, Client> = {}

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
  for (const who of ['reception.stp', 'specialist.stp', 'approver.stp', 'reception.ubq1']) {
    const c = app.client()
    await c.login(`${who}@example.gov.vn`, demoPasswords.staff)
    staff[who] = c
  }
}, 120_000)
afterAll(async () => {
  await app?.close()
  await t?.drop()
})

/** A judicial-record dossier (STP) waiting for reception, its documents real PDFs in the app's storage. */
async function submitted() {
  const applicant = await createCitizen(t.db, 'Lê Văn Kiểm')
  const { procedure, draftId, code } = await submittedPaidJudicial(t.db, applicant.id)
  await performTransition(t.db, { dossierCode: code!, action: 'pay', actor: systemActor })
  const files = await t.db
    .selectFrom('dossier_files')
    .select(['id', 'requirement_key'])
    .where('dossier_id', '=', draftId)
    .orderBy('created_at')
    .execute()
  for (const f of files) {
    const key = `dossiers/check-${randomUUID()}`
    await app.storage.put(key, Readable.from([pdf]))
    await t.db
      .updateTable('dossier_files')
      .set({ storage_key: key, size: pdf.length })
      .where('id', '=', f.id)
      .execute()
  }
  return { code: code!, id: draftId, files, procedure }
}

const version = async (id: string) =>
  (await t.db.selectFrom('dossiers').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
const check = (client: Client, code: string, fields: Record<string, string>) =>
  client.post(`/officer/dossiers/${code}`, { intent: 'check_document', ...fields })
const page = async (client: Client, code: string) => (await client.get(`/officer/dossiers/${code}`)).text()
/** The <input> tag whose value is `value` (React writes attributes in a fixed order). */
const inputTag = (html: string, value: string) =>
  new RegExp(`<input[^>]*value="${value.replace(/[.:]/g, '\\$&')}"[^>]*>`).exec(html)?.[0] ?? ''

describe('the per-document check', () => {
  it('is stored, audited and version-checked, and its marks pre-fill the supplement request', async () => {
    const d = await submitted()
    const [first, second] = d.files
    const before = await version(d.id)
    let html = await page(staff['reception.stp'], d.code)
    // one check form per document, sizes in KB with one decimal (a 69-byte PDF is "0,1 KB", never "0 MB")
    expect(html.match(/name="intent" value="check_document"/g)).toHaveLength(d.files.length)
    expect(html).toContain('0,1 KB')
    expect(html).not.toContain('0 MB')
    // nothing marked yet: every item of the supplement form is folded away, none chosen
    expect(html).toContain('<details class="supplement-more">')
    expect(inputTag(html, `document:${first.requirement_key}`)).not.toContain('checked')

    const reason = 'Bản chụp bị mờ, không đọc được số giấy tờ'
    const res = await check(staff['reception.stp'], d.code, {
      version: String(before),
      fileId: first.id,
      verdict: 'needs_supplement',
      reason,
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(
      `/officer/dossiers/${d.code}?done=check_document&preview=${first.id}#file-${first.id}`,
    )
    const row = await t.db
      .selectFrom('dossier_file_checks')
      .selectAll()
      .where('file_id', '=', first.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ dossier_id: d.id, verdict: 'needs_supplement', reason })
    expect(await version(d.id)).toBe(before + 1)
    const event = await t.db
      .selectFrom('dossier_events')
      .selectAll()
      .where('dossier_id', '=', d.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(event).toMatchObject({
      action: 'check_document',
      actor_role: 'reception',
      from_status: 'submitted',
      to_status: 'submitted',
      reason,
      citizen_visible: false,
    })
    expect(event.data).toMatchObject({ fileId: first.id, verdict: 'needs_supplement' })

    // the other one is valid (no reason needed); the status did not move
    expect(
      (
        await check(staff['reception.stp'], d.code, {
          version: String(before + 1),
          fileId: second.id,
          verdict: 'valid',
          reason: '',
        })
      ).status,
    ).toBe(302)
    const dossier = await t.db
      .selectFrom('dossiers')
      .select('status')
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow()
    expect(dossier.status).toBe('submitted')

    // the supplement form: the marked document first, chosen, with its reason; the valid one folded, not chosen
    html = await page(staff['reception.stp'], d.code)
    const marked = inputTag(html, `document:${first.requirement_key}`)
    expect(marked).toContain('checked')
    expect(html.indexOf(marked)).toBeLessThan(html.indexOf('<details class="supplement-more">'))
    expect(inputTag(html, reason)).toContain(`name="reason:document:${first.requirement_key}"`)
    expect(inputTag(html, `document:${second.requirement_key}`)).not.toContain('checked')
    expect(html.indexOf(`value="document:${second.requirement_key}"`)).toBeGreaterThan(
      html.indexOf('<details class="supplement-more">'),
    )
    // sent as pre-filled, the request names the marked document with the officer's reason
    const sent = await staff['reception.stp'].post(`/officer/dossiers/${d.code}`, {
      intent: 'request_supplement',
      version: String(await version(d.id)),
      items: `document:${first.requirement_key}`,
      [`reason:document:${first.requirement_key}`]: reason,
    })
    expect(sent.status).toBe(302)
    const request = await t.db
      .selectFrom('supplement_requests')
      .select('items')
      .where('dossier_id', '=', d.id)
      .executeTakeFirstOrThrow()
    expect(request.items).toEqual([{ kind: 'document', key: first.requirement_key, reason }])
    // once the dossier waits for the supplement, no one may check its documents (no supplement can be asked)
    expect(html).toContain('check_document')
    const after = await page(staff['reception.stp'], d.code)
    expect(after).not.toContain('value="check_document"')
  })

  it('is only for who may ask for a supplement now, in the dossier’s agency, on the page’s version', async () => {
    const d = await submitted()
    const v = String(await version(d.id))
    const body = { version: v, fileId: d.files[0].id, verdict: 'needs_supplement', reason: 'Thiếu trang 2' }
    expect((await check(staff['approver.stp'], d.code, body)).status).toBe(403)
    expect((await check(staff['reception.ubq1'], d.code, body)).status).toBe(404)
    expect((await check(app.client(), d.code, body)).headers.get('location')).toMatch(/^\/login/)
    // a stale version: "changed, reload"
    expect(
      (await check(staff['reception.stp'], d.code, { ...body, version: String(Number(v) - 1) })).status,
    ).toBe(409)
    // a supplement needs its reason; a verdict is one of two; a file of another dossier is not this one's
    expect((await check(staff['reception.stp'], d.code, { ...body, reason: ' ' })).status).toBe(422)
    expect((await check(staff['reception.stp'], d.code, { ...body, verdict: 'maybe' })).status).toBe(422)
    const other = await submitted()
    expect((await check(staff['reception.stp'], d.code, { ...body, fileId: other.files[0].id })).status).toBe(
      422,
    )
    expect(
      await t.db.selectFrom('dossier_file_checks').select('file_id').where('dossier_id', '=', d.id).execute(),
    ).toEqual([])
    expect(await version(d.id)).toBe(Number(v))
    // the specialist holds the role too, but a submitted dossier is reception's: the guard says no (409)
    expect((await check(staff['specialist.stp'], d.code, body)).status).toBe(409)
    expect((await check(staff['reception.stp'], d.code, body)).status).toBe(302)
  })
})

describe('the inline preview', () => {
  it('shows a PDF inline to the agency’s officers only, never sniffed, framed by our pages only', async () => {
    const d = await submitted()
    const url = `/officer/dossiers/${d.code}/files/${d.files[0].id}`
    const inline = await staff['reception.stp'].get(`${url}?inline`)
    expect(inline.status).toBe(200)
    expect(inline.headers.get('content-type')).toBe('application/pdf')
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; filename=/)
    expect(inline.headers.get('x-content-type-options')).toBe('nosniff')
    expect(inline.headers.get('content-security-policy')).toContain("frame-ancestors 'self'")
    expect(inline.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(Buffer.from(await inline.arrayBuffer()).equals(pdf)).toBe(true)
    // the download stays an attachment in a sandbox
    const download = await staff['reception.stp'].get(url)
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /)
    expect(download.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'")
    await download.arrayBuffer()
    // another agency's officer: 404, as if it did not exist
    expect((await staff['reception.ubq1'].get(`${url}?inline`)).status).toBe(404)
  })

  it('never shows anything but PDF, JPEG or PNG inline (a row claiming HTML downloads, sandboxed)', async () => {
    const d = await submitted()
    await t.db
      .updateTable('dossier_files')
      .set({ mime: 'text/html' })
      .where('id', '=', d.files[0].id)
      .execute()
    const res = await staff['reception.stp'].get(`/officer/dossiers/${d.code}/files/${d.files[0].id}?inline`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /)
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'")
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    await res.arrayBuffer()
  })
})
