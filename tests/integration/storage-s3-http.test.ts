import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { S3Storage } from '../../app/modules/files/s3-storage.server'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen, JUDICIAL } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'
import { startS3Server, type S3TestServer } from '../setup/s3-server'

/*
 * The portal with STORAGE_DRIVER=s3 on a real S3-compatible server (s3rver): a citizen's attachment goes through
 * the portal into the bucket, comes back through the portal's authorisation byte for byte, an oversize file leaves
 * nothing in the bucket, and an S3 outage is a translated 503 that changes nothing, until the server is back.
 */

const MB = 1024 * 1024
const password = 'mat khau rat dai 2026'
const documentsPage = `/procedures/${JUDICIAL}/apply/documents`
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** A real PDF of about `bytes` bytes: header, catalogue, then comment lines of random hex (no markup possible). */
function bigPdf(bytes: number) {
  const head = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n',
  )
  const lines: Buffer[] = []
  let size = head.length
  while (size < bytes) {
    const line = Buffer.from(`% ${randomBytes(512).toString('hex')}\n`)
    lines.push(line)
    size += line.length
  }
  return Buffer.concat([head, ...lines, Buffer.from('trailer<</Root 1 0 R>>\n%%EOF\n')])
}

let s3: S3TestServer
let bucket: S3Storage
let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let citizen: Client
let applicantId: string
let draftId: string
let procedureId: string
let docs: string[]

beforeAll(async () => {
  s3 = await startS3Server({ bucket: 'portal-http-test' })
  // Our own client on the same bucket, to look at what the portal stored.
  bucket = new S3Storage({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    forcePathStyle: true,
  })
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db, s3.env)
  const person = await createCitizen(t.db, 'Người Dùng S3', await hashPassword(password))
  applicantId = person.id
  const draft = await completeJudicialDraft(t.db, person.id)
  draftId = draft.draftId
  procedureId = draft.procedure.id
  docs = draft.procedure.documents.filter((d) => d.accept.includes('application/pdf')).map((d) => d.key)
  citizen = app.client()
  await citizen.login(person.email, password)
})
afterAll(async () => {
  await app?.close()
  await t?.drop()
  await s3?.close()
})

const upload = (field: string, bytes: Buffer, name: string, query = '', headers: HeadersInit = {}) => {
  const form = new FormData()
  form.append(field, new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }))
  return citizen.request(`${documentsPage}${query}`, { method: 'POST', body: form, headers })
}
const fileRows = () =>
  t.db
    .selectFrom('dossier_files')
    .select(['id', 'requirement_key', 'storage_key', 'size', 'sha256'])
    .where('dossier_id', '=', draftId)
    .orderBy('requirement_key')
    .execute()
const draftRow = () =>
  t.db
    .selectFrom('dossiers')
    .select(['form_data', 'status', 'delivery_method', 'updated_at'])
    .where('id', '=', draftId)
    .executeTakeFirstOrThrow()
async function bucketKeys() {
  const keys: string[] = []
  for await (const o of bucket.list('')) keys.push(o.key)
  return keys.sort()
}

let stored: { key: string; bytes: Buffer }

describe('documents in an S3 bucket', () => {
  it('the app runs on the S3 store the configuration names', () => {
    expect(app.storage.constructor.name).toBe('S3Storage')
  })

  it('a citizen’s 7 MB upload lands in the bucket under a generated key', async () => {
    const bytes = bigPdf(7 * MB)
    const res = await upload(docs[0], bytes, 'Tờ khai.pdf')
    expect(res.status).toBe(302)
    const row = (await fileRows()).find((r) => r.requirement_key === docs[0])!
    expect(row.storage_key).toMatch(/^dossiers\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/)
    expect(row.size).toBe(bytes.length)
    expect(row.sha256).toBe(sha256(bytes))
    expect(await bucket.stat(row.storage_key)).toEqual({ size: bytes.length })
    expect(await bucketKeys()).toEqual([row.storage_key])
    stored = { key: row.storage_key, bytes }
  })

  it('an oversize upload is refused with 413 and leaves nothing in the bucket', async () => {
    const before = await bucketKeys()
    const rowsBefore = await fileRows()
    const res = await upload(docs[1] ?? docs[0], bigPdf(11 * MB), 'qua-lon.pdf')
    expect(res.status).toBe(413)
    expect(res.headers.get('connection')).toBe('close')
    expect(await res.text()).toContain('Tệp quá lớn.')
    expect(await bucketKeys()).toEqual(before)
    expect(await fileRows()).toEqual(rowsBefore)
  })

  it('when S3 is down an upload answers 503 with a translated message, and nothing changes', async () => {
    const rowsBefore = await fileRows()
    const draftBefore = await draftRow()
    await s3.stop()
    try {
      const res = await upload(docs[0], bigPdf(200 * 1024), 'lan-hai.pdf')
      expect(res.status).toBe(503)
      expect(res.headers.get('x-upload-error')).toBe('dossier:documents.errors.storage')
      const html = await res.text()
      expect(html).toContain('Kho lưu trữ hồ sơ tạm thời không hoạt động nên tệp chưa được nhận.')
      expect(html).toContain('Các thông tin khác bạn đã khai vẫn được giữ nguyên.')
      const english = await upload(docs[0], bigPdf(100 * 1024), 'again.pdf', '?lng=en')
      expect(english.status).toBe(503)
      expect(await english.text()).toContain('The document store is not available at the moment')

      // The draft keeps its answers and its files; the other pages still work.
      expect(await fileRows()).toEqual(rowsBefore)
      expect(await draftRow()).toEqual(draftBefore)
      const check = await citizen.get(`/procedures/${JUDICIAL}/apply/check`)
      expect(check.status).toBe(200)
      const checkHtml = await check.text()
      expect(checkHtml).toContain('Nguyễn Thị Mai')
      expect(checkHtml).toContain('12 Hàng Gà')
    } finally {
      await s3.restart()
    }
    // Back up: uploads work again, and the first file is still there.
    const again = bigPdf(300 * 1024)
    const res = await upload(docs[0], again, 'lan-ba.pdf')
    expect(res.status).toBe(302)
    const row = (await fileRows()).find((r) => r.requirement_key === docs[0])!
    expect(row.sha256).toBe(sha256(again))
    // The replaced object went with its row.
    expect(await bucket.stat(stored.key)).toBeNull()
    expect(await bucketKeys()).toEqual([row.storage_key])
    stored = { key: row.storage_key, bytes: again }
  })

  it('downloads through the portal byte for byte, as an attachment with nosniff; 503 while S3 is down', async () => {
    const { code } = await submitDraft(t.db, {
      applicantId,
      procedureId,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
    const row = (await fileRows()).find((r) => r.storage_key === stored.key)!
    const res = await citizen.get(`/dossiers/${code}/files/${row.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="lan-ba\.pdf"/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-length')).toBe(String(stored.bytes.length))
    const body = Buffer.from(await res.arrayBuffer())
    expect(sha256(body)).toBe(sha256(stored.bytes))

    // Someone else's session finds nothing (the bucket is never reached without the portal's check).
    const other = app.client()
    const person = await createCitizen(t.db, 'Người Khác', await hashPassword(password))
    await other.login(person.email, password)
    expect((await other.get(`/dossiers/${code}/files/${row.id}`)).status).toBe(404)

    await s3.stop()
    try {
      const down = await citizen.get(`/dossiers/${code}/files/${row.id}`)
      expect(down.status).toBe(503)
      await down.arrayBuffer()
    } finally {
      await s3.restart()
    }
    const back = await citizen.get(`/dossiers/${code}/files/${row.id}`)
    expect(back.status).toBe(200)
    expect(sha256(Buffer.from(await back.arrayBuffer()))).toBe(sha256(stored.bytes))
  })

  it('the bucket holds only what rows point at', async () => {
    const referenced = (await fileRows()).map((r) => r.storage_key)
    for (const key of await bucketKeys()) expect(referenced).toContain(key)
    // and the object is really in the bucket (not in a folder of the app's): read back with our own client
    const chunks: Buffer[] = []
    for await (const chunk of await bucket.get(stored.key)) chunks.push(chunk as Buffer)
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(stored.bytes))
  })
})
