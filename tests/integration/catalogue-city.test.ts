import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import {
  PAGE_SIZE,
  getCounterProcedure,
  getProcedure,
  searchCatalogue,
} from '../../app/modules/catalogue/catalogue.server'
import { CITY_CATALOGUE_SIZE } from '../../db/seed/city-catalogue'
import { cityCatalogueProblems, seedCityCatalogue, seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { startTestApp } from '../setup/http'

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  await seedCityCatalogue(t.db)
  app = await startTestApp(t.db)
})
afterAll(async () => {
  await app?.close()
  await t?.drop()
})

describe('the city-sized catalogue', () => {
  it('is valid by the domain schemas, lists 2,000 procedures across 20+ agencies, and seeds once', async () => {
    expect(cityCatalogueProblems()).toEqual([])
    const all = await searchCatalogue(t.db, {}, 'vi')
    expect(all.total).toBe(CITY_CATALOGUE_SIZE)
    expect(all.agencies.length).toBeGreaterThanOrEqual(20)
    expect(all.pages).toBe(Math.ceil(CITY_CATALOGUE_SIZE / PAGE_SIZE))
    expect(await seedCityCatalogue(t.db)).toEqual({ agencies: 0, newProcedures: 0 })
    // The nine that can be applied for online come first.
    expect(all.items.map((i) => i.online)).toEqual([...Array(9).fill(true), false])
  })

  it('finds a mistyped query by trigram similarity, and still needs every word otherwise', async () => {
    const r = await searchCatalogue(t.db, { q: 'ly lich tu phapp' }, 'vi')
    expect(r.items[0].name_vi).toBe('Cấp Phiếu lý lịch tư pháp')
    expect(r.searchedFor).toBe('ly lich tu phap')
    expect((await searchCatalogue(t.db, { q: 'ly lich tu phap' }, 'vi')).searchedFor).toBeNull()
    expect((await searchCatalogue(t.db, { q: 'giay phep xay dun' }, 'vi')).total).toBeGreaterThan(0)
    expect((await searchCatalogue(t.db, { q: 'qwxz vbnm' }, 'vi')).total).toBe(0)
    expect((await searchCatalogue(t.db, { q: '%' }, 'vi')).total).toBe(0)
  })

  it('ranks a match in the name before one in the field before one in the code', async () => {
    // "hộ tịch" is the field of many procedures and in the name of some ("thông tin hộ tịch", "trích lục hộ tịch"):
    // every name hit comes before every field-only hit, over all the pages.
    const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase()
    const inName = (n: string) => plain(n).includes('ho') && plain(n).includes('tich')
    const first = await searchCatalogue(t.db, { q: 'ho tich' }, 'vi')
    const names: string[] = []
    for (let page = 1; page <= first.pages; page++)
      names.push(
        ...(await searchCatalogue(t.db, { q: 'ho tich', page }, 'vi')).items.map(
          (i) => `${i.name_vi} ${i.name_en}`,
        ),
      )
    expect(names).toHaveLength(first.total)
    const firstFieldOnly = names.findIndex((n) => !inName(n))
    expect(firstFieldOnly).toBeGreaterThan(0)
    expect(names.slice(firstFieldOnly).some(inName)).toBe(false)
    // a code fragment: the procedure whose code holds it, though no name or field does
    const byCode = await searchCatalogue(t.db, { q: '2.001417' }, 'vi')
    expect(byCode.items[0].code).toBe('2.001417.000.00.00.H56')
  })

  it('pages through results without repeats, and the page links work without JavaScript', async () => {
    const seen = new Set<string>()
    for (let page = 1; page <= 3; page++) {
      const r = await searchCatalogue(t.db, { q: 'cap', page }, 'vi')
      expect(r.items).toHaveLength(PAGE_SIZE)
      for (const i of r.items) seen.add(i.code)
    }
    expect(seen.size).toBe(3 * PAGE_SIZE)
    const html = await (await fetch(`${app.baseUrl}/procedures?q=cap&page=2`)).text()
    expect(html).toContain('href="/procedures?q=cap&amp;page=3"')
    expect(html).toContain('href="/procedures?q=cap"')
    expect(html).toContain('aria-current="page"')
  })

  it('shows a generated procedure as information only: a page of its own, no online application', async () => {
    const r = await searchCatalogue(t.db, { q: 'giay phep moi truong' }, 'vi')
    const generated = r.items.find((i) => !i.online)!
    expect(generated).toBeDefined()
    expect(await getProcedure(t.db, generated.code)).toBeNull()
    const info = await getCounterProcedure(t.db, generated.code)
    expect(info?.documents.length).toBeGreaterThan(0)
    const page = await fetch(`${app.baseUrl}/procedures/${generated.code}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Thành phần hồ sơ')
    expect(html).not.toContain(`/procedures/${generated.code}/apply`)
    // level filters keep to the procedures open online
    expect((await searchCatalogue(t.db, { level: 3 }, 'vi')).items.every((i) => i.online)).toBe(true)
  })

  it('keeps the filters current when the catalogue changes, counts a page past the end, and folds any word', async () => {
    const before = await searchCatalogue(t.db, {}, 'en')
    expect(before.fields).not.toContain('Test field of this run')
    // a new field and an agency edit, as an administrator's publish or edit would make them
    const one = before.items[0]
    await t.db
      .updateTable('procedures')
      .set({ field_en: 'Test field of this run' })
      .where('code', '=', one.code)
      .execute()
    await t.db
      .updateTable('agencies')
      .set({ name_en: 'Renamed agency of this run' })
      .where('code', '=', one.agency_code)
      .execute()
    const after = await searchCatalogue(t.db, {}, 'en')
    expect(after.fields).toContain('Test field of this run')
    expect(after.agencies.map((a) => a.name_en)).toContain('Renamed agency of this run')
    // a page past the end still knows how many there are
    const past = await searchCatalogue(t.db, { q: 'ly lich tu phap', page: 99 }, 'vi')
    expect(past.items).toEqual([])
    expect(past.total).toBeGreaterThan(0)
    // words with marks fold as unaccent does, in the page's query or in PostgreSQL
    const accented = await searchCatalogue(t.db, { q: 'LÝ LỊCH TƯ PHÁP' }, 'vi')
    expect(accented.items[0].name_vi).toBe('Cấp Phiếu lý lịch tư pháp')
    expect((await searchCatalogue(t.db, { q: 'Đăng ký khai sinh' }, 'vi')).total).toBeGreaterThan(0)
    expect((await searchCatalogue(t.db, { q: 'søknad' }, 'vi')).total).toBe(0)
  })
})
