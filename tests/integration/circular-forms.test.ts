import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { vnDay } from '../../app/modules/calendar/vietnam-time'
import { performTransition, systemActor } from '../../app/modules/workflow/perform.server'
import { demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { createCitizen, submittedPaidJudicial } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'
import { pdfText, squeeze } from '../setup/pdf-text'

/**
 * The six forms of Circular 01/2018/TT-VPCP (issue 13 §2), over real HTTP against the production build: for each
 * form, the fields the circular names (listed below, in its words) are in the printed page, in the PDF's text as a
 * PDF reader extracts it (PDF.js) and, for the tracking book, in the CSV; the print stylesheet sets A4.
 */

const FIELDS: Record<'01' | '02' | '03' | '04' | '05' | '06', string[]> = {
  '01': [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
    'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    'Mã hồ sơ',
    'Tiếp nhận hồ sơ của',
    'Địa chỉ',
    'Số điện thoại',
    'Email',
    'Nội dung yêu cầu giải quyết',
    'Thành phần hồ sơ nộp gồm',
    'Tên loại giấy tờ',
    'Bản chính',
    'Bản sao',
    'Số lượng',
    'Số lượng hồ sơ',
    'Thời gian giải quyết hồ sơ theo quy định',
    'Thời gian nhận hồ sơ',
    'Thời gian trả kết quả giải quyết hồ sơ',
    'Đăng ký nhận kết quả tại',
    'Vào Sổ theo dõi hồ sơ',
    'Quyển số',
    'Số thứ tự',
    'Tra cứu tình trạng hồ sơ',
    'NGƯỜI NỘP HỒ SƠ',
    'NGƯỜI TIẾP NHẬN HỒ SƠ',
    '(Ký và ghi rõ họ tên)',
  ],
  '02': [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
    'Mã hồ sơ',
    'Hồ sơ của',
    'Địa chỉ',
    'Số điện thoại',
    'Email',
    'Nội dung yêu cầu giải quyết',
    'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau',
    'Lý do',
    'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc',
    'NGƯỜI HƯỚNG DẪN',
  ],
  '03': [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ',
    'Mã hồ sơ',
    'Tiếp nhận hồ sơ của',
    'Địa chỉ',
    'Số điện thoại',
    'Email',
    'Nội dung yêu cầu giải quyết',
    'thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau',
    'Xin thông báo để ông/bà được biết và thực hiện',
    'NGƯỜI TIẾP NHẬN HỒ SƠ',
  ],
  '04': [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
    'Kính gửi',
    'tiếp nhận giải quyết hồ sơ của ông/bà',
    'nội dung yêu cầu giải quyết',
    'Ngày hẹn trả kết quả giải quyết hồ sơ',
    'chưa trả kết quả giải quyết hồ sơ cho ông/bà',
    'Lý do',
    'xin lỗi ông/bà và hẹn lại ngày trả kết quả',
    'xin trân trọng cảm ơn',
    'THỦ TRƯỞNG CƠ QUAN',
  ],
  '05': [
    'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    'Mã hồ sơ',
    'Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    'Cơ quan (bộ phận) giải quyết hồ sơ',
    'Cơ quan phối hợp giải quyết hồ sơ',
    'Tên cơ quan (bộ phận)',
    'Người giao',
    'Người nhận',
    'Thời gian giao, nhận hồ sơ',
    'Hạn xử lý',
    'Kết quả giải quyết hồ sơ (Trước hạn/Đúng hạn/Quá hạn)',
    'Ghi chú',
  ],
  '06': [
    'SỔ THEO DÕI HỒ SƠ',
    'STT',
    'Mã hồ sơ',
    'Tên thủ tục hành chính',
    'Số lượng hồ sơ (bộ)',
    'Tên cá nhân, tổ chức',
    'Địa chỉ, số điện thoại',
    'Cơ quan chủ trì giải quyết',
    'Nhận hồ sơ',
    'Hẹn trả kết quả',
    'Chuyển hồ sơ đến cơ quan giải quyết',
    'Nhận kết quả từ cơ quan giải quyết',
    'Trả kết quả cho cá nhân, tổ chức',
    'Ký nhận',
    'Ghi chú',
  ],
}

const password = 'mat khau rat dai 2026'
const draft = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
const staff: Record<string, Client> = {}
const names: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
  for (const who of [
    'reception.stp',
    'specialist.stp',
    'approver.stp',
    'admin.stp',
    'finance.stp',
    'reception.ubq1',
  ]) {
    const c = app.client()
    await c.login(`${who}@example.gov.vn`, demoPasswords.staff)
    staff[who] = c
    names[who] = (
      await t.db
        .selectFrom('users')
        .select('full_name')
        .where('email', '=', `${who}@example.gov.vn`)
        .executeTakeFirstOrThrow()
    ).full_name
  }
}, 120_000)
afterAll(async () => {
  await app?.close()
  await t?.drop()
})

/** Unescapes the HTML entities React writes in text, so the page's text can be searched. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

async function submittedJudicial() {
  const row = await createCitizen(t.db, 'Trần Thị Bích', await hashPassword(password))
  const client = app.client()
  await client.login(row.email, password)
  const { draftId, code } = await submittedPaidJudicial(t.db, row.id)
  await performTransition(t.db, { dossierCode: code, action: 'pay', actor: systemActor })
  return { code, id: draftId, applicant: { ...row, client } }
}

const version = async (id: string) =>
  (await t.db.selectFrom('dossiers').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version

async function act(
  client: Client,
  d: { code: string; id: string },
  intent: string,
  fields: Record<string, string | string[]> = {},
) {
  const body = new URLSearchParams({ intent, version: String(await version(d.id)) })
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one)
  const res = await client.request(`/officer/dossiers/${d.code}`, { method: 'POST', body })
  expect(res.status, `${intent}: ${res.status === 302 ? '' : (await res.text()).slice(0, 300)}`).toBe(302)
}

async function propose(client: Client, d: { code: string; id: string }) {
  const form = new FormData()
  form.append('intent', 'propose')
  form.append('version', String(await version(d.id)))
  form.append('note', 'Đủ điều kiện cấp Phiếu')
  form.append('result', new File([draft], 'du-thao.pdf', { type: 'application/pdf' }))
  const res = await client.request(`/officer/dossiers/${d.code}`, { method: 'POST', body: form })
  expect(res.status).toBe(302)
}

/** The printed page and the PDF of a form, each checked for the circular's fields; returns both texts. */
async function checkForm(client: Client, path: string, form: keyof typeof FIELDS, pdfPath = `${path}/pdf`) {
  const page = await client.get(path)
  expect(page.status).toBe(200)
  const html = await page.text()
  const pageText = text(html)
  for (const field of FIELDS[form]) expect(pageText, `Mẫu ${form} page: ${field}`).toContain(field)
  // The page carries the print stylesheet (A4, no chrome) and marks its own links as not printed.
  expect(html).toMatch(/<link rel="stylesheet" href="[^"]+\.css"/)
  expect(html).toContain('class="no-print"')

  const res = await client.get(pdfPath)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/pdf')
  const bytes = new Uint8Array(await res.arrayBuffer())
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
  // pdfkit compresses content streams (the default): the text comes out only through a real PDF reader.
  expect(Buffer.from(bytes).includes(Buffer.from('Thành phần'))).toBe(false)
  const extracted = squeeze(await pdfText(bytes))
  for (const field of FIELDS[form]) expect(extracted, `Mẫu ${form} PDF: ${field}`).toContain(squeeze(field))
  return { pageText, pdfText: extracted }
}

describe('the print stylesheet', () => {
  it('prints the forms on A4 (Mẫu 05 and 06 landscape) without the portal’s header, footer and links', async () => {
    const home = await (await app.client().get('/')).text()
    const href = home.match(/<link rel="stylesheet" href="([^"]+\.css)"/)![1]
    const css = (await (await app.client().get(href)).text()).replace(/\s+/g, ' ')
    const print = css.slice(css.indexOf('.print-form'))
    expect(print).toMatch(
      /@media print\s*\{[^@]*\.site-header[^{]*\.site-footer[^{]*\.no-print[^{]*\{ ?display: ?none ?!important/,
    )
    expect(print).toMatch(/@page ?\{ ?size: ?A4; ?margin: ?20mm 20mm 20mm 30mm/)
    expect(print).toMatch(/@page landscape ?\{ ?size: ?A4 landscape/)
    expect(print).toMatch(/\.print-form--landscape ?\{ ?page: ?landscape/)
  })
})

describe('Mẫu 01–05 of one dossier', () => {
  it('fills each form with the circular’s fields, on the page and in the PDF, from the dossier’s history', async () => {
    const d = await submittedJudicial()
    const reception = staff['reception.stp']
    await act(reception, d, 'receive')
    const book = await t.db
      .selectFrom('dossiers')
      .select(['book_year', 'book_number', 'received_at', 'due_at'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow()
    expect(book.book_year).toBe(Number(vnDay(book.received_at!).slice(0, 4)))
    expect(book.book_number).toBeGreaterThan(0)

    // Mẫu 01: the parent authority above the agency, the book number, the documents, the times, the QR code.
    const m01 = await checkForm(reception, `/officer/dossiers/${d.code}/print/01`, '01')
    for (const shown of [m01.pageText, m01.pdfText].map((s, i) => (i ? s : squeeze(s)))) {
      expect(shown).toContain(squeeze('ỦY BAN NHÂN DÂN THÀNH PHỐ'))
      expect(shown).toContain(squeeze('SỞ TƯ PHÁP'))
      expect(shown).toContain(d.code)
      expect(shown).toContain(squeeze(`Quyển số ${book.book_year}, Số thứ tự ${book.book_number}`))
      expect(shown).toContain(squeeze(`${names['reception.stp']}`))
      expect(shown).toContain(squeeze('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp'))
      expect(shown).toMatch(/\d{2}giờ\d{2}phút,ngày\d{2}tháng\d{2}năm\d{4}/)
      expect(shown).toContain(squeeze(`/lookup?code=${d.code}`))
    }
    const html01 = await (await reception.get(`/officer/dossiers/${d.code}/print/01`)).text()
    expect(html01).toMatch(/<svg[^>]*>.*<path/s)
    // The QR code's address opens the lookup with the code filled in (the check digits are never in a URL).
    const lookup = await app.client().get(`/lookup?code=${d.code}`)
    expect(await lookup.text()).toContain(`value="${d.code}"`)

    // Assign, ask for a supplement (Mẫu 02), the citizen answers, propose, approve, deliver.
    const specialistId = (
      await t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'specialist.stp@example.gov.vn')
        .executeTakeFirstOrThrow()
    ).id
    await act(reception, d, 'assign', { assigneeId: specialistId })
    await act(staff['specialist.stp'], d, 'request_supplement', {
      items: ['field:purpose'],
      'reason:field:purpose': 'Ghi rõ nơi nộp Phiếu',
    })
    const m02 = await checkForm(staff['specialist.stp'], `/officer/dossiers/${d.code}/print/02`, '02')
    expect(m02.pageText).toContain('Mục đích sử dụng Phiếu')
    expect(m02.pageText).toContain('Ghi rõ nơi nộp Phiếu')
    expect(m02.pdfText).toContain(squeeze('Ghi rõ nơi nộp Phiếu'))
    expect(m02.pageText).toContain(names['specialist.stp'])

    // The citizen answers on their own page (the workflow's `supplement`, as the applicant).
    const answer = await d.applicant.client.post(`/dossiers/${d.code}/supplement`, {
      purpose: 'Nộp cho công ty ABC',
    })
    expect(answer.status).toBe(302)
    await propose(staff['specialist.stp'], d)
    await act(staff['approver.stp'], d, 'approve')
    await act(reception, d, 'deliver', { method: 'online' })

    // Mẫu 05: one row per hand-over, who gave and who took it, when, the deadline and the verdict.
    const m05 = await checkForm(reception, `/officer/dossiers/${d.code}/print/05`, '05')
    const rows = [
      ...(await (await reception.get(`/officer/dossiers/${d.code}/print/05`)).text()).matchAll(
        /<tr><td>(\d+)<\/td>(.*?)<\/tr>/g,
      ),
    ].map((m) => text(m[2]))
    expect(rows).toHaveLength(7) // receive, assign, request_supplement, supplement, propose, approve, deliver
    expect(rows[0]).toContain('Bộ phận tiếp nhận và trả kết quả')
    expect(rows[0]).toContain('Trần Thị Bích') // the applicant hands over…
    expect(rows[0]).toContain(names['reception.stp']) // …to the receiving officer
    expect(rows[1]).toContain(names['specialist.stp']) // assigned to the specialist
    expect(rows[3]).toMatch(/Trần Thị Bích.*—/) // the applicant's turn: no verdict, the clock is paused
    expect(rows[4]).toContain(names['approver.stp']) // proposed to the approver who then approved
    expect(rows[6]).toContain('Trả kết quả')
    for (const i of [0, 1, 2, 4, 5, 6]) expect(rows[i]).toMatch(/Trước hạn|Đúng hạn|Quá hạn/)
    expect(m05.pdfText).toContain(squeeze(names['approver.stp']))
    expect(m05.pdfText).toContain(squeeze('Trước hạn'))

    // The officer's page links to Mẫu 05 beside Mẫu 01 and 02.
    const page = await (await reception.get(`/officer/dossiers/${d.code}`)).text()
    for (const f of ['01', '02', '05']) expect(page).toContain(`/officer/dossiers/${d.code}/print/${f}`)
    // Another agency's officer finds neither the form nor its PDF.
    expect((await staff['reception.ubq1'].get(`/officer/dossiers/${d.code}/print/05`)).status).toBe(404)
    expect((await staff['reception.ubq1'].get(`/officer/dossiers/${d.code}/print/05/pdf`)).status).toBe(404)
    expect((await reception.get(`/officer/dossiers/${d.code}/print/07`)).status).toBe(404)
  })

  it('Mẫu 03 (refusal at the desk) and Mẫu 04 (apology with a new date)', async () => {
    const reception = staff['reception.stp']
    const refused = await submittedJudicial()
    await act(reception, refused, 'refuse_intake', { reason: 'Không thuộc thẩm quyền giải quyết' })
    const m03 = await checkForm(reception, `/officer/dossiers/${refused.code}/print/03`, '03')
    expect(m03.pageText).toContain('Không thuộc thẩm quyền giải quyết')
    expect(m03.pdfText).toContain(squeeze('Không thuộc thẩm quyền giải quyết'))

    const late = await submittedJudicial()
    await act(reception, late, 'receive')
    await t.db
      .updateTable('dossiers')
      .set({ due_at: new Date(Date.now() - 3 * 86_400_000) })
      .where('id', '=', late.id)
      .execute()
    // A working day a week ahead for the new appointment.
    let day = new Date(Date.now() + 7 * 86_400_000)
    while ([0, 6].includes(day.getUTCDay())) day = new Date(day.getTime() + 86_400_000)
    const holidays = await t.db.selectFrom('holidays').select('date').execute()
    while (holidays.some((h) => String(h.date) === vnDay(day)) || [0, 6].includes(day.getUTCDay()))
      day = new Date(day.getTime() + 86_400_000)
    await act(reception, late, 'apologise', {
      newAppointmentAt: vnDay(day),
      reason: 'Chờ ý kiến cơ quan phối hợp',
    })
    const m04 = await checkForm(reception, `/officer/dossiers/${late.code}/print/04`, '04')
    const [y, m, dd] = vnDay(day).split('-')
    expect(m04.pageText).toContain(`ngày ${dd} tháng ${m} năm ${y}`)
    expect(m04.pdfText).toContain(squeeze('Chờ ý kiến cơ quan phối hợp'))
  })
})

describe('Mẫu 06, the tracking book', () => {
  it('numbers receptions race-free and lists the period’s dossiers as a page, a CSV and a PDF', async () => {
    const dossiers = await Promise.all([1, 2, 3, 4].map(() => submittedJudicial()))
    const reception = staff['reception.stp']
    // Four receptions at once: four different, consecutive numbers of the year's book.
    await Promise.all(dossiers.map((d) => act(reception, d, 'receive')))
    const numbers = (
      await t.db
        .selectFrom('dossiers')
        .select(['book_number', 'book_year'])
        .where(
          'id',
          'in',
          dossiers.map((d) => d.id),
        )
        .execute()
    ).map((r) => r.book_number!)
    expect(new Set(numbers).size).toBe(4)
    expect(Math.max(...numbers) - Math.min(...numbers)).toBe(3)

    const today = vnDay(new Date())
    const query = `agency=STP&from=${today}&to=${today}`
    const book = await checkForm(
      reception,
      `/officer/tracking-book?${query}`,
      '06',
      `/officer/tracking-book/pdf?${query}`,
    )
    for (const d of dossiers) {
      expect(book.pageText).toContain(d.code)
      expect(book.pdfText).toContain(d.code)
    }
    expect(book.pageText).toContain('Cấp Phiếu lý lịch tư pháp')

    const csv = await reception.get(`/officer/tracking-book/csv?${query}`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const body = await csv.text()
    const [header, ...lines] = body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    for (const column of FIELDS['06'].slice(1)) expect(header, `CSV: ${column}`).toContain(column)
    for (const d of dossiers) expect(lines.some((l) => l.includes(d.code))).toBe(true)

    // Staff of another agency keep their own book; finance clerks keep none.
    expect((await staff['reception.ubq1'].get(`/officer/tracking-book/csv?${query}`)).status).toBe(403)
    const theirs = await (
      await staff['reception.ubq1'].get(`/officer/tracking-book?from=${today}&to=${today}`)
    ).text()
    for (const d of dossiers) expect(theirs).not.toContain(d.code)
    expect((await staff['finance.stp'].get('/officer/tracking-book')).status).toBe(403)
    expect((await staff['admin.stp'].get(`/officer/tracking-book?${query}`)).status).toBe(200)
  })
})
