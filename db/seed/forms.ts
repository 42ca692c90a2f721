/**
 * The e-forms of the demo catalogue, one per procedure code of ./catalogue.ts, in the style of the official
 * declaration forms (tờ khai). Pure data, validated by parseFormDefinition (tests/unit/form-definition.test.ts).
 * A per-unit fee reads its count from the field named by the fee's `unitField` (copies, pages): keep them in step.
 * Demo data: an agency checks every form before it is published in production.
 */
import type {
  Bilingual,
  ChoiceOption,
  Field,
  FormDefinition,
  FormSection,
  IdentityFact,
  LeafField,
  ShowIf,
} from '../../app/modules/forms/definition'

// ---------------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------------

const bi = (vi: string, en: string): Bilingual => ({ vi, en })

interface Common {
  hint?: Bilingual
  optional?: boolean
  showIf?: ShowIf
  /** filled and locked from this verified VNeID fact (issue 16) */
  identity?: IdentityFact
}
const common = (key: string, label: Bilingual, o: Common) => ({
  key,
  label,
  required: !o.optional,
  ...(o.hint ? { hint: o.hint } : {}),
  ...(o.showIf ? { showIf: o.showIf } : {}),
  ...(o.identity ? { identity: o.identity } : {}),
})

const text = (key: string, label: Bilingual, o: Common & { maxLength?: number } = {}): LeafField => ({
  ...common(key, label, o),
  type: 'text',
  maxLength: o.maxLength ?? 200,
})
const textarea = (key: string, label: Bilingual, o: Common & { maxLength?: number } = {}): LeafField => ({
  ...common(key, label, o),
  type: 'textarea',
  maxLength: o.maxLength ?? 2000,
})
const number = (
  key: string,
  label: Bilingual,
  o: Common & { min?: number; max?: number; integer?: boolean } = {},
): LeafField => ({
  ...common(key, label, o),
  type: 'number',
  ...(o.min !== undefined ? { min: o.min } : {}),
  ...(o.max !== undefined ? { max: o.max } : {}),
  ...(o.integer ? { integer: true } : {}),
})
const date = (
  key: string,
  label: Bilingual,
  o: Common & { notAfterToday?: boolean; notBeforeToday?: boolean } = {},
): LeafField => ({
  ...common(key, label, o),
  type: 'date',
  ...(o.notAfterToday ? { notAfterToday: true } : {}),
  ...(o.notBeforeToday ? { notBeforeToday: true } : {}),
})
const choice =
  (type: 'select' | 'radio' | 'checkboxes') =>
  (key: string, label: Bilingual, options: ChoiceOption[], o: Common = {}): LeafField => ({
    ...common(key, label, o),
    type,
    options,
  })
const select = choice('select')
const radio = choice('radio')
const checkboxes = choice('checkboxes')
const simple =
  (type: 'citizen_id' | 'phone' | 'email' | 'address') =>
  (key: string, label: Bilingual, o: Common = {}): LeafField => ({ ...common(key, label, o), type })
const citizenId = simple('citizen_id')
const phone = simple('phone')
const email = simple('email')
const address = simple('address')

const section = (key: string, title: Bilingual, fields: Field[], description?: Bilingual): FormSection => ({
  key,
  title,
  ...(description ? { description } : {}),
  fields,
})

const option = (value: string, vi: string, en: string): ChoiceOption => ({ value, label: bi(vi, en) })

// Shared labels, options and hints

const FULL_NAME = bi('Họ, chữ đệm và tên', 'Full name')
const FULL_NAME_HINT = bi(
  'Viết đúng như trên giấy tờ tùy thân, có dấu.',
  'As on the identity papers, with diacritics.',
)
const DATE_OF_BIRTH = bi('Ngày, tháng, năm sinh', 'Date of birth')
const CITIZEN_ID = bi(
  'Số định danh cá nhân (số căn cước công dân)',
  'Personal identification (citizen ID) number',
)
const CITIZEN_ID_HINT = bi(
  'Gồm 12 chữ số, in trên thẻ căn cước.',
  'The 12 digits printed on the identity card.',
)
const ETHNICITY = bi('Dân tộc', 'Ethnicity')
const NATIONALITY = bi('Quốc tịch', 'Nationality')
const PHONE = bi('Số điện thoại di động', 'Mobile phone number')
const EMAIL = bi('Thư điện tử', 'Email')
const RESIDENCE = bi('Nơi cư trú', 'Place of residence')

const YES_NO = [option('yes', 'Có', 'Yes'), option('no', 'Không', 'No')]
const SEX = [option('male', 'Nam', 'Male'), option('female', 'Nữ', 'Female')]

/** Name, date of birth and citizen ID of a person, with keys prefixed (mother → motherFullName …). */
const person = (prefix: string, o: Common = {}): LeafField[] => [
  text(`${prefix}FullName`, FULL_NAME, { ...o, hint: FULL_NAME_HINT, maxLength: 100 }),
  date(`${prefix}DateOfBirth`, DATE_OF_BIRTH, { ...o, notAfterToday: true }),
  citizenId(`${prefix}CitizenId`, CITIZEN_ID, { ...o, hint: CITIZEN_ID_HINT }),
]

// ---------------------------------------------------------------------------------------------------------------
// 1. Birth registration — Tờ khai đăng ký khai sinh
// ---------------------------------------------------------------------------------------------------------------

const birthRegistration: FormDefinition = {
  sections: [
    section('child', bi('Thông tin trẻ được khai sinh', 'The child'), [
      text('childFullName', FULL_NAME, {
        hint: bi(
          'Họ, chữ đệm và tên dự kiến ghi trong Giấy khai sinh, có dấu.',
          'The name to be written on the birth certificate, with diacritics.',
        ),
        maxLength: 100,
      }),
      date('childDateOfBirth', DATE_OF_BIRTH, { notAfterToday: true }),
      radio('childSex', bi('Giới tính', 'Sex'), SEX),
      text('childPlaceOfBirth', bi('Nơi sinh', 'Place of birth'), {
        hint: bi(
          'Tên cơ sở y tế nơi trẻ được sinh ra, hoặc địa chỉ nơi sinh nếu sinh ngoài cơ sở y tế.',
          'The medical facility where the child was born, or the address if born elsewhere.',
        ),
      }),
      text('childEthnicity', ETHNICITY, { maxLength: 50 }),
      text('childNationality', NATIONALITY, { maxLength: 50 }),
    ]),
    section('parents', bi('Thông tin cha, mẹ', 'The parents'), [
      ...person('mother'),
      text('motherEthnicity', ETHNICITY, { maxLength: 50 }),
      address('motherResidence', RESIDENCE),
      radio('fatherDeclared', bi('Khai thông tin người cha', 'Declare the father'), YES_NO, {
        hint: bi(
          'Chọn "Không" nếu chưa xác định được người cha; phần này để trống trong Giấy khai sinh.',
          'Choose "No" when the father is not established; that part of the certificate stays blank.',
        ),
      }),
      ...person('father', { showIf: { field: 'fatherDeclared', equals: 'yes' } }),
      text('fatherEthnicity', ETHNICITY, {
        maxLength: 50,
        showIf: { field: 'fatherDeclared', equals: 'yes' },
      }),
    ]),
    section('declarant', bi('Người đi đăng ký khai sinh', 'The declarant'), [
      select('declarantRelationship', bi('Quan hệ với trẻ', 'Relationship to the child'), [
        option('mother', 'Mẹ', 'Mother'),
        option('father', 'Cha', 'Father'),
        option('grandparent', 'Ông, bà', 'Grandparent'),
        option('relative', 'Người thân thích khác', 'Other relative'),
        option('other', 'Người khác (được ủy quyền)', 'Someone else (authorised)'),
      ]),
      text('declarantRelationshipOther', bi('Ghi rõ quan hệ', 'State the relationship'), {
        showIf: { field: 'declarantRelationship', equals: ['relative', 'other'] },
        maxLength: 100,
      }),
      phone('declarantPhone', PHONE, {
        hint: bi(
          'Để cán bộ liên hệ khi cần bổ sung hồ sơ.',
          'So the officer can contact you if anything is missing.',
        ),
      }),
    ]),
  ],
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Copies of civil-status extracts — Tờ khai cấp bản sao trích lục hộ tịch (8 000 ₫ per copy: `copies`)
// ---------------------------------------------------------------------------------------------------------------

const extractCopies: FormDefinition = {
  sections: [
    section('event', bi('Sự kiện hộ tịch cần cấp bản sao trích lục', 'The civil-status event'), [
      select('eventType', bi('Loại sự kiện hộ tịch', 'Kind of event'), [
        option('birth', 'Khai sinh', 'Birth'),
        option('marriage', 'Kết hôn', 'Marriage'),
        option('death', 'Khai tử', 'Death'),
        option('parentage', 'Nhận cha, mẹ, con', 'Recognition of parentage'),
        option('guardianship', 'Giám hộ', 'Guardianship'),
        option('nameChange', 'Thay đổi, cải chính hộ tịch', 'Change or correction of civil status'),
      ]),
      text(
        'personFullName',
        bi('Họ, chữ đệm và tên người được cấp trích lục', 'Full name of the person in the extract'),
        {
          maxLength: 100,
        },
      ),
      date('personDateOfBirth', DATE_OF_BIRTH, { notAfterToday: true }),
      citizenId('personCitizenId', CITIZEN_ID, { optional: true, hint: CITIZEN_ID_HINT }),
      text('registrationAuthority', bi('Cơ quan đã đăng ký', 'Authority that registered the event'), {
        hint: bi('Ví dụ: Ủy ban nhân dân phường Bến Nghé', "For example: Ben Nghe Ward People's Committee"),
      }),
      text('registrationNumber', bi('Số đăng ký, quyển số', 'Registration number and register book'), {
        optional: true,
        maxLength: 50,
      }),
      date('registrationDate', bi('Ngày đăng ký', 'Date of registration'), {
        optional: true,
        notAfterToday: true,
      }),
    ]),
    section('request', bi('Nội dung yêu cầu', 'The request'), [
      radio('applicantRelationship', bi('Người yêu cầu là', 'You are'), [
        option('self', 'Người có thông tin trong trích lục', 'The person named in the extract'),
        option(
          'relative',
          'Cha, mẹ, con, vợ, chồng, anh, chị, em ruột',
          'A parent, child, spouse or sibling',
        ),
        option('authorised', 'Người được ủy quyền', 'An authorised representative'),
      ]),
      number('copies', bi('Số bản sao trích lục đề nghị cấp', 'Number of copies requested'), {
        integer: true,
        min: 1,
        max: 20,
        hint: bi('Lệ phí 8.000 đồng/bản.', 'The fee is VND 8,000 per copy.'),
      }),
      textarea('purpose', bi('Mục đích sử dụng', 'Purpose'), { optional: true, maxLength: 500 }),
    ]),
  ],
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Certified copy from the original (2 000 ₫ per page: `pages`)
// ---------------------------------------------------------------------------------------------------------------

const certifiedCopy: FormDefinition = {
  sections: [
    section(
      'document',
      bi('Giấy tờ cần chứng thực bản sao', 'The document to certify'),
      [
        select('documentType', bi('Loại giấy tờ', 'Kind of document'), [
          option('diploma', 'Văn bằng, chứng chỉ, bảng điểm', 'Diploma, certificate or transcript'),
          option(
            'civilStatus',
            'Giấy tờ hộ tịch (giấy khai sinh, giấy chứng nhận kết hôn…)',
            'Civil-status paper (birth or marriage certificate…)',
          ),
          option(
            'landOrHouse',
            'Giấy chứng nhận quyền sử dụng đất, sở hữu nhà',
            'Land-use or house ownership certificate',
          ),
          option('identity', 'Giấy tờ tùy thân, hộ chiếu', 'Identity paper or passport'),
          option('other', 'Giấy tờ khác', 'Other document'),
        ]),
        text('documentName', bi('Tên giấy tờ', 'Title of the document'), {
          hint: bi('Ví dụ: Bằng tốt nghiệp đại học', "For example: Bachelor's degree"),
        }),
        text('issuingAuthority', bi('Cơ quan cấp', 'Issued by')),
        date('issueDate', bi('Ngày cấp', 'Date of issue'), { optional: true, notAfterToday: true }),
        number('pages', bi('Tổng số trang cần chứng thực', 'Total number of pages to certify'), {
          integer: true,
          min: 1,
          max: 200,
          hint: bi(
            'Cộng số trang của tất cả các bản sao. Lệ phí 2.000 đồng/trang cho hai trang đầu, 1.000 đồng/trang từ trang thứ ba.',
            'Add up the pages of all the copies. VND 2,000 a page for the first two pages, VND 1,000 a page after.',
          ),
        }),
      ],
      bi(
        'Mang bản chính đến Bộ phận Một cửa vào ngày hẹn để đối chiếu.',
        'Bring the original to the one-stop desk on the appointed day for comparison.',
      ),
    ),
  ],
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Marriage registration — Tờ khai đăng ký kết hôn
// ---------------------------------------------------------------------------------------------------------------

const spouse = (prefix: 'woman' | 'man'): Field[] => [
  ...person(prefix),
  text(`${prefix}Ethnicity`, ETHNICITY, { maxLength: 50 }),
  text(`${prefix}Nationality`, NATIONALITY, { maxLength: 50 }),
  address(`${prefix}Residence`, RESIDENCE),
  number(`${prefix}MarriageOrder`, bi('Kết hôn lần thứ', 'This is marriage number'), {
    integer: true,
    min: 1,
    max: 10,
    hint: bi('Ghi 1 nếu kết hôn lần đầu.', 'Enter 1 for a first marriage.'),
  }),
]

const marriageRegistration: FormDefinition = {
  sections: [
    section('woman', bi('Bên nữ', 'The woman'), spouse('woman')),
    section('man', bi('Bên nam', 'The man'), spouse('man')),
    section('registration', bi('Đăng ký', 'Registration'), [
      radio(
        'registeringAwayFromHome',
        bi(
          'Có bên nào đăng ký kết hôn ngoài nơi thường trú không?',
          'Is either of you registering away from your permanent residence?',
        ),
        YES_NO,
        {
          hint: bi(
            'Nếu có, cần nộp Giấy xác nhận tình trạng hôn nhân.',
            'If so, a certificate of marital status is needed.',
          ),
        },
      ),
      date(
        'preferredDate',
        bi('Ngày dự kiến đến ký Giấy chứng nhận kết hôn', 'Preferred date to sign the certificate'),
        {
          optional: true,
          notBeforeToday: true,
          hint: bi('Cả hai bên phải có mặt.', 'Both of you must attend.'),
        },
      ),
    ]),
  ],
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Judicial record certificate — Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp
// ---------------------------------------------------------------------------------------------------------------

const judicialRecord: FormDefinition = {
  sections: [
    // The applicant's identity comes from VNeID when they sign in with it (filled and locked).
    section('applicant', bi('Người yêu cầu cấp Phiếu', 'The applicant'), [
      text('fullName', FULL_NAME, { hint: FULL_NAME_HINT, maxLength: 100, identity: 'fullName' }),
      text('otherNames', bi('Tên gọi khác', 'Other names'), { optional: true, maxLength: 100 }),
      radio('sex', bi('Giới tính', 'Sex'), SEX, { identity: 'gender' }),
      date('dateOfBirth', DATE_OF_BIRTH, { notAfterToday: true, identity: 'birthdate' }),
      text('placeOfBirth', bi('Nơi sinh', 'Place of birth')),
      text('nationality', NATIONALITY, { maxLength: 50 }),
      text('ethnicity', ETHNICITY, { maxLength: 50 }),
      citizenId('citizenId', CITIZEN_ID, { hint: CITIZEN_ID_HINT, identity: 'personalId' }),
      phone('phone', PHONE, { identity: 'phone' }),
      email('email', EMAIL, { optional: true }),
      address('permanentAddress', bi('Nơi thường trú', 'Permanent residence'), { identity: 'address' }),
      address('temporaryAddress', bi('Nơi tạm trú', 'Temporary residence'), {
        optional: true,
        hint: bi('Chỉ khai nếu khác nơi thường trú.', 'Only if different from the permanent residence.'),
      }),
    ]),
    section('request', bi('Nội dung yêu cầu', 'The request'), [
      radio(
        'certificateType',
        bi('Loại Phiếu lý lịch tư pháp', 'Type of certificate'),
        [
          option('1', 'Phiếu lý lịch tư pháp số 1', 'Judicial record certificate no. 1'),
          option('2', 'Phiếu lý lịch tư pháp số 2', 'Judicial record certificate no. 2'),
        ],
        {
          hint: bi(
            'Phiếu số 2 ghi đầy đủ các án tích, kể cả án tích đã được xóa, và chỉ cấp cho chính người yêu cầu.',
            'Certificate no. 2 lists every conviction, including expunged ones, and is issued only to the person concerned.',
          ),
        },
      ),
      radio(
        'includeBans',
        bi(
          'Yêu cầu xác nhận nội dung cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã',
          'Include whether you are banned from holding posts or founding and managing enterprises and cooperatives',
        ),
        YES_NO,
        { showIf: { field: 'certificateType', equals: '1' } },
      ),
      text('purpose', bi('Mục đích sử dụng Phiếu', 'What the certificate is for'), {
        hint: bi('Ví dụ: bổ sung hồ sơ xin việc', 'For example: a job application'),
      }),
      number('copies', bi('Số lượng Phiếu yêu cầu cấp', 'Number of certificates'), {
        integer: true,
        min: 1,
        max: 10,
        hint: bi(
          'Từ Phiếu thứ 3 trở đi thu thêm 5.000 đồng/Phiếu.',
          'From the third one, VND 5,000 more each.',
        ),
      }),
      radio('reducedFee', bi('Thuộc diện được giảm phí', 'Entitled to the reduced fee'), [
        option('none', 'Không', 'No'),
        option('student', 'Sinh viên', 'Student'),
        option(
          'merit',
          'Người có công với cách mạng, thân nhân liệt sĩ',
          'Person with merit to the revolution, relative of a martyr',
        ),
      ]),
    ]),
  ],
}

// ---------------------------------------------------------------------------------------------------------------
// 6. Household business registration — Giấy đề nghị đăng ký hộ kinh doanh
// ---------------------------------------------------------------------------------------------------------------

const householdBusiness: FormDefinition = {
  sections: [
    section('business', bi('Hộ kinh doanh', 'The business'), [
      text('businessName', bi('Tên hộ kinh doanh', 'Business name'), {
        hint: bi(
          'Gồm cụm từ "Hộ kinh doanh" và tên riêng, ví dụ: Hộ kinh doanh Hoa Mai.',
          'The words "Hộ kinh doanh" and a proper name, e.g. Hộ kinh doanh Hoa Mai.',
        ),
        maxLength: 150,
      }),
      address('businessAddress', bi('Địa chỉ trụ sở hộ kinh doanh', 'Business address')),
      phone('businessPhone', bi('Điện thoại', 'Phone'), { optional: true }),
      email('businessEmail', EMAIL, { optional: true }),
      textarea('linesOfBusiness', bi('Ngành, nghề kinh doanh', 'Lines of business'), {
        hint: bi('Mỗi ngành, nghề một dòng.', 'One line of business per line.'),
        maxLength: 2000,
      }),
      number('capital', bi('Vốn kinh doanh (đồng)', 'Business capital (VND)'), {
        integer: true,
        min: 1,
        hint: bi('Ví dụ: 100.000.000', 'For example: 100,000,000'),
      }),
      number('employees', bi('Số lao động dự kiến', 'Expected number of workers'), {
        integer: true,
        min: 0,
        max: 1000,
        optional: true,
      }),
    ]),
    section('owner', bi('Chủ hộ kinh doanh', 'The owner'), [
      ...person('owner'),
      phone('ownerPhone', PHONE),
      address('ownerResidence', RESIDENCE),
    ]),
    section(
      'members',
      bi('Thành viên hộ gia đình tham gia đăng ký', 'Household members registering together'),
      [
        {
          key: 'members',
          type: 'group',
          label: bi('Các thành viên (kể cả chủ hộ kinh doanh)', 'Members (the owner included)'),
          required: true,
          minItems: 1,
          maxItems: 10,
          itemLabel: bi('Thành viên', 'Member'),
          fields: [
            text('memberFullName', FULL_NAME, { maxLength: 100 }),
            citizenId('memberCitizenId', CITIZEN_ID, { hint: CITIZEN_ID_HINT }),
          ],
        },
      ],
    ),
  ],
}

// ---------------------------------------------------------------------------------------------------------------
// 7. House building permit — Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)
// ---------------------------------------------------------------------------------------------------------------

const buildingPermit: FormDefinition = {
  sections: [
    section('applicant', bi('Chủ đầu tư', 'The owner'), [
      ...person('applicant'),
      phone('applicantPhone', PHONE),
      address('applicantAddress', bi('Địa chỉ liên hệ', 'Contact address')),
    ]),
    section('land', bi('Địa điểm xây dựng', 'The site'), [
      text('landPlotNumber', bi('Thửa đất số', 'Land plot number'), { maxLength: 20 }),
      text('mapSheetNumber', bi('Tờ bản đồ số', 'Map sheet number'), { maxLength: 20 }),
      number('landArea', bi('Diện tích thửa đất (m²)', 'Plot area (m²)'), { min: 1, max: 100000 }),
      text(
        'landCertificateNumber',
        bi('Số Giấy chứng nhận quyền sử dụng đất', 'Land-use right certificate number'),
        {
          optional: true,
          maxLength: 30,
        },
      ),
      address('worksAddress', bi('Địa chỉ công trình', 'Address of the works')),
    ]),
    section('works', bi('Nội dung đề nghị cấp phép', 'The works'), [
      number('floors', bi('Số tầng (không kể tầng hầm)', 'Floors (basements not counted)'), {
        integer: true,
        min: 1,
        max: 15,
      }),
      radio('basement', bi('Có tầng hầm', 'Basement'), YES_NO),
      number('groundFloorArea', bi('Diện tích xây dựng tầng 1 (m²)', 'Ground-floor footprint (m²)'), {
        min: 1,
        max: 100000,
      }),
      number('totalFloorArea', bi('Tổng diện tích sàn (m²)', 'Total floor area (m²)'), {
        min: 1,
        max: 1000000,
        hint: bi(
          'Cộng diện tích sàn của tất cả các tầng, kể cả tầng hầm.',
          'All floors added up, basements included.',
        ),
      }),
      number('height', bi('Chiều cao công trình (m)', 'Height of the building (m)'), { min: 1, max: 100 }),
      text('designer', bi('Đơn vị hoặc cá nhân thiết kế', 'Designer (firm or individual)'), {
        optional: true,
      }),
      number('completionMonths', bi('Thời gian dự kiến hoàn thành (tháng)', 'Expected duration (months)'), {
        integer: true,
        min: 1,
        max: 60,
        optional: true,
      }),
    ]),
  ],
}

// ---------------------------------------------------------------------------------------------------------------
// 8. Driving licence exchange — Đơn đề nghị đổi giấy phép lái xe
// ---------------------------------------------------------------------------------------------------------------

const drivingLicence: FormDefinition = {
  sections: [
    section('holder', bi('Người đề nghị', 'The holder'), [...person('holder'), phone('holderPhone', PHONE)]),
    section('licence', bi('Giấy phép lái xe đang sử dụng', 'The current licence'), [
      text('licenceNumber', bi('Số giấy phép lái xe', 'Licence number'), {
        maxLength: 20,
        hint: bi(
          'In ở mặt trước giấy phép, gồm 12 chữ số.',
          'Printed on the front of the licence: 12 digits.',
        ),
      }),
      select('licenceClass', bi('Hạng giấy phép lái xe', 'Licence class'), [
        option('A1', 'A1', 'A1'),
        option('A', 'A', 'A'),
        option('B1', 'B1', 'B1'),
        option('B', 'B', 'B'),
        option('C1', 'C1', 'C1'),
        option('C', 'C', 'C'),
        option('D1', 'D1', 'D1'),
        option('D2', 'D2', 'D2'),
        option('D', 'D', 'D'),
        option('BE', 'BE', 'BE'),
        option('C1E', 'C1E', 'C1E'),
        option('CE', 'CE', 'CE'),
        option('D1E', 'D1E', 'D1E'),
        option('D2E', 'D2E', 'D2E'),
        option('DE', 'DE', 'DE'),
      ]),
      text('issuingAuthority', bi('Cơ quan cấp', 'Issued by')),
      date('issueDate', bi('Ngày cấp', 'Date of issue'), { notAfterToday: true }),
      date('expiryDate', bi('Ngày hết hạn', 'Expiry date'), {
        optional: true,
        hint: bi('Để trống nếu giấy phép không thời hạn.', 'Leave empty if the licence does not expire.'),
      }),
      select('reason', bi('Lý do đổi', 'Reason for the exchange'), [
        option('expiring', 'Sắp hết hạn hoặc đã hết hạn', 'About to expire or expired'),
        option('damaged', 'Bị hỏng', 'Damaged'),
        option('detailsChanged', 'Thay đổi thông tin cá nhân', 'Personal details changed'),
        option(
          'paperToCard',
          'Đổi giấy phép bằng giấy bìa sang thẻ PET',
          'Exchange a paper licence for a card',
        ),
      ]),
    ]),
    section('health', bi('Giấy khám sức khỏe', 'Health certificate'), [
      radio(
        'healthCertificateNeeded',
        bi(
          'Hạng giấy phép của bạn có phải nộp giấy khám sức khỏe không?',
          'Does your licence class need a health certificate?',
        ),
        YES_NO,
        {
          hint: bi(
            'Hạng A1, A, B1 (xe mô tô) không cần giấy khám sức khỏe; các hạng khác cần giấy khám sức khỏe của người lái xe.',
            'Classes A1, A and B1 (motorcycles) do not; the other classes need a driver health certificate.',
          ),
        },
      ),
      text('healthCertificateNumber', bi('Số giấy khám sức khỏe', 'Health certificate number'), {
        maxLength: 30,
        showIf: { field: 'healthCertificateNeeded', equals: 'yes' },
      }),
      text('medicalFacility', bi('Cơ sở y tế cấp', 'Issued by (medical facility)'), {
        showIf: { field: 'healthCertificateNeeded', equals: 'yes' },
      }),
      date('healthCertificateDate', bi('Ngày khám', 'Date of the examination'), {
        notAfterToday: true,
        showIf: { field: 'healthCertificateNeeded', equals: 'yes' },
        hint: bi('Giấy khám có giá trị 12 tháng.', 'The certificate is valid for 12 months.'),
      }),
    ]),
  ],
}

// ---------------------------------------------------------------------------------------------------------------
// 9. Food-safety certificate — Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm
// ---------------------------------------------------------------------------------------------------------------

const foodSafety: FormDefinition = {
  sections: [
    section('establishment', bi('Cơ sở đề nghị cấp Giấy chứng nhận', 'The establishment'), [
      text('establishmentName', bi('Tên cơ sở', 'Name of the establishment'), { maxLength: 150 }),
      text(
        'registrationNumber',
        bi(
          'Số Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh',
          'Enterprise or household business registration number',
        ),
        {
          maxLength: 30,
        },
      ),
      address('establishmentAddress', bi('Địa chỉ cơ sở', 'Address of the establishment')),
      phone('establishmentPhone', bi('Điện thoại', 'Phone')),
      email('establishmentEmail', EMAIL, { optional: true }),
      select('establishmentType', bi('Loại hình cơ sở', 'Type of establishment'), [
        option('production', 'Cơ sở sản xuất thực phẩm', 'Food production'),
        option('trading', 'Cơ sở kinh doanh thực phẩm', 'Food trading'),
        option(
          'production_trading',
          'Cơ sở vừa sản xuất vừa kinh doanh thực phẩm',
          'Food production and trading',
        ),
        option('catering', 'Cơ sở kinh doanh dịch vụ ăn uống', 'Catering (restaurants, canteens)'),
      ]),
      checkboxes(
        'productGroups',
        bi('Nhóm sản phẩm', 'Product groups'),
        [
          option('dairy', 'Sữa và sản phẩm từ sữa', 'Milk and dairy products'),
          option('meat', 'Thịt và sản phẩm từ thịt', 'Meat and meat products'),
          option('seafood', 'Thủy sản và sản phẩm thủy sản', 'Fish and seafood'),
          option('beverages', 'Đồ uống (trừ rượu)', 'Beverages (no spirits)'),
          option('bakery', 'Bánh, mứt, kẹo', 'Bakery and confectionery'),
          option('other', 'Nhóm khác', 'Other'),
        ],
        {
          showIf: { field: 'establishmentType', equals: ['production', 'trading', 'production_trading'] },
        },
      ),
      number('mealsPerDay', bi('Số suất ăn phục vụ mỗi ngày', 'Meals served per day'), {
        integer: true,
        min: 1,
        max: 100000,
        showIf: { field: 'establishmentType', equals: 'catering' },
      }),
      number(
        'employees',
        bi('Số người trực tiếp sản xuất, kinh doanh thực phẩm', 'Staff directly handling food'),
        {
          integer: true,
          min: 1,
          max: 10000,
        },
      ),
      number('premisesArea', bi('Diện tích mặt bằng (m²)', 'Premises area (m²)'), {
        min: 1,
        max: 1000000,
        optional: true,
      }),
    ]),
    section('owner', bi('Chủ cơ sở', 'The owner'), [
      text('ownerFullName', FULL_NAME, { hint: FULL_NAME_HINT, maxLength: 100 }),
      citizenId('ownerCitizenId', CITIZEN_ID, { hint: CITIZEN_ID_HINT }),
      phone('ownerPhone', PHONE),
    ]),
  ],
}

// ---------------------------------------------------------------------------------------------------------------

/** Procedure code (db/seed/catalogue.ts) → its e-form. */
export const procedureForms: Record<string, FormDefinition> = {
  '1.001193.000.00.00.H56': birthRegistration,
  '2.000635.000.00.00.H56': extractCopies,
  '2.000815.000.00.00.H56': certifiedCopy,
  '1.000894.000.00.00.H56': marriageRegistration,
  '2.001417.000.00.00.H56': judicialRecord,
  '2.000720.000.00.00.H56': householdBusiness,
  '1.009994.000.00.00.H56': buildingPermit,
  '1.002804.000.00.00.H56': drivingLicence,
  '1.001917.000.00.00.H56': foodSafety,
}
