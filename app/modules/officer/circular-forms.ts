/**
 * The six forms of Circular 01/2018/TT-VPCP as one document model: a list of blocks (heading, title, lines,
 * paragraphs, tables, QR code, signatures) that the print page draws as HTML and `form-pdf.server.ts` draws as a
 * PDF, so the two can never say different things. Pure: no server code.
 *
 * The wording is the circular's and stays Vietnamese whatever the portal's language: the slip is a legal document
 * that a Vietnamese agency hands to the applicant and files with the dossier (the circular prescribes its text),
 * so it is not translated like the page around it (the page's own chrome is, in locales/).
 */
import { vnDay } from '../calendar/vietnam-time'
import { toCsv } from '../../utils/csv'

export const circularForms = ['01', '02', '03', '04', '05', '06'] as const
export type CircularForm = (typeof circularForms)[number]

export type Block =
  | {
      kind: 'head'
      /** upper-left: the parent authority, the agency, the desk, the form's number */
      left: { text: string; strong?: boolean }[]
      /** the place and date under the national motto */
      dated: string
    }
  | { kind: 'title'; text: string; sub: string[] }
  | { kind: 'line'; label: string; value: string }
  | { kind: 'para'; text: string; strong?: boolean }
  | { kind: 'quote'; text: string }
  | { kind: 'table'; columns: string[]; rows: string[][]; widths: number[] }
  | { kind: 'qr'; url: string; svg: string; text: string }
  | { kind: 'signatures'; signers: { title: string; hint: string; name: string }[] }
  | { kind: 'note'; text: string }

export interface FormDocument {
  form: CircularForm
  /** the form's name, as the circular heads it (also the page's and the PDF's title) */
  title: string
  landscape: boolean
  blocks: Block[]
}

export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc'
export const DESK = 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ'

export const formTitles: Record<CircularForm, string> = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận, giải quyết hồ sơ',
  '04': 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  '05': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  '06': 'Sổ theo dõi hồ sơ',
}

// -------------------------------------------------------------------------------------------------------------
// Vietnamese dates and times, as the circular writes them (Viet Nam time)
// -------------------------------------------------------------------------------------------------------------

function vnParts(at: Date | string) {
  const d = new Date(at)
  const [year, month, day] = vnDay(d).split('-')
  const minutes = Math.floor((d.getTime() / 60_000 + 7 * 60) % (24 * 60))
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0')
  const mm = String(minutes % 60).padStart(2, '0')
  return { year, month, day, hh, mm }
}

/** "ngày 01 tháng 12 năm 2026" */
export function vnDate(at: Date | string): string {
  const p = vnParts(at)
  return `ngày ${p.day} tháng ${p.month} năm ${p.year}`
}

/** "15 giờ 47 phút, ngày 01 tháng 12 năm 2026" (the circular's "… giờ … phút, ngày … tháng … năm …") */
export function vnClock(at: Date | string): string {
  const p = vnParts(at)
  return `${p.hh} giờ ${p.mm} phút, ${vnDate(at)}`
}

/** "15:47, 01/12/2026": the short form, for table cells */
export function vnShort(at: Date | string): string {
  const p = vnParts(at)
  return `${p.hh}:${p.mm}, ${p.day}/${p.month}/${p.year}`
}

/** "01/12/2026" */
export function vnDayShort(at: Date | string): string {
  const p = vnParts(at)
  return `${p.day}/${p.month}/${p.year}`
}

const dash = (v: string | null | undefined) => (v && v.trim() ? v : '…')

// -------------------------------------------------------------------------------------------------------------
// What the forms are filled from
// -------------------------------------------------------------------------------------------------------------

export interface AgencyLines {
  /** tên cơ quan chủ quản: the authority above the agency (null for the city's committee) */
  authority: string | null
  name: string
  address: string
  phone: string
}

export interface DossierFacts {
  code: string
  procedure: string
  procedureCode: string
  processingDays: number
  applicant: {
    name: string
    citizenId: string | null
    phone: string | null
    email: string
    address: string | null
  }
  submittedAt: Date | string | null
  receivedAt: Date | string | null
  /** Mẫu 01's appointment, as decided at reception */
  dueAt: Date | string | null
  delivery: 'online' | 'counter' | 'post' | null
  deliveryAddress: string | null
  /** the tracking book's volume (year) and number */
  book: { year: number; number: number } | null
}

export interface HandedDocument {
  name: string
  /** what the procedure asks for, e.g. "01 bản chính" */
  asked: string
  /** the files handed in for it (online: electronic copies), by the names they were uploaded under */
  files: string[]
}

export interface HandOver {
  unit: string
  from: string
  to: string
  at: Date | string
  deadline: Date | string | null
  /** 'early' | 'on_time' | 'late', or null where the clock does not run (the applicant's turn) */
  timeliness: 'early' | 'on_time' | 'late' | null
  note: string
}

export const timelinessText = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const

const deliveryText = (f: DossierFacts) =>
  f.delivery === 'online'
    ? 'Trực tuyến, trên Cổng Dịch vụ công'
    : f.delivery === 'post'
      ? `Qua dịch vụ bưu chính${f.deliveryAddress ? `: ${f.deliveryAddress}` : ''}`
      : f.delivery === 'counter'
        ? 'Bộ phận tiếp nhận và trả kết quả'
        : '…'

const bookText = (b: DossierFacts['book']) => (b ? `Quyển số ${b.year}, Số thứ tự ${b.number}` : '…')

function head(agency: AgencyLines, number: string, at: Date | string): Block {
  return {
    kind: 'head',
    left: [
      ...(agency.authority ? [{ text: agency.authority.toUpperCase() }] : []),
      { text: agency.name.toUpperCase(), strong: true },
      { text: DESK, strong: true },
      { text: number },
    ],
    dated: `${vnDate(at).replace(/^n/, 'N')}`,
  }
}

function applicantLines(f: DossierFacts, first: string): Block[] {
  return [
    { kind: 'line', label: first, value: f.applicant.name },
    { kind: 'line', label: 'Số định danh cá nhân', value: dash(f.applicant.citizenId) },
    { kind: 'line', label: 'Địa chỉ', value: dash(f.applicant.address) },
    { kind: 'line', label: 'Số điện thoại', value: dash(f.applicant.phone) },
    { kind: 'line', label: 'Email', value: dash(f.applicant.email) },
    { kind: 'line', label: 'Nội dung yêu cầu giải quyết', value: `${f.procedure} (${f.procedureCode})` },
  ]
}

const sign = (title: string, name: string | null, hint = '(Ký và ghi rõ họ tên)') => ({
  title,
  hint,
  name: name ?? '',
})

// -------------------------------------------------------------------------------------------------------------
// Mẫu 01–05: one dossier
// -------------------------------------------------------------------------------------------------------------

export interface Form01Input {
  agency: AgencyLines
  dossier: DossierFacts
  at: Date | string
  officer: string | null
  documents: HandedDocument[]
  lookupUrl: string
  qrSvg: string
}

export function form01(i: Form01Input): FormDocument {
  const f = i.dossier
  const book = f.book ? `Số: ${f.book.number}/${f.book.year}/TNHS` : 'Số: …/TNHS'
  const copies = i.documents.reduce((n, d) => n + d.files.length, 0)
  return {
    form: '01',
    title: formTitles['01'],
    landscape: false,
    blocks: [
      head(i.agency, book, i.at),
      { kind: 'title', text: formTitles['01'].toUpperCase(), sub: [`Mã hồ sơ: ${f.code}`] },
      { kind: 'para', text: `Bộ phận tiếp nhận và trả kết quả ${i.agency.name}` },
      ...applicantLines(f, 'Tiếp nhận hồ sơ của'),
      { kind: 'para', text: '1. Thành phần hồ sơ nộp gồm:', strong: true },
      {
        kind: 'table',
        columns: ['TT', 'Tên loại giấy tờ', 'Bản chính', 'Bản sao', 'Số lượng'],
        widths: [6, 58, 12, 12, 12],
        rows: i.documents.map((d, n) => [
          String(n + 1),
          `${d.name} (quy định: ${d.asked}; tệp: ${d.files.join(', ')})`,
          '0',
          String(d.files.length),
          String(d.files.length),
        ]),
      },
      {
        kind: 'note',
        text: 'Hồ sơ nộp trực tuyến: các giấy tờ là bản sao điện tử (bản chụp) do người nộp tải lên Cổng Dịch vụ công; bản chính được đối chiếu khi trả kết quả nếu thủ tục yêu cầu.',
      },
      { kind: 'line', label: '2. Số lượng hồ sơ', value: `01 bộ (${copies} tệp)` },
      {
        kind: 'line',
        label: '3. Thời gian giải quyết hồ sơ theo quy định',
        value: `${f.processingDays} ngày làm việc`,
      },
      { kind: 'line', label: '4. Thời gian nhận hồ sơ', value: vnClock(f.receivedAt ?? i.at) },
      {
        kind: 'line',
        label: '5. Thời gian trả kết quả giải quyết hồ sơ',
        value: f.dueAt ? vnClock(f.dueAt) : '…',
      },
      { kind: 'line', label: '6. Đăng ký nhận kết quả tại', value: deliveryText(f) },
      { kind: 'line', label: 'Vào Sổ theo dõi hồ sơ', value: bookText(f.book) },
      {
        kind: 'qr',
        url: i.lookupUrl,
        svg: i.qrSvg,
        text: `Tra cứu tình trạng hồ sơ: quét mã QR hoặc vào ${i.lookupUrl}, nhập mã hồ sơ ${f.code} và 4 số cuối của số điện thoại hoặc số định danh cá nhân của người nộp.`,
      },
      {
        kind: 'signatures',
        signers: [sign('NGƯỜI NỘP HỒ SƠ', f.applicant.name), sign('NGƯỜI TIẾP NHẬN HỒ SƠ', i.officer)],
      },
      {
        kind: 'note',
        text: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên: 01 liên giao cho người nộp hồ sơ; 01 liên chuyển kèm theo hồ sơ và lưu tại Bộ phận tiếp nhận và trả kết quả.',
      },
    ],
  }
}

export interface Form02Input {
  agency: AgencyLines
  dossier: DossierFacts
  at: Date | string
  officer: string | null
  items: { name: string; reason: string }[]
}

export function form02(i: Form02Input): FormDocument {
  const f = i.dossier
  return {
    form: '02',
    title: formTitles['02'],
    landscape: false,
    blocks: [
      head(i.agency, 'Số: …/HDHS', i.at),
      { kind: 'title', text: formTitles['02'].toUpperCase(), sub: [`Mã hồ sơ: ${f.code}`] },
      ...applicantLines(f, 'Hồ sơ của'),
      {
        kind: 'line',
        label: 'Ngày nộp hồ sơ',
        value: f.submittedAt ? vnClock(f.submittedAt) : '…',
      },
      { kind: 'para', text: 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', strong: true },
      {
        kind: 'table',
        columns: ['TT', 'Nội dung cần bổ sung, hoàn thiện', 'Lý do'],
        widths: [6, 47, 47],
        rows: i.items.map((it, n) => [String(n + 1), it.name, it.reason]),
      },
      { kind: 'line', label: 'Thời gian yêu cầu bổ sung', value: vnClock(i.at) },
      {
        kind: 'para',
        text: `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với ${dash(i.officer)}, Bộ phận tiếp nhận và trả kết quả ${i.agency.name}, số điện thoại ${dash(i.agency.phone)}, để được hướng dẫn. Ông/bà bổ sung hồ sơ trực tuyến trên Cổng Dịch vụ công; thời hạn giải quyết tạm dừng cho đến khi nhận đủ nội dung bổ sung.`,
      },
      { kind: 'signatures', signers: [sign('NGƯỜI HƯỚNG DẪN', i.officer)] },
    ],
  }
}

export interface Form03Input {
  agency: AgencyLines
  dossier: DossierFacts
  at: Date | string
  officer: string | null
  /** refuse_intake: refused at the desk; refuse: refused after processing */
  atIntake: boolean
  reason: string
}

export function form03(i: Form03Input): FormDocument {
  const f = i.dossier
  return {
    form: '03',
    title: formTitles['03'],
    landscape: false,
    blocks: [
      head(i.agency, 'Số: …/TC', i.at),
      { kind: 'title', text: formTitles['03'].toUpperCase(), sub: [`Mã hồ sơ: ${f.code}`] },
      { kind: 'para', text: `Bộ phận tiếp nhận và trả kết quả ${i.agency.name}` },
      ...applicantLines(f, 'Tiếp nhận hồ sơ của'),
      { kind: 'line', label: 'Ngày nộp hồ sơ', value: f.submittedAt ? vnClock(f.submittedAt) : '…' },
      {
        kind: 'para',
        text: i.atIntake
          ? `Qua xem xét, ${i.agency.name} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`
          : `Qua xem xét, ${i.agency.name} thông báo không giải quyết hồ sơ này với lý do cụ thể như sau:`,
      },
      { kind: 'quote', text: i.reason },
      { kind: 'para', text: 'Xin thông báo để ông/bà được biết và thực hiện./.' },
      {
        kind: 'signatures',
        signers: [
          i.atIntake
            ? sign('NGƯỜI TIẾP NHẬN HỒ SƠ', i.officer)
            : sign('THỦ TRƯỞNG CƠ QUAN', i.officer, '(Ký, ghi rõ họ tên và đóng dấu)'),
        ],
      },
    ],
  }
}

export interface Form04Input {
  agency: AgencyLines
  dossier: DossierFacts
  at: Date | string
  officer: string | null
  legalDueAt: Date | string | null
  newAppointmentAt: Date | string | null
  reason: string
}

export function form04(i: Form04Input): FormDocument {
  const f = i.dossier
  const a = i.agency.name
  const received = f.receivedAt ? vnDate(f.receivedAt) : 'ngày … tháng … năm …'
  return {
    form: '04',
    title: formTitles['04'],
    landscape: false,
    blocks: [
      head(i.agency, 'Số: …/XL', i.at),
      { kind: 'title', text: formTitles['04'].toUpperCase(), sub: [`Mã hồ sơ: ${f.code}`] },
      { kind: 'line', label: 'Kính gửi', value: f.applicant.name },
      {
        kind: 'para',
        text: `${received.replace(/^n/, 'N')}, ${a} tiếp nhận giải quyết hồ sơ của ông/bà, mã hồ sơ ${f.code}; nội dung yêu cầu giải quyết: ${f.procedure} (${f.procedureCode}).`,
      },
      {
        kind: 'line',
        label: 'Ngày hẹn trả kết quả giải quyết hồ sơ',
        value: i.legalDueAt ? vnClock(i.legalDueAt) : '…',
      },
      {
        kind: 'para',
        text: `Tuy nhiên đến nay, ${a} chưa trả kết quả giải quyết hồ sơ cho ông/bà đúng thời hạn quy định. Lý do:`,
      },
      { kind: 'quote', text: i.reason },
      {
        kind: 'para',
        text: `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của ông/bà. ${a} xin lỗi ông/bà và hẹn lại ngày trả kết quả giải quyết hồ sơ vào ${i.newAppointmentAt ? vnDate(i.newAppointmentAt) : 'ngày … tháng … năm …'}.`,
      },
      {
        kind: 'line',
        label: 'Ngày hẹn trả kết quả mới',
        value: i.newAppointmentAt ? vnDayShort(i.newAppointmentAt) : '…',
      },
      { kind: 'para', text: `${a} xin trân trọng cảm ơn./.` },
      {
        kind: 'signatures',
        signers: [sign('THỦ TRƯỞNG CƠ QUAN', i.officer, '(Ký, ghi rõ họ tên và đóng dấu)')],
      },
    ],
  }
}

export interface Form05Input {
  agency: AgencyLines
  dossier: DossierFacts
  at: Date | string
  handOvers: HandOver[]
}

export function form05(i: Form05Input): FormDocument {
  const f = i.dossier
  return {
    form: '05',
    title: formTitles['05'],
    landscape: true,
    blocks: [
      head(i.agency, f.book ? `Số: ${f.book.number}/${f.book.year}/KSQT` : 'Số: …/KSQT', i.at),
      {
        kind: 'title',
        text: formTitles['05'].toUpperCase(),
        sub: [
          `Mã hồ sơ: ${f.code}`,
          `(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả${f.book ? ` số ${f.book.number}/${f.book.year}/TNHS` : ''})`,
        ],
      },
      { kind: 'line', label: 'Cơ quan (bộ phận) giải quyết hồ sơ', value: i.agency.name },
      { kind: 'line', label: 'Cơ quan phối hợp giải quyết hồ sơ', value: 'Không' },
      { kind: 'line', label: 'Người nộp hồ sơ', value: f.applicant.name },
      { kind: 'line', label: 'Nội dung yêu cầu giải quyết', value: `${f.procedure} (${f.procedureCode})` },
      { kind: 'line', label: 'Thời gian nhận hồ sơ', value: f.receivedAt ? vnClock(f.receivedAt) : '…' },
      { kind: 'line', label: 'Thời gian hẹn trả kết quả', value: f.dueAt ? vnClock(f.dueAt) : '…' },
      {
        kind: 'table',
        columns: [
          'TT',
          'Tên cơ quan (bộ phận)',
          'Người giao',
          'Người nhận',
          'Thời gian giao, nhận hồ sơ',
          'Hạn xử lý',
          'Kết quả giải quyết hồ sơ (Trước hạn/Đúng hạn/Quá hạn)',
          'Ghi chú',
        ],
        widths: [4, 16, 14, 14, 13, 13, 11, 15],
        rows: i.handOvers.map((h, n) => [
          String(n + 1),
          h.unit,
          h.from,
          h.to,
          vnShort(h.at),
          h.deadline ? vnShort(h.deadline) : '—',
          h.timeliness ? timelinessText[h.timeliness] : '—',
          h.note,
        ]),
      },
      {
        kind: 'note',
        text: 'Phiếu được lập từ nhật ký giải quyết hồ sơ trên hệ thống: mỗi dòng là một lần giao, nhận hồ sơ, với người giao, người nhận, thời điểm và thời hạn đang áp dụng. Thời gian chờ người nộp bổ sung hồ sơ hoặc nộp phí không tính vào thời hạn giải quyết.',
      },
    ],
  }
}

// -------------------------------------------------------------------------------------------------------------
// Mẫu 06: the agency's tracking book for a period
// -------------------------------------------------------------------------------------------------------------

export interface BookEntry {
  book: { year: number; number: number } | null
  code: string
  procedure: string
  applicant: string
  contact: string
  /** cơ quan chủ trì giải quyết */
  lead: string
  receivedAt: Date | string | null
  dueAt: Date | string | null
  /** handed to the specialist (chuyển hồ sơ đến cơ quan giải quyết) */
  transferredAt: Date | string | null
  /** the result came back to the desk (nhận kết quả từ cơ quan giải quyết) */
  resultAt: Date | string | null
  /** the result handed to the applicant (trả kết quả) */
  returnedAt: Date | string | null
  /** how the result was handed over, in the "ký nhận" column */
  signedFor: string
  note: string
}

export const bookColumns = [
  'STT (Quyển số/Số thứ tự)',
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
] as const

/** The cells of one row of the book, in `bookColumns` order (the printed page, the PDF and the CSV share them). */
export function bookCells(e: BookEntry): string[] {
  const when = (v: Date | string | null) => (v ? vnShort(v) : '')
  return [
    e.book ? `${e.book.year}/${e.book.number}` : '',
    e.code,
    e.procedure,
    '01',
    e.applicant,
    e.contact,
    e.lead,
    when(e.receivedAt),
    when(e.dueAt),
    when(e.transferredAt),
    when(e.resultAt),
    when(e.returnedAt),
    e.signedFor,
    e.note,
  ]
}

export interface Form06Input {
  agency: AgencyLines
  from: string
  to: string
  at: Date | string
  entries: BookEntry[]
}

export function form06(i: Form06Input): FormDocument {
  const day = (d: string) => d.split('-').reverse().join('/')
  return {
    form: '06',
    title: formTitles['06'],
    landscape: true,
    blocks: [
      head(i.agency, `Số: ${i.from.slice(0, 4)}/STDHS`, i.at),
      {
        kind: 'title',
        text: formTitles['06'].toUpperCase(),
        sub: [`Từ ngày ${day(i.from)} đến ngày ${day(i.to)}`, `${i.entries.length} hồ sơ`],
      },
      {
        kind: 'table',
        columns: [...bookColumns],
        widths: [6, 10, 12, 5, 9, 10, 8, 7, 7, 7, 7, 7, 6, 7],
        rows: i.entries.map(bookCells),
      },
      {
        kind: 'note',
        text: 'Sổ được lập từ hệ thống: số thứ tự là số vào sổ khi tiếp nhận (một quyển mỗi năm), thời gian theo giờ Việt Nam.',
      },
    ],
  }
}

/** The CSV of the book: the printed book's columns and cells, written by the portal's one CSV writer. */
export function bookCsv(entries: BookEntry[]): string {
  return toCsv(
    entries.map(bookCells),
    bookColumns.map((header, i) => ({ header, value: (cells: string[]) => cells[i] })),
  )
}
