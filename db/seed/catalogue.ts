/**
 * The demo catalogue: agencies, the nine procedures of the reference table and the public holidays of 2026–2027.
 * Pure data (see ./types.ts); fees, documents and legal bases follow shared/reference/vn-public-services.md.
 * Demo data: an agency checks every procedure before it is published in production.
 */
import type { ChannelText, FeePolicy } from '../../app/modules/catalogue/types'
import type { Bilingual, RequiredDocument } from '../../app/modules/forms/definition'
import type { DeliveryMethod } from '../schema'
import type { SeedAgency, SeedHoliday, SeedProcedure } from './types'

// ---------------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------------

const MB = 1024 * 1024
const DOC_MAX = 10 * MB
const DRAWING_MAX = 20 * MB
const commonTypes = ['application/pdf', 'image/jpeg', 'image/png']

const bi = (vi: string, en: string): Bilingual => ({ vi, en })

/** Numbered steps, one per line. */
const steps = (items: Array<[vi: string, en: string]>): Bilingual => ({
  vi: items.map(([vi], i) => `${i + 1}. ${vi}`).join('\n'),
  en: items.map(([, en], i) => `${i + 1}. ${en}`).join('\n'),
})

const groupDigits = (amount: number, separator: string): string =>
  String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, separator)

/** 200000 → { vi: '200.000 đồng', en: 'VND 200,000' } */
const money = (amount: number): Bilingual =>
  bi(`${groupDigits(amount, '.')} đồng`, `VND ${groupDigits(amount, ',')}`)

/** A fee per unit for the channel table: feeText(8000, 'bản', 'copy') → '8.000 đồng/bản' / 'VND 8,000 per copy' */
const feeText = (amount: number, viUnit: string, enUnit: string): Bilingual => {
  const m = money(amount)
  return bi(`${m.vi}/${viUnit}`, `${m.en} per ${enUnit}`)
}

/** Processing time as published: "01 ngày làm việc" / "1 working day". */
const workingDays = (n: number): Bilingual =>
  bi(`${String(n).padStart(2, '0')} ngày làm việc`, n === 1 ? '1 working day' : `${n} working days`)

const FREE_TEXT = bi('Miễn lệ phí', 'Free of charge')

/**
 * The channel × time × fee table: online and counter always, post when the result can be posted.
 * At level 3 the fee is paid at the agency when the result is collected.
 */
function channelsFor(level: 3 | 4, days: number, delivery: DeliveryMethod[], fee: Bilingual): ChannelText[] {
  const time = workingDays(days)
  const online: ChannelText = {
    channel: 'online',
    time,
    fee:
      level === 4
        ? bi(`${fee.vi} (thanh toán trực tuyến)`, `${fee.en} (paid online)`)
        : bi(
            `${fee.vi} (nộp khi nhận kết quả tại Bộ phận Một cửa)`,
            `${fee.en} (paid at the counter on collection)`,
          ),
  }
  const counter: ChannelText = { channel: 'counter', time, fee }
  const channels = [online, counter]
  if (delivery.includes('post')) {
    channels.push({
      channel: 'post',
      time: bi(`${time.vi} (không kể thời gian chuyển phát)`, `${time.en} (plus delivery time)`),
      fee: bi(`${fee.vi} (chưa gồm cước dịch vụ bưu chính)`, `${fee.en} (postage not included)`),
    })
  }
  return channels
}

function doc(
  key: string,
  name: Bilingual,
  copies: Bilingual,
  options: { required?: boolean; maxBytes?: number; accept?: string[]; kind?: string } = {},
): RequiredDocument {
  return {
    key,
    ...(options.kind ? { kind: options.kind } : {}),
    name,
    copies,
    required: options.required ?? true,
    accept: options.accept ?? commonTypes,
    maxBytes: options.maxBytes ?? DOC_MAX,
  }
}

const ONE_ORIGINAL = bi('01 bản chính', '1 original')
const ONE_COPY = bi('01 bản sao hoặc bản chụp', '1 copy or scan')
const ONE_CERTIFIED_COPY = bi(
  '01 bản sao có chứng thực hoặc bản chụp kèm bản chính để đối chiếu',
  '1 certified copy, or a scan with the original shown for comparison',
)

// Shared documents

const idCard = (who: Bilingual = bi('người yêu cầu', 'the applicant')): RequiredDocument =>
  doc(
    'id_card',
    bi(
      `Thẻ Căn cước, Căn cước công dân hoặc Hộ chiếu của ${who.vi}`,
      `Identity card, citizen identity card or passport of ${who.en}`,
    ),
    bi(
      '01 bản chụp (không phải nộp nếu thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư)',
      '1 scan (not needed when the data is already in the National Population Database)',
    ),
    { kind: 'identity_document' },
  )

// Shared legal bases

const LAW_CIVIL_STATUS = bi(
  'Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014',
  'Law on Civil Status No. 60/2014/QH13 of 20 November 2014',
)
const DECREE_123_2015 = bi(
  'Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
  'Government Decree No. 123/2015/ND-CP of 15 November 2015 detailing and guiding the Law on Civil Status',
)
const DECREE_45_2020 = bi(
  'Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử',
  'Government Decree No. 45/2020/ND-CP of 8 April 2020 on carrying out administrative procedures electronically',
)

// ---------------------------------------------------------------------------------------------------------------
// Agencies
// ---------------------------------------------------------------------------------------------------------------

export const agencies: SeedAgency[] = [
  {
    code: 'TP',
    name: bi('Ủy ban nhân dân Thành phố', "City People's Committee"),
    parentCode: null,
    address: bi(
      '86 Lê Thánh Tôn, phường Bến Nghé, Quận 1',
      '86 Le Thanh Ton Street, Ben Nghe Ward, District 1',
    ),
    phone: '028 3829 6052',
    email: 'ubnd@example.gov.vn',
  },
  {
    code: 'STP',
    name: bi('Sở Tư pháp', 'Department of Justice'),
    parentCode: 'TP',
    address: bi('141-143 Pasteur, phường 6, Quận 3', '141-143 Pasteur Street, Ward 6, District 3'),
    phone: '028 3829 0230',
    email: 'sotuphap@example.gov.vn',
  },
  {
    code: 'SGTVT',
    name: bi('Sở Giao thông vận tải', 'Department of Transport'),
    parentCode: 'TP',
    address: bi(
      '63 Lý Tự Trọng, phường Bến Nghé, Quận 1',
      '63 Ly Tu Trong Street, Ben Nghe Ward, District 1',
    ),
    phone: '028 3829 0451',
    email: 'sogtvt@example.gov.vn',
  },
  {
    code: 'SYT',
    name: bi('Sở Y tế', 'Department of Health'),
    parentCode: 'TP',
    address: bi(
      '59 Nguyễn Thị Minh Khai, phường Bến Thành, Quận 1',
      '59 Nguyen Thi Minh Khai Street, Ben Thanh Ward, District 1',
    ),
    phone: '028 3930 9912',
    email: 'soyte@example.gov.vn',
  },
  {
    code: 'UBQ1',
    name: bi('Ủy ban nhân dân Quận 1', "District 1 People's Committee"),
    parentCode: 'TP',
    address: bi('47 Lê Duẩn, phường Bến Nghé, Quận 1', '47 Le Duan Street, Ben Nghe Ward, District 1'),
    phone: '028 3829 4098',
    email: 'ubndquan1@example.gov.vn',
  },
  {
    code: 'PBN',
    name: bi('Ủy ban nhân dân phường Bến Nghé', "Ben Nghe Ward People's Committee"),
    parentCode: 'UBQ1',
    address: bi(
      '29 Mạc Đĩnh Chi, phường Bến Nghé, Quận 1',
      '29 Mac Dinh Chi Street, Ben Nghe Ward, District 1',
    ),
    phone: '028 3822 5349',
    email: 'phuongbennghe@example.gov.vn',
  },
]

// ---------------------------------------------------------------------------------------------------------------
// Procedures
// ---------------------------------------------------------------------------------------------------------------

const FIELD_CIVIL_STATUS = bi('Hộ tịch', 'Civil status')

// 1. Birth registration — PBN, level 4, 1 day, free
const birthDelivery: DeliveryMethod[] = ['online', 'counter']
const birthFee: FeePolicy = {
  kind: 'free',
  note: bi(
    'Miễn lệ phí đối với trường hợp đăng ký khai sinh đúng hạn.',
    'No fee is charged when the birth is registered within the time limit.',
  ),
}

const birthRegistration: SeedProcedure = {
  code: '1.001193.000.00.00.H56',
  agencyCode: 'PBN',
  field: FIELD_CIVIL_STATUS,
  level: 4,
  name: bi('Đăng ký khai sinh', 'Birth registration'),
  summary: bi(
    'Đăng ký việc sinh cho trẻ em và cấp Giấy khai sinh tại Ủy ban nhân dân phường nơi cư trú của cha hoặc mẹ.',
    "Registers a child's birth and issues the birth certificate at the ward people's committee where the father or mother resides.",
  ),
  processingDays: 1,
  applicantType: bi(
    'Công dân Việt Nam (cha, mẹ hoặc người có trách nhiệm đăng ký khai sinh cho trẻ em)',
    "Vietnamese citizens (the child's father, mother or another person responsible for registering the birth)",
  ),
  steps: steps([
    [
      'Người yêu cầu đăng nhập Cổng Dịch vụ công bằng tài khoản định danh điện tử, điền Tờ khai đăng ký khai sinh điện tử và đính kèm bản chụp Giấy chứng sinh.',
      'The applicant signs in to the public service portal with an electronic identification account, fills in the online birth-registration form and attaches a scan of the birth certificate from the medical facility.',
    ],
    [
      'Bộ phận Một cửa kiểm tra hồ sơ trong thời hạn 08 giờ làm việc; hồ sơ hợp lệ được tiếp nhận và gửi Giấy tiếp nhận hồ sơ và hẹn trả kết quả, hồ sơ chưa đầy đủ được hướng dẫn bổ sung.',
      'The one-stop desk checks the dossier within 8 working hours; a complete dossier is accepted with a receipt and appointment slip, an incomplete one receives a request to supplement.',
    ],
    [
      'Công chức tư pháp - hộ tịch kiểm tra, xác minh thông tin, ghi vào Sổ đăng ký khai sinh, cập nhật Cơ sở dữ liệu hộ tịch điện tử và trình Chủ tịch Ủy ban nhân dân phường ký Giấy khai sinh.',
      "The justice and civil-status officer verifies the information, records the birth in the birth register and the electronic civil-status database, and submits the birth certificate for the ward chairperson's signature.",
    ],
    [
      'Người yêu cầu nhận Giấy khai sinh điện tử trên Cổng Dịch vụ công hoặc nhận bản giấy tại Bộ phận Một cửa.',
      'The applicant receives the electronic birth certificate on the portal, or collects the paper certificate at the one-stop desk.',
    ],
  ]),
  conditions: bi(
    'Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày sinh; việc đăng ký được thực hiện tại Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ.',
    "Parents must register the child's birth within 60 days of the birth, at the commune-level people's committee where the father or mother resides.",
  ),
  resultKind: 'birth_certificate',
  result: bi(
    'Giấy khai sinh (bản điện tử; bản chính bằng giấy theo yêu cầu); trẻ em được cấp số định danh cá nhân.',
    'Birth certificate (electronic; a paper original on request); the child is given a personal identification number.',
  ),
  legalBasis: [LAW_CIVIL_STATUS, DECREE_123_2015, DECREE_45_2020],
  channels: channelsFor(4, 1, birthDelivery, FREE_TEXT),
  delivery: birthDelivery,
  fee: birthFee,
  documents: [
    doc('request_form', bi('Tờ khai đăng ký khai sinh', 'Birth-registration form'), ONE_ORIGINAL),
    doc(
      'birth_certificate_medical',
      bi(
        'Giấy chứng sinh do cơ sở y tế cấp; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh',
        'Birth certificate issued by the medical facility or, where there is none, a written statement of a witness to the birth',
      ),
      ONE_ORIGINAL,
      { kind: 'medical_birth_certificate' },
    ),
  ],
}

// 2. Copies of civil-status extracts — PBN, level 4, 1 day, 8 000 ₫ per copy
const extractDelivery: DeliveryMethod[] = ['online', 'counter', 'post']
const extractFee: FeePolicy = {
  kind: 'per_unit',
  unitAmount: 8000,
  unit: bi('bản', 'copy'),
  unitField: 'copies',
  note: null,
}

const extractCopies: SeedProcedure = {
  code: '2.000635.000.00.00.H56',
  agencyCode: 'PBN',
  field: FIELD_CIVIL_STATUS,
  level: 4,
  name: bi('Cấp bản sao trích lục hộ tịch', 'Issuance of copies of civil-status extracts'),
  summary: bi(
    'Cấp bản sao trích lục về sự kiện hộ tịch đã được đăng ký (khai sinh, kết hôn, khai tử…) từ Cơ sở dữ liệu hộ tịch.',
    'Issues copies of extracts of registered civil-status events (birth, marriage, death…) from the civil-status database.',
  ),
  processingDays: 1,
  applicantType: bi(
    'Công dân Việt Nam, người nước ngoài có sự kiện hộ tịch đã được đăng ký tại cơ quan có thẩm quyền của Việt Nam',
    'Vietnamese citizens and foreigners whose civil-status events were registered by a competent Vietnamese authority',
  ),
  steps: steps([
    [
      'Người yêu cầu đăng nhập Cổng Dịch vụ công, điền Tờ khai cấp bản sao trích lục hộ tịch, ghi rõ số bản cần cấp và đính kèm giấy tờ theo quy định.',
      'The applicant signs in to the public service portal, fills in the request form stating the number of copies needed and attaches the required documents.',
    ],
    [
      'Bộ phận Một cửa kiểm tra và tiếp nhận hồ sơ trong thời hạn 08 giờ làm việc, gửi Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
      'The one-stop desk checks and accepts the dossier within 8 working hours and sends a receipt and appointment slip.',
    ],
    [
      'Người yêu cầu nộp lệ phí trực tuyến qua nền tảng thanh toán của Cổng Dịch vụ công.',
      "The applicant pays the fee online through the portal's payment platform.",
    ],
    [
      'Công chức tư pháp - hộ tịch tra cứu Sổ hộ tịch, Cơ sở dữ liệu hộ tịch điện tử và trình lãnh đạo Ủy ban nhân dân phường ký bản sao trích lục.',
      'The justice and civil-status officer looks up the civil-status register and database and submits the extract copies to the ward leadership for signature.',
    ],
    [
      'Người yêu cầu nhận bản sao trích lục điện tử trên Cổng Dịch vụ công, tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính.',
      'The applicant receives the extract copies electronically on the portal, at the one-stop desk or by post.',
    ],
  ]),
  conditions: bi(
    'Sự kiện hộ tịch đã được đăng ký tại cơ quan đăng ký hộ tịch của Việt Nam; người yêu cầu là người có thông tin trong trích lục, người thân thích hoặc người được ủy quyền hợp pháp.',
    'The civil-status event has been registered by a Vietnamese registration authority; the applicant is the person named in the extract, a close relative or a lawfully authorised representative.',
  ),
  resultKind: 'civil_status_extract',
  result: bi(
    'Bản sao trích lục hộ tịch theo số bản yêu cầu.',
    'Copies of the civil-status extract, as many as requested.',
  ),
  legalBasis: [
    LAW_CIVIL_STATUS,
    DECREE_123_2015,
    bi(
      'Thông tư số 281/2016/TT-BTC ngày 14/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch',
      'Ministry of Finance Circular No. 281/2016/TT-BTC of 14 November 2016 on the fee for using information in the civil-status database',
    ),
  ],
  channels: channelsFor(4, 1, extractDelivery, feeText(8000, 'bản', 'copy')),
  delivery: extractDelivery,
  fee: extractFee,
  documents: [
    doc(
      'request_form',
      bi('Tờ khai cấp bản sao trích lục hộ tịch', 'Request form for copies of a civil-status extract'),
      ONE_ORIGINAL,
    ),
    idCard(),
    doc(
      'authorization',
      bi(
        'Văn bản ủy quyền (trường hợp ủy quyền thực hiện thủ tục)',
        'Power of attorney (when acting on behalf of another person)',
      ),
      ONE_CERTIFIED_COPY,
      { required: false, kind: 'power_of_attorney' },
    ),
  ],
}

// 3. Certified copy from the original — PBN, level 3, 1 day, 2 000 ₫ per page
const certifiedCopyDelivery: DeliveryMethod[] = ['counter']
const certifiedCopyFee: FeePolicy = {
  kind: 'per_unit',
  unitAmount: 2000,
  unit: bi('trang', 'page'),
  unitField: 'pages',
  note: bi(
    'Trang thứ nhất và trang thứ hai: 2.000 đồng/trang; từ trang thứ ba trở đi: 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản.',
    'VND 2,000 per page for the first two pages, then VND 1,000 per page from the third page, at most VND 200,000 per copy.',
  ),
}

const certifiedCopy: SeedProcedure = {
  code: '2.000815.000.00.00.H56',
  agencyCode: 'PBN',
  field: bi('Chứng thực', 'Certification'),
  level: 3,
  name: bi('Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'Certification of copies made from originals'),
  summary: bi(
    'Chứng thực bản sao là đúng với bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận.',
    'Certifies that copies match the original papers or documents issued or certified by a competent Vietnamese authority or organisation.',
  ),
  processingDays: 1,
  applicantType: bi('Cá nhân, tổ chức', 'Individuals and organisations'),
  steps: steps([
    [
      'Người yêu cầu đăng nhập Cổng Dịch vụ công, khai thông tin yêu cầu chứng thực (loại giấy tờ, số trang, số bản) và đính kèm bản chụp giấy tờ cần chứng thực.',
      'The applicant signs in to the public service portal, enters the request (type of document, number of pages and copies) and attaches a scan of the document.',
    ],
    [
      'Bộ phận Một cửa kiểm tra thông tin và tiếp nhận yêu cầu trong thời hạn 08 giờ làm việc, hẹn ngày người yêu cầu xuất trình bản chính.',
      'The one-stop desk checks and accepts the request within 8 working hours and sets the date on which the applicant shows the original.',
    ],
    [
      'Người yêu cầu xuất trình bản chính tại Bộ phận Một cửa; người thực hiện chứng thực đối chiếu bản sao với bản chính, ghi lời chứng, ký, đóng dấu và ghi vào sổ chứng thực.',
      'The applicant shows the original at the one-stop desk; the certifying officer compares the copies with it, adds the certification statement, signs, stamps and records it in the certification register.',
    ],
    [
      'Người yêu cầu nộp lệ phí và nhận bản sao đã được chứng thực tại Bộ phận Một cửa.',
      'The applicant pays the fee and collects the certified copies at the one-stop desk.',
    ],
  ]),
  conditions: bi(
    'Bản chính phải được xuất trình để đối chiếu; không chứng thực bản sao từ bản chính bị tẩy xóa, sửa chữa, thêm, bớt nội dung không hợp lệ, bị hư hỏng, cũ nát không xác định được nội dung, đóng dấu mật hoặc có nội dung trái pháp luật, đạo đức xã hội.',
    'The original must be shown for comparison; no copy is certified from an original that has been erased, altered or improperly amended, is too damaged to read, is marked secret, or has unlawful or immoral content.',
  ),
  resultKind: 'certified_copy',
  result: bi('Bản sao được chứng thực từ bản chính.', 'Copies certified as true copies of the original.'),
  legalBasis: [
    bi(
      'Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
      'Government Decree No. 23/2015/ND-CP of 16 February 2015 on copies from master registers, certification of copies from originals, of signatures and of contracts and transactions',
    ),
    bi(
      'Thông tư số 226/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực',
      'Ministry of Finance Circular No. 226/2016/TT-BTC of 11 November 2016 on certification fees',
    ),
  ],
  channels: channelsFor(
    3,
    1,
    certifiedCopyDelivery,
    bi(
      '2.000 đồng/trang (từ trang thứ ba: 1.000 đồng/trang, tối đa 200.000 đồng/bản)',
      'VND 2,000 per page (from the third page VND 1,000 per page, at most VND 200,000 per copy)',
    ),
  ),
  delivery: certifiedCopyDelivery,
  fee: certifiedCopyFee,
  documents: [
    doc(
      'original_document',
      bi(
        'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao',
        'The original paper or document to be copied',
      ),
      bi(
        '01 bản chụp khi nộp trực tuyến; xuất trình bản chính tại Bộ phận Một cửa',
        '1 scan online; the original is shown at the counter',
      ),
    ),
    doc(
      'copies_to_certify',
      bi('Bản sao cần chứng thực', 'The copies to be certified'),
      bi('Số bản theo yêu cầu', 'As many as requested'),
      { required: false },
    ),
  ],
}

// 4. Marriage registration — PBN, level 3, 1 day, free
const marriageDelivery: DeliveryMethod[] = ['counter']

const marriageRegistration: SeedProcedure = {
  code: '1.000894.000.00.00.H56',
  agencyCode: 'PBN',
  field: FIELD_CIVIL_STATUS,
  level: 3,
  name: bi('Đăng ký kết hôn', 'Marriage registration'),
  summary: bi(
    'Đăng ký kết hôn giữa công dân Việt Nam với nhau tại Ủy ban nhân dân phường nơi cư trú của một trong hai bên.',
    "Registers a marriage between Vietnamese citizens at the ward people's committee where either partner resides.",
  ),
  processingDays: 1,
  applicantType: bi(
    'Công dân Việt Nam (hai bên nam, nữ đăng ký kết hôn)',
    'Vietnamese citizens (the man and woman getting married)',
  ),
  steps: steps([
    [
      'Một trong hai bên đăng nhập Cổng Dịch vụ công, điền Tờ khai đăng ký kết hôn điện tử và đính kèm giấy tờ theo quy định.',
      'One of the partners signs in to the public service portal, fills in the online marriage-registration form and attaches the required documents.',
    ],
    [
      'Bộ phận Một cửa kiểm tra và tiếp nhận hồ sơ trong thời hạn 08 giờ làm việc, gửi Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
      'The one-stop desk checks and accepts the dossier within 8 working hours and sends a receipt and appointment slip.',
    ],
    [
      'Công chức tư pháp - hộ tịch kiểm tra, xác minh điều kiện kết hôn và báo cáo Chủ tịch Ủy ban nhân dân phường.',
      'The justice and civil-status officer verifies the conditions for marriage and reports to the ward chairperson.',
    ],
    [
      'Hai bên có mặt tại Ủy ban nhân dân phường, xuất trình giấy tờ tùy thân, cùng ký vào Sổ đăng ký kết hôn và Giấy chứng nhận kết hôn, nhận mỗi bên 01 bản chính.',
      "Both partners attend the ward people's committee, show their identity papers, sign the marriage register and the marriage certificate, and each receives one original.",
    ],
  ]),
  conditions: bi(
    'Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên; việc kết hôn do hai bên tự nguyện quyết định; không bị mất năng lực hành vi dân sự; không thuộc trường hợp cấm kết hôn theo Luật Hôn nhân và gia đình; hai bên phải có mặt khi đăng ký kết hôn.',
    'The man is at least 20 and the woman at least 18; both marry of their own free will; neither has lost civil act capacity; the marriage is not prohibited by the Law on Marriage and Family; both must be present to register.',
  ),
  resultKind: 'marriage_certificate',
  result: bi('Giấy chứng nhận kết hôn (02 bản chính).', 'Marriage certificate (2 originals).'),
  legalBasis: [
    LAW_CIVIL_STATUS,
    bi(
      'Luật Hôn nhân và gia đình số 52/2014/QH13 ngày 19/6/2014',
      'Law on Marriage and Family No. 52/2014/QH13 of 19 June 2014',
    ),
    DECREE_123_2015,
  ],
  channels: channelsFor(3, 1, marriageDelivery, FREE_TEXT),
  delivery: marriageDelivery,
  fee: { kind: 'free', note: null },
  documents: [
    doc('request_form', bi('Tờ khai đăng ký kết hôn', 'Marriage-registration form'), ONE_ORIGINAL),
    idCard(bi('hai bên nam, nữ', 'both partners')),
    doc(
      'marital_status_certificate',
      bi(
        'Giấy xác nhận tình trạng hôn nhân (trường hợp đăng ký kết hôn tại nơi không phải nơi thường trú)',
        'Certificate of marital status (when registering away from the place of permanent residence)',
      ),
      ONE_ORIGINAL,
      { required: false, kind: 'marital_status_certificate' },
    ),
  ],
}

// 5. Judicial record certificate — STP, level 4, 10 days, 200 000 ₫
const judicialDelivery: DeliveryMethod[] = ['online', 'counter', 'post']
const judicialFee: FeePolicy = {
  kind: 'fixed',
  amount: 200000,
  note: bi(
    'Sinh viên, người có công với cách mạng, thân nhân liệt sĩ: 100.000 đồng/lần; yêu cầu cấp trên 02 Phiếu thì từ Phiếu thứ 3 trở đi thu thêm 5.000 đồng/Phiếu.',
    'Students, people with merit to the revolution and relatives of martyrs pay VND 100,000; beyond two certificates, each additional one costs VND 5,000.',
  ),
}

const judicialRecord: SeedProcedure = {
  code: '2.001417.000.00.00.H56',
  agencyCode: 'STP',
  field: bi('Lý lịch tư pháp', 'Judicial records'),
  level: 4,
  name: bi('Cấp Phiếu lý lịch tư pháp', 'Issuance of a judicial record certificate'),
  summary: bi(
    'Cấp Phiếu lý lịch tư pháp chứng minh cá nhân có hay không có án tích, bị cấm hay không bị cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp.',
    'Issues a certificate showing whether a person has a criminal record and whether they are banned from holding posts or founding and managing enterprises.',
  ),
  processingDays: 10,
  applicantType: bi(
    'Công dân Việt Nam, người nước ngoài đã hoặc đang cư trú tại Việt Nam',
    'Vietnamese citizens and foreigners who reside or have resided in Viet Nam',
  ),
  steps: steps([
    [
      'Người yêu cầu đăng nhập Cổng Dịch vụ công, điền Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp điện tử, chọn loại Phiếu, số lượng Phiếu và hình thức nhận kết quả.',
      'The applicant signs in to the public service portal, fills in the online request form and chooses the certificate type, the number of copies and how to receive the result.',
    ],
    [
      'Sở Tư pháp kiểm tra và tiếp nhận hồ sơ trong thời hạn 08 giờ làm việc; người yêu cầu nộp phí trực tuyến.',
      'The Department of Justice checks and accepts the dossier within 8 working hours; the applicant pays the fee online.',
    ],
    [
      'Sở Tư pháp tra cứu, xác minh thông tin lý lịch tư pháp tại Cơ sở dữ liệu lý lịch tư pháp và các cơ quan liên quan, lập và ký Phiếu lý lịch tư pháp.',
      'The department searches the judicial records database and checks with the agencies concerned, then drafts and signs the certificate.',
    ],
    [
      'Người yêu cầu nhận Phiếu lý lịch tư pháp điện tử trên Cổng Dịch vụ công, tại Bộ phận Một cửa của Sở Tư pháp hoặc qua dịch vụ bưu chính.',
      'The applicant receives the certificate electronically on the portal, at the Department of Justice one-stop desk or by post.',
    ],
  ]),
  conditions: bi(
    'Công dân Việt Nam nộp hồ sơ tại Sở Tư pháp nơi thường trú; trường hợp không có nơi thường trú thì nộp tại nơi tạm trú. Phiếu lý lịch tư pháp số 2 chỉ cấp cho chính người được cấp Phiếu, không được ủy quyền.',
    'Vietnamese citizens apply to the Department of Justice of their place of permanent residence, or of temporary residence where they have no permanent one. Certificate no. 2 is issued only to the person concerned and cannot be requested by proxy.',
  ),
  resultKind: 'judicial_record_certificate',
  result: bi(
    'Phiếu lý lịch tư pháp số 1 hoặc số 2 theo yêu cầu.',
    'Judicial record certificate no. 1 or no. 2, as requested.',
  ),
  legalBasis: [
    bi(
      'Luật Lý lịch tư pháp số 28/2009/QH12 ngày 17/6/2009',
      'Law on Judicial Records No. 28/2009/QH12 of 17 June 2009',
    ),
    bi(
      'Thông tư số 244/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp',
      'Ministry of Finance Circular No. 244/2016/TT-BTC of 11 November 2016 on the fee for providing judicial record information',
    ),
    DECREE_45_2020,
  ],
  channels: channelsFor(4, 10, judicialDelivery, feeText(200000, 'lần', 'request')),
  delivery: judicialDelivery,
  fee: judicialFee,
  documents: [
    doc(
      'request_form',
      bi('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 'Request form for a judicial record certificate'),
      ONE_ORIGINAL,
    ),
    idCard(),
    doc(
      'residence_proof',
      bi(
        'Giấy tờ chứng minh nơi cư trú (trường hợp thông tin cư trú chưa có trong Cơ sở dữ liệu quốc gia về dân cư)',
        'Proof of residence (when the residence is not yet recorded in the National Population Database)',
      ),
      ONE_COPY,
      { required: false, kind: 'residence_proof' },
    ),
  ],
}

// 6. Household business registration — UBQ1, level 4, 3 days, 100 000 ₫
const householdDelivery: DeliveryMethod[] = ['online', 'counter', 'post']

const householdBusiness: SeedProcedure = {
  code: '2.000720.000.00.00.H56',
  agencyCode: 'UBQ1',
  field: bi('Thành lập và hoạt động của hộ kinh doanh', 'Household businesses'),
  level: 4,
  name: bi('Đăng ký thành lập hộ kinh doanh', 'Registration of a household business'),
  summary: bi(
    'Cấp Giấy chứng nhận đăng ký hộ kinh doanh cho cá nhân hoặc thành viên hộ gia đình đăng ký kinh doanh trên địa bàn quận.',
    'Issues a household business registration certificate to an individual or household members starting a business in the district.',
  ),
  processingDays: 3,
  applicantType: bi(
    'Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ',
    'Individuals and household members who are Vietnamese citizens with full civil act capacity',
  ),
  steps: steps([
    [
      'Người yêu cầu đăng nhập Cổng Dịch vụ công, điền Giấy đề nghị đăng ký hộ kinh doanh điện tử và đính kèm bản chụp các giấy tờ theo quy định.',
      'The applicant signs in to the public service portal, fills in the online registration request and attaches scans of the required documents.',
    ],
    [
      'Bộ phận Một cửa Ủy ban nhân dân Quận 1 kiểm tra và tiếp nhận hồ sơ trong thời hạn 08 giờ làm việc; người yêu cầu nộp lệ phí trực tuyến.',
      "The District 1 People's Committee one-stop desk checks and accepts the dossier within 8 working hours; the applicant pays the fee online.",
    ],
    [
      'Phòng chuyên môn thẩm định hồ sơ, kiểm tra tên hộ kinh doanh, ngành, nghề kinh doanh và trình cấp Giấy chứng nhận đăng ký hộ kinh doanh.',
      'The specialist office reviews the dossier, checks the business name and lines of business and submits the registration certificate for signature.',
    ],
    [
      'Người yêu cầu nhận Giấy chứng nhận đăng ký hộ kinh doanh trên Cổng Dịch vụ công, tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính.',
      'The applicant receives the registration certificate on the portal, at the one-stop desk or by post.',
    ],
  ]),
  conditions: bi(
    'Ngành, nghề đăng ký kinh doanh không bị cấm đầu tư kinh doanh; tên hộ kinh doanh không trùng với tên riêng của hộ kinh doanh đã đăng ký trên địa bàn quận; có hồ sơ đăng ký hợp lệ và nộp đủ lệ phí đăng ký.',
    'The lines of business are not prohibited; the business name does not duplicate that of a household business already registered in the district; the dossier is valid and the registration fee is paid.',
  ),
  resultKind: 'household_business_certificate',
  result: bi('Giấy chứng nhận đăng ký hộ kinh doanh.', 'Household business registration certificate.'),
  legalBasis: [
    bi(
      'Nghị định số 01/2021/NĐ-CP ngày 04/01/2021 của Chính phủ về đăng ký doanh nghiệp',
      'Government Decree No. 01/2021/ND-CP of 4 January 2021 on enterprise registration',
    ),
    bi(
      'Nghị quyết của Hội đồng nhân dân Thành phố quy định mức thu lệ phí đăng ký hộ kinh doanh',
      "Resolution of the City People's Council setting the household business registration fee",
    ),
    DECREE_45_2020,
  ],
  channels: channelsFor(4, 3, householdDelivery, feeText(100000, 'lần', 'registration')),
  delivery: householdDelivery,
  fee: { kind: 'fixed', amount: 100000, note: null },
  documents: [
    doc(
      'request_form',
      bi('Giấy đề nghị đăng ký hộ kinh doanh', 'Household business registration request'),
      ONE_ORIGINAL,
    ),
    idCard(
      bi('chủ hộ kinh doanh và các thành viên hộ gia đình', 'the business owner and the household members'),
    ),
    doc(
      'members_minutes',
      bi(
        'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (trường hợp các thành viên hộ gia đình cùng đăng ký)',
        'Minutes of the household members agreeing to set up the business (where several members register together)',
      ),
      ONE_ORIGINAL,
      { required: false },
    ),
  ],
}

// 7. House building permit — UBQ1, level 3, 15 days, 75 000 ₫
const buildingDelivery: DeliveryMethod[] = ['counter', 'post']

const buildingPermit: SeedProcedure = {
  code: '1.009994.000.00.00.H56',
  agencyCode: 'UBQ1',
  field: bi('Hoạt động xây dựng', 'Construction'),
  level: 3,
  name: bi('Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Issuance of a building permit for a detached house'),
  summary: bi(
    'Cấp giấy phép xây dựng mới nhà ở riêng lẻ cho hộ gia đình, cá nhân trên địa bàn quận.',
    'Issues a permit to build a new detached house for households and individuals in the district.',
  ),
  processingDays: 15,
  applicantType: bi(
    'Hộ gia đình, cá nhân là chủ đầu tư xây dựng nhà ở riêng lẻ',
    'Households and individuals investing in the construction of a detached house',
  ),
  steps: steps([
    [
      'Chủ đầu tư đăng nhập Cổng Dịch vụ công, điền Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01) và đính kèm bản chụp giấy tờ về quyền sử dụng đất, bản vẽ thiết kế.',
      'The owner signs in to the public service portal, fills in the building-permit application (form 01) and attaches scans of the land-use right papers and the design drawings.',
    ],
    [
      'Bộ phận Một cửa Ủy ban nhân dân Quận 1 kiểm tra và tiếp nhận hồ sơ trong thời hạn 08 giờ làm việc, gửi Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
      "The District 1 People's Committee one-stop desk checks and accepts the dossier within 8 working hours and sends a receipt and appointment slip.",
    ],
    [
      'Phòng Quản lý đô thị thẩm định hồ sơ, kiểm tra thực địa, lấy ý kiến cơ quan liên quan (nếu cần) và trình Ủy ban nhân dân Quận 1 cấp giấy phép xây dựng.',
      "The urban management office reviews the dossier, inspects the site, consults the agencies concerned where needed and submits the permit to the District 1 People's Committee.",
    ],
    [
      'Chủ đầu tư nộp lệ phí và nhận giấy phép xây dựng kèm bản vẽ đã đóng dấu tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính.',
      'The owner pays the fee and receives the permit with the stamped drawings at the one-stop desk or by post.',
    ],
  ]),
  conditions: bi(
    'Phù hợp với mục đích sử dụng đất và quy hoạch chi tiết xây dựng được phê duyệt; bảo đảm an toàn cho công trình và công trình lân cận, yêu cầu về phòng cháy, chữa cháy và bảo vệ môi trường; thiết kế tuân thủ quy chuẩn, tiêu chuẩn xây dựng; có giấy tờ hợp pháp về quyền sử dụng đất.',
    'The house must match the land-use purpose and the approved detailed construction plan; be safe for itself and neighbouring buildings and meet fire-safety and environmental requirements; follow building codes and standards; and stand on land held under lawful land-use right papers.',
  ),
  resultKind: 'building_permit',
  result: bi(
    'Giấy phép xây dựng nhà ở riêng lẻ kèm 01 bộ bản vẽ thiết kế có đóng dấu của cơ quan cấp phép.',
    'Building permit for a detached house, with one set of design drawings stamped by the issuing authority.',
  ),
  legalBasis: [
    bi(
      'Luật Xây dựng số 50/2014/QH13 ngày 18/6/2014, được sửa đổi, bổ sung bởi Luật số 62/2020/QH14 ngày 17/6/2020',
      'Construction Law No. 50/2014/QH13 of 18 June 2014, as amended by Law No. 62/2020/QH14 of 17 June 2020',
    ),
    bi(
      'Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ quy định chi tiết một số nội dung về quản lý dự án đầu tư xây dựng',
      'Government Decree No. 15/2021/ND-CP of 3 March 2021 detailing the management of construction investment projects',
    ),
    bi(
      'Nghị quyết của Hội đồng nhân dân Thành phố quy định mức thu lệ phí cấp giấy phép xây dựng',
      "Resolution of the City People's Council setting the building-permit fee",
    ),
  ],
  channels: channelsFor(3, 15, buildingDelivery, feeText(75000, 'giấy phép', 'permit')),
  delivery: buildingDelivery,
  fee: { kind: 'fixed', amount: 75000, note: null },
  documents: [
    doc(
      'request_form',
      bi('Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)', 'Building-permit application (form 01)'),
      ONE_ORIGINAL,
    ),
    doc(
      'land_use_certificate',
      bi(
        'Giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai',
        'Proof of the land-use right under the land law',
      ),
      ONE_CERTIFIED_COPY,
      { kind: 'land_use_right_certificate' },
    ),
    doc(
      'design_drawings',
      bi(
        'Bản vẽ thiết kế xây dựng: mặt bằng vị trí công trình trên lô đất, mặt bằng các tầng, mặt đứng, mặt cắt chính, mặt bằng móng',
        'Design drawings: site plan, floor plans, elevations, main sections and foundation plan',
      ),
      bi('02 bộ', '2 sets'),
      { maxBytes: DRAWING_MAX },
    ),
  ],
}

// 8. Driving licence exchange — SGTVT, level 4, 5 days, 135 000 ₫
const licenceDelivery: DeliveryMethod[] = ['online', 'counter', 'post']

const drivingLicence: SeedProcedure = {
  code: '1.002804.000.00.00.H56',
  agencyCode: 'SGTVT',
  field: bi('Đường bộ', 'Road transport'),
  level: 4,
  name: bi('Cấp đổi giấy phép lái xe', 'Exchange of a driving licence'),
  summary: bi(
    'Cấp đổi giấy phép lái xe sắp hết hạn, bị hỏng hoặc có thông tin thay đổi sang giấy phép lái xe mới.',
    'Exchanges a driving licence that is about to expire, is damaged or carries outdated details for a new licence.',
  ),
  processingDays: 5,
  applicantType: bi('Cá nhân có giấy phép lái xe', 'Holders of a driving licence'),
  steps: steps([
    [
      'Người yêu cầu đăng nhập Cổng Dịch vụ công, điền Đơn đề nghị đổi giấy phép lái xe điện tử và đính kèm bản chụp giấy phép lái xe, giấy khám sức khỏe (nếu thuộc diện phải khám).',
      'The applicant signs in to the public service portal, fills in the online exchange request and attaches scans of the licence and, where required, the health certificate.',
    ],
    [
      'Sở Giao thông vận tải kiểm tra và tiếp nhận hồ sơ trong thời hạn 08 giờ làm việc; người yêu cầu nộp lệ phí trực tuyến.',
      'The Department of Transport checks and accepts the dossier within 8 working hours; the applicant pays the fee online.',
    ],
    [
      'Sở Giao thông vận tải đối chiếu dữ liệu giấy phép lái xe, sức khỏe người lái xe và in giấy phép lái xe mới.',
      "The department checks the licence records and the driver's health data and prints the new licence.",
    ],
    [
      'Người yêu cầu nhận giấy phép lái xe mới tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính; bản điện tử được cập nhật trên Cổng Dịch vụ công.',
      'The applicant collects the new licence at the one-stop desk or receives it by post; the electronic record is updated on the portal.',
    ],
  ]),
  conditions: bi(
    'Giấy phép lái xe còn thời hạn hoặc hết hạn trong thời gian được đổi theo quy định; không trong thời gian bị tước quyền sử dụng giấy phép lái xe; có giấy khám sức khỏe của người lái xe đối với các hạng giấy phép phải khám sức khỏe.',
    'The licence is valid or has expired within the period in which it may still be exchanged; the holder is not under a suspension; a driver health certificate is provided for the classes that require one.',
  ),
  resultKind: 'driving_licence',
  result: bi('Giấy phép lái xe được cấp đổi.', 'A new, exchanged driving licence.'),
  legalBasis: [
    bi(
      'Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15 ngày 27/6/2024',
      'Law on Road Traffic Order and Safety No. 36/2024/QH15 of 27 June 2024',
    ),
    bi(
      'Thông tư số 37/2023/TT-BTC ngày 07/6/2023 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí, lệ phí trong lĩnh vực giao thông đường bộ',
      'Ministry of Finance Circular No. 37/2023/TT-BTC of 7 June 2023 on fees and charges in road transport',
    ),
    DECREE_45_2020,
  ],
  channels: channelsFor(4, 5, licenceDelivery, feeText(135000, 'lần', 'licence')),
  delivery: licenceDelivery,
  fee: { kind: 'fixed', amount: 135000, note: null },
  documents: [
    doc(
      'request_form',
      bi('Đơn đề nghị đổi giấy phép lái xe', 'Driving-licence exchange request'),
      ONE_ORIGINAL,
    ),
    doc(
      'current_licence',
      bi('Giấy phép lái xe đang sử dụng', 'The current driving licence'),
      bi(
        '01 bản chụp hai mặt; nộp lại bản chính khi nhận giấy phép mới',
        '1 scan of both sides; the original is handed in on collection',
      ),
      { kind: 'driving_licence' },
    ),
    doc(
      'health_certificate',
      bi(
        'Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp (đối với hạng giấy phép lái xe phải khám sức khỏe)',
        'Driver health certificate from an authorised medical facility (for licence classes that require one)',
      ),
      ONE_ORIGINAL,
      { required: false, kind: 'driver_health_certificate' },
    ),
  ],
}

// 9. Food-safety certificate — SYT, level 4, 20 days, assessed after inspection
const foodDelivery: DeliveryMethod[] = ['online', 'counter', 'post']
const foodFee: FeePolicy = {
  kind: 'assessed',
  note: bi(
    'Phí thẩm định cơ sở đủ điều kiện an toàn thực phẩm phụ thuộc loại hình, quy mô cơ sở và được thông báo sau khi thẩm định thực tế tại cơ sở.',
    'The food-safety appraisal fee depends on the type and size of the establishment and is notified after the on-site inspection.',
  ),
}

const foodSafety: SeedProcedure = {
  code: '1.001917.000.00.00.H56',
  agencyCode: 'SYT',
  field: bi('An toàn thực phẩm', 'Food safety'),
  level: 4,
  name: bi(
    'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
    'Issuance of a certificate of food-safety compliance for an establishment',
  ),
  summary: bi(
    'Cấp Giấy chứng nhận cho cơ sở sản xuất, kinh doanh thực phẩm đáp ứng đủ điều kiện bảo đảm an toàn thực phẩm sau khi thẩm định tại cơ sở.',
    'Certifies, after an on-site appraisal, that a food production or business establishment meets the food-safety requirements.',
  ),
  processingDays: 20,
  applicantType: bi(
    'Tổ chức, cá nhân, hộ kinh doanh sản xuất, kinh doanh thực phẩm',
    'Organisations, individuals and household businesses producing or trading food',
  ),
  steps: steps([
    [
      'Cơ sở đăng nhập Cổng Dịch vụ công, điền Đơn đề nghị cấp Giấy chứng nhận điện tử và đính kèm bản chụp các giấy tờ theo quy định.',
      'The establishment signs in to the public service portal, fills in the online application and attaches scans of the required documents.',
    ],
    [
      'Sở Y tế kiểm tra và tiếp nhận hồ sơ trong thời hạn 08 giờ làm việc, gửi Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
      'The Department of Health checks and accepts the dossier within 8 working hours and sends a receipt and appointment slip.',
    ],
    [
      'Đoàn thẩm định của Sở Y tế thẩm định thực tế tại cơ sở và lập biên bản thẩm định.',
      'An appraisal team of the department inspects the premises and draws up an appraisal report.',
    ],
    [
      'Sở Y tế thông báo mức phí thẩm định; cơ sở nộp phí trực tuyến.',
      'The department notifies the appraisal fee; the establishment pays it online.',
    ],
    [
      'Cơ sở đạt yêu cầu nhận Giấy chứng nhận trên Cổng Dịch vụ công, tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính; trường hợp không đạt, Sở Y tế trả lời bằng văn bản và nêu rõ lý do.',
      'A compliant establishment receives the certificate on the portal, at the one-stop desk or by post; otherwise the department replies in writing with its reasons.',
    ],
  ]),
  conditions: bi(
    'Cơ sở đáp ứng điều kiện bảo đảm an toàn thực phẩm phù hợp với loại hình sản xuất, kinh doanh; có đăng ký ngành, nghề kinh doanh thực phẩm; chủ cơ sở và người trực tiếp sản xuất, kinh doanh thực phẩm đủ sức khỏe và đã được tập huấn kiến thức về an toàn thực phẩm; kết quả thẩm định tại cơ sở đạt yêu cầu.',
    'The establishment meets the food-safety conditions for its kind of production or business; food is among its registered lines of business; the owner and food handlers are medically fit and trained in food safety; the on-site appraisal is passed.',
  ),
  resultKind: 'food_safety_certificate',
  result: bi(
    'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (có hiệu lực 03 năm).',
    'Certificate of food-safety compliance (valid for 3 years).',
  ),
  legalBasis: [
    bi(
      'Luật An toàn thực phẩm số 55/2010/QH12 ngày 17/6/2010',
      'Law on Food Safety No. 55/2010/QH12 of 17 June 2010',
    ),
    bi(
      'Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 của Chính phủ quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm',
      'Government Decree No. 15/2018/ND-CP of 2 February 2018 detailing the Law on Food Safety',
    ),
    DECREE_45_2020,
  ],
  channels: channelsFor(
    4,
    20,
    foodDelivery,
    bi(
      'Phí thẩm định theo loại hình cơ sở (thông báo sau khi thẩm định)',
      'Appraisal fee by type of establishment (notified after the inspection)',
    ),
  ),
  delivery: foodDelivery,
  fee: foodFee,
  documents: [
    doc(
      'request_form',
      bi(
        'Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
        'Application for a certificate of food-safety compliance',
      ),
      ONE_ORIGINAL,
    ),
    doc(
      'premises_description',
      bi(
        'Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện vệ sinh an toàn thực phẩm',
        'Description of the premises, equipment and utensils ensuring food hygiene and safety',
      ),
      ONE_ORIGINAL,
    ),
    doc(
      'staff_health_certificates',
      bi(
        'Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất, kinh doanh thực phẩm',
        'Health certificates of the owner and the staff directly handling food',
      ),
      ONE_CERTIFIED_COPY,
    ),
    doc(
      'food_safety_training',
      bi(
        'Giấy xác nhận đã được tập huấn kiến thức về an toàn thực phẩm của chủ cơ sở và người trực tiếp sản xuất, kinh doanh thực phẩm',
        'Food-safety training certificates of the owner and the staff directly handling food',
      ),
      ONE_CERTIFIED_COPY,
    ),
  ],
}

export const procedures: SeedProcedure[] = [
  birthRegistration,
  extractCopies,
  certifiedCopy,
  marriageRegistration,
  judicialRecord,
  householdBusiness,
  buildingPermit,
  drivingLicence,
  foodSafety,
]

// ---------------------------------------------------------------------------------------------------------------
// Holidays: the days off, and the weekend days worked instead of a swapped weekday (ngày làm bù). Weekends are
// handled by the working-day code. Every day cites its basis (checked 2026-12-01 against the Government's
// published decisions, as reported by the press that quotes them):
// - Labour Code 2019 (Bộ luật Lao động số 45/2019/QH14), art. 112: New Year 1 day, Tết 5 days, Hùng Kings 1,
//   30 April 1, 1 May 1, National Day 2 (2 September and one adjacent day); a holiday on a weekly rest day is
//   taken on the next working day (art. 112(3)). The Prime Minister sets the Tết and National Day days each year.
// - 2026 New Year: Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Văn phòng Chính phủ, ý kiến Phó Thủ tướng Phạm Thị
//   Thanh Trà, on the Bộ Nội vụ's proposal): off Thursday 1 – Sunday 4 January; Friday 2 January swapped with
//   Saturday 10 January (worked).
// - 2026 Tết and National Day: Công văn 9859/VPCP-KGVX ngày 13/10/2025 (Văn phòng Chính phủ, ý kiến Thủ tướng
//   Phạm Minh Chính, on the Bộ Nội vụ's proposal): Tết off Saturday 14 – Sunday 22 February (27 tháng Chạp Ất Tỵ
//   to mùng 6 Bính Ngọ; 5 statutory days + 4 weekend days); National Day off Saturday 29 August – Wednesday
//   2 September, Monday 31 August swapped with Saturday 22 August (worked).
// - 2027: no decision found yet (searched 2026-12-01): the statutory days only, with the Tết days and the day
//   next to National Day provisional; swaps will be added when the Government publishes them (admin → holidays →
//   "add a swap").
// - Not seeded: 24 November, Ngày Văn hóa Việt Nam. Nghị quyết 80-NQ/TW (Bộ Chính trị, January 2026) makes it a
//   paid day off in principle and Nghị quyết 30/NQ-CP (February 2026) tasks amending art. 112; add it through
//   the admin page once the amendment is in force.
// ---------------------------------------------------------------------------------------------------------------

const LABOUR_CODE = 'Bộ luật Lao động 2019, Điều 112'
const LABOUR_CODE_IN_LIEU = 'Bộ luật Lao động 2019, Điều 112 khoản 3 (nghỉ bù)'
const VPCP_12729 = 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ'
const VPCP_9859 = 'Công văn 9859/VPCP-KGVX ngày 13/10/2025 của Văn phòng Chính phủ'
const PROVISIONAL_2027 = `${LABOUR_CODE}; ngày cụ thể chờ quyết định của Thủ tướng Chính phủ`

const holiday = (date: string, vi: string, en: string, basis: string): SeedHoliday => ({
  date,
  name: { vi, en },
  basis,
})

const NEW_YEAR = bi('Tết Dương lịch', "New Year's Day")
const HUNG_KINGS = bi(
  'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
  "Hung Kings' Commemoration Day (10th day of the 3rd lunar month)",
)
const HUNG_KINGS_IN_LIEU = bi('Nghỉ bù Giỗ Tổ Hùng Vương', "Day off in lieu of Hung Kings' Commemoration Day")
const REUNIFICATION = bi('Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)')
const LABOUR_DAY = bi('Ngày Quốc tế Lao động (1/5)', 'International Labour Day (1 May)')
const LABOUR_DAY_IN_LIEU = bi('Nghỉ bù Ngày Quốc tế Lao động', 'Day off in lieu of International Labour Day')
const NATIONAL_DAY = bi('Quốc khánh (2/9)', 'National Day (2 September)')
const NATIONAL_DAY_BREAK = bi('Nghỉ lễ Quốc khánh', 'National Day holiday')

/** One entry per day of a Tết break; `lunar` names the lunar-calendar day where it is one of the first days of the year. */
const tet = (basis: string, days: Array<[date: string, lunar?: number]>): SeedHoliday[] =>
  days.map(([date, lunar]) =>
    lunar === undefined
      ? holiday(date, 'Nghỉ Tết Nguyên Đán', 'Lunar New Year (Tết) holiday', basis)
      : holiday(
          date,
          `Nghỉ Tết Nguyên Đán (mùng ${lunar} Tết)`,
          `Lunar New Year (Tết) holiday (day ${lunar} of the lunar year)`,
          basis,
        ),
  )

const from = (date: string, name: Bilingual, basis: string): SeedHoliday =>
  holiday(date, name.vi, name.en, basis)

/**
 * A swap: the weekday `off` taken off, the weekend day `worked` worked instead (both rows; the make-up day
 * names the day it replaces). `of` names the holiday the swap lengthens.
 */
const swap = (off: string, worked: string, of: Bilingual, basis: string): SeedHoliday[] => [
  holiday(off, `Nghỉ hoán đổi dịp ${of.vi}`, `Day off swapped for the ${of.en} break`, basis),
  {
    ...holiday(
      worked,
      `Làm bù cho ngày nghỉ hoán đổi dịp ${of.vi}`,
      `Make-up working day for the swapped ${of.en} day off`,
      basis,
    ),
    kind: 'working',
    replaces: off,
  },
]

export const holidays: SeedHoliday[] = [
  // 2026
  from('2026-01-01', NEW_YEAR, LABOUR_CODE), // Thursday
  ...swap('2026-01-02', '2026-01-10', NEW_YEAR, VPCP_12729), // Friday off, Saturday 10 January worked
  ...tet(VPCP_9859, [
    ['2026-02-14'], // Saturday, 27 tháng Chạp
    ['2026-02-15'],
    ['2026-02-16'],
    ['2026-02-17', 1], // Tuesday, lunar new year day
    ['2026-02-18', 2],
    ['2026-02-19', 3],
    ['2026-02-20', 4],
    ['2026-02-21', 5],
    ['2026-02-22', 6], // Sunday, mùng 6
  ]),
  from('2026-04-26', HUNG_KINGS, LABOUR_CODE), // a Sunday: the next working day is taken in lieu
  from('2026-04-27', HUNG_KINGS_IN_LIEU, LABOUR_CODE_IN_LIEU),
  from('2026-04-30', REUNIFICATION, LABOUR_CODE), // Thursday
  from('2026-05-01', LABOUR_DAY, LABOUR_CODE), // Friday
  ...swap('2026-08-31', '2026-08-22', NATIONAL_DAY, VPCP_9859), // Monday off, Saturday 22 August worked
  from('2026-09-01', NATIONAL_DAY_BREAK, `${LABOUR_CODE}; ${VPCP_9859}`), // Tuesday, the adjacent day
  from('2026-09-02', NATIONAL_DAY, LABOUR_CODE), // Wednesday

  // 2027 — statutory days only (no decision published yet); lunar new year day Saturday 6 February
  from('2027-01-01', NEW_YEAR, LABOUR_CODE), // Friday
  ...tet(PROVISIONAL_2027, [
    ['2027-02-04'], // Thursday
    ['2027-02-05'],
    ['2027-02-06', 1],
    ['2027-02-07', 2],
    ['2027-02-08', 3],
    ['2027-02-09', 4],
    ['2027-02-10', 5], // Wednesday: 5 weekdays off (4, 5, 8, 9, 10 February)
  ]),
  from('2027-04-16', HUNG_KINGS, LABOUR_CODE), // Friday
  from('2027-04-30', REUNIFICATION, LABOUR_CODE), // Friday
  from('2027-05-01', LABOUR_DAY, LABOUR_CODE), // a Saturday: the next working day is taken in lieu
  from('2027-05-03', LABOUR_DAY_IN_LIEU, LABOUR_CODE_IN_LIEU),
  from('2027-09-02', NATIONAL_DAY, LABOUR_CODE), // Thursday
  from('2027-09-03', NATIONAL_DAY_BREAK, PROVISIONAL_2027), // Friday, provisional adjacent day
]
