import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen, JUDICIAL } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

/*
 * Hole 4 of the security review: a file that begins `%PDF-` but holds HTML, named `bien-lai.html`, was accepted
 * and downloaded by the officer as `bien-lai.html` (its script runs when opened from disk); a real PDF named
 * `scan.exe` was served as `scan.exe`. Now polyglots are refused (415, translated) and every stored and
 * downloaded name ends in the extension of the sniffed type.
 */

const password = 'mat khau rat dai 2026'
const realPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
)
/** Script after the trailer: a PDF reader opens it, a browser given `.html` runs it. */
const scriptAtEnd = Buffer.concat([
  realPdf,
  Buffer.from('<html><body><script>alert(document.domain)</script></body></html>\n'),
])
/** Markup right after the header, padded so that it is not within the last kilobytes. */
const svgAtStart = Buffer.concat([
  Buffer.from('%PDF-1.4\n%<SVG onload="alert(1)"/>\n'),
  realPdf.subarray(9),
  Buffer.from(`%${'x'.repeat(20_000)}\n%%EOF\n`),
])
const uriInPadding = Buffer.concat([realPdf, Buffer.from('% JavaScript:alert(1)\n')])

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let citizen: Client
let officer: Client
let applicantId: string
let dossierId: string
let procedureId: string
let docs: string[]
const documentsPage = `/procedures/${JUDICIAL}/apply/documents`

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
  const person = await createCitizen(t.db, 'Người Tải Tệp', await hashPassword(password))
  applicantId = person.id
  const { procedure, draftId } = await completeJudicialDraft(t.db, person.id)
  dossierId = draftId
  procedureId = procedure.id
  docs = procedure.documents.filter((d) => d.accept.includes('application/pdf')).map((d) => d.key)
  citizen = app.client()
  officer = app.client()
  await citizen.login(person.email, password)
  await officer.login('reception.stp@example.gov.vn', 'CanBo@2026')
})
afterAll(async () => {
  await app.close()
  await t.drop()
})

const upload = (field: string, bytes: Buffer, name: string, lng = '') => {
  const form = new FormData()
  form.append(field, new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }))
  return citizen.request(`${documentsPage}${lng}`, { method: 'POST', body: form })
}
const fileRow = (key: string) =>
  t.db
    .selectFrom('dossier_files')
    .select(['id', 'original_name', 'mime', 'storage_key'])
    .where('dossier_id', '=', dossierId)
    .where('requirement_key', '=', key)
    .executeTakeFirst()

describe('polyglot uploads', () => {
  it('refuses a PDF carrying HTML or script at either end, with a translated 415, and keeps nothing', async () => {
    const before = await fileRow(docs[0])
    for (const [bytes, name] of [
      [scriptAtEnd, 'bien-lai.html'],
      [svgAtStart, 'bien-lai.pdf'],
      [uriInPadding, 'to-khai.pdf'],
    ] as const) {
      const res = await upload(docs[0], bytes, name)
      expect(res.status, name).toBe(415)
      expect(await res.text()).toContain('Tệp chứa mã trang web hoặc mã lệnh (script) nên không được nhận.')
      expect(await fileRow(docs[0])).toEqual(before)
    }
    const english = await upload(docs[0], scriptAtEnd, 'receipt.html', '?lng=en')
    expect(english.status).toBe(415)
    expect(await english.text()).toContain('The file contains web page or script code')
  })
})

describe('file names follow the sniffed type', () => {
  it('stores a real PDF named scan.exe as scan.pdf and the officer downloads scan.pdf', async () => {
    const res = await upload(docs[0], realPdf, 'scan.exe')
    expect(res.status).toBe(302)
    expect(await fileRow(docs[0])).toMatchObject({ original_name: 'scan.pdf', mime: 'application/pdf' })
    const html = await (await citizen.get(documentsPage)).text()
    expect(html).toContain('scan.pdf')
    expect(html).not.toContain('scan.exe')
  })

  it('the officer downloads it as scan.pdf, and a record from before the rule with the sniffed extension too', async () => {
    const { code } = await submitDraft(t.db, {
      applicantId,
      procedureId,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
    const scan = (await fileRow(docs[0]))!
    const renamed = await officer.get(`/officer/dossiers/${code}/files/${scan.id}`)
    expect(renamed.status).toBe(200)
    expect(renamed.headers.get('content-disposition')).toContain('filename="scan.pdf"')
    await renamed.arrayBuffer()

    // A record from before the rule: the same bytes, under the name the citizen's browser sent.
    await t.db
      .updateTable('dossier_files')
      .set({ original_name: 'bien-lai.html' })
      .where('id', '=', scan.id)
      .execute()
    const stale = await officer.get(`/officer/dossiers/${code}/files/${scan.id}`)
    expect(stale.status).toBe(200)
    const disposition = stale.headers.get('content-disposition') ?? ''
    expect(disposition).toContain('filename="bien-lai.pdf"')
    expect(disposition).not.toMatch(/\.html/)
    expect(stale.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await stale.arrayBuffer()).equals(realPdf)).toBe(true)
  })
})
