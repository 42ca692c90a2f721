import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { searchCatalogue } from '../../app/modules/catalogue/catalogue.server'
import { rateDossier, withdrawDossier } from '../../app/modules/dossiers/citizen-actions.server'
import { TransitionNotAllowedError } from '../../app/modules/dossiers/errors'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { throttlePolicy } from '../../app/modules/auth/throttle.server'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen } from '../setup/factories'
import { startTestApp } from '../setup/http'

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
})
afterAll(async () => {
  await app.close()
  await t.drop()
})

describe('catalogue search', () => {
  it.each([
    ['ly lich tu phap', 'Cấp Phiếu lý lịch tư pháp'],
    ['LÝ LỊCH', 'Cấp Phiếu lý lịch tư pháp'],
    ['khai sinh', 'Đăng ký khai sinh'],
    ['dang ky ket hon', 'Đăng ký kết hôn'],
    ['judicial record', 'Cấp Phiếu lý lịch tư pháp'],
    ['giay phep xay dung', 'Cấp giấy phép xây dựng'],
  ])('"%s" finds "%s", ignoring case and accents', async (q, expected) => {
    const r = await searchCatalogue(t.db, { q }, 'vi')
    expect(r.items.map((i) => i.name_vi).join(' | ')).toContain(expected)
  })

  it('needs every word, and treats % and _ as letters', async () => {
    expect((await searchCatalogue(t.db, { q: 'khai sinh ket hon' }, 'vi')).total).toBe(0)
    expect((await searchCatalogue(t.db, { q: '%' }, 'vi')).total).toBe(0)
    expect((await searchCatalogue(t.db, { q: '_' }, 'vi')).total).toBe(0)
  })

  it('filters by agency, field and level, and pages', async () => {
    const all = await searchCatalogue(t.db, {}, 'vi')
    expect(all.total).toBe(9)
    expect((await searchCatalogue(t.db, { agency: 'PBN' }, 'vi')).total).toBe(4)
    expect((await searchCatalogue(t.db, { level: 3 }, 'vi')).items.every((i) => i.level === 3)).toBe(true)
    const field = all.fields[0]
    expect((await searchCatalogue(t.db, { field }, 'vi')).items.every((i) => i.field_vi === field)).toBe(true)
    const page2 = await searchCatalogue(t.db, { page: 2 }, 'vi')
    expect(page2.items).toHaveLength(0)
    expect(all.pages).toBe(1)
  })

  it('serves the catalogue page with ?q= and a detail page with all headings, in both languages', async () => {
    const list = await (await fetch(`${app.baseUrl}/procedures?q=ly+lich+tu+phap`)).text()
    expect(list).toContain('Cấp Phiếu lý lịch tư pháp')
    expect(list).toContain('Toàn trình')
    const detail = await (await fetch(`${app.baseUrl}/procedures/2.001417.000.00.00.H56`)).text()
    for (const heading of [
      'Trình tự thực hiện',
      'Cách thức thực hiện',
      'Thành phần hồ sơ',
      'Yêu cầu, điều kiện',
      'Kết quả thực hiện',
      'Căn cứ pháp lý',
    ]) {
      expect(detail).toContain(heading)
    }
    expect(detail).toContain('200.000')
    const en = await (await fetch(`${app.baseUrl}/procedures/2.001417.000.00.00.H56?lng=en`)).text()
    expect(en).toContain('Required documents')
    expect((await fetch(`${app.baseUrl}/procedures/khong-co`)).status).toBe(404)
  })
})

describe('public lookup', () => {
  it('finds a dossier by code and the last 4 digits, shows no personal data, and slows guessing down', async () => {
    const citizen = await createCitizen(t.db, 'Phạm Thị Lookup')
    const { procedure } = await completeJudicialDraft(t.db, citizen.id)
    const { code } = await submitDraft(t.db, {
      applicantId: citizen.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
    const c = app.client()
    const ok = await c.post('/lookup', { code, check: citizen.phone!.slice(-4) })
    expect(ok.status).toBe(200)
    const html = await ok.text()
    expect(html).toContain('Chờ thanh toán')
    expect(html).not.toContain('Phạm Thị Lookup')
    expect(html).not.toContain(citizen.phone!)
    const byId = await c.post('/lookup', { code, check: citizen.citizen_id!.slice(-4) })
    expect(byId.status).toBe(200)
    let last: Response | undefined
    for (let i = 0; i <= throttlePolicy.lookup.free; i++)
      last = await c.post('/lookup', { code, check: '0000' })
    expect(last!.status).toBe(429)
    // While throttled even the right answer waits.
    expect((await c.post('/lookup', { code, check: citizen.phone!.slice(-4) })).status).toBe(429)
  })

  it('refuses a malformed code with a translated message', async () => {
    const res = await app.client().post('/lookup', { code: 'abc', check: '12' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Nhập mã hồ sơ đúng dạng')
    expect(html).toContain('Nhập đúng 4 chữ số')
  })
})

describe('withdraw and rating rules', () => {
  it('withdraws only before reception, and rates only after completion', async () => {
    const citizen = await createCitizen(t.db)
    const { procedure, draftId } = await completeJudicialDraft(t.db, citizen.id)
    const { code } = await submitDraft(t.db, {
      applicantId: citizen.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
    await expect(
      rateDossier(t.db, { code, applicantId: citizen.id, score: 5, comment: null }),
    ).rejects.toBeInstanceOf(TransitionNotAllowedError)
    await t.db.updateTable('dossiers').set({ status: 'received' }).where('id', '=', draftId).execute()
    await expect(
      withdrawDossier(t.db, { code, applicantId: citizen.id, reason: null }),
    ).rejects.toBeInstanceOf(TransitionNotAllowedError)
    await t.db.updateTable('dossiers').set({ status: 'completed' }).where('id', '=', draftId).execute()
    await rateDossier(t.db, { code, applicantId: citizen.id, score: 4, comment: 'Nhanh' })
    await rateDossier(t.db, { code, applicantId: citizen.id, score: 5, comment: 'Rất nhanh' })
    const rating = await t.db
      .selectFrom('ratings')
      .selectAll()
      .where('dossier_id', '=', draftId)
      .executeTakeFirstOrThrow()
    expect(rating).toMatchObject({ score: 5, comment: 'Rất nhanh' })
  })
})
