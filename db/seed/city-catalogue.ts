/**
 * The rest of the city's catalogue (issue 12 §4): about 2,000 procedures across the city's departments and
 * districts, so the catalogue's search, ranking and pages are exercised at the size a city portal really lists.
 *
 * Generated, deterministically (the same list on every machine and every run), from each agency's fields, the
 * subjects of a field and the actions a subject takes (issue, re-issue, amend, extend…), with the law each field
 * rests on. Honest about what they are: every generated procedure is listed for information only
 * (`procedures.online` false) — its dossier is taken at the agency's one-stop counter or by post, it has no e-form
 * here and cannot be applied for online; the nine procedures of ./catalogue.ts stay the ones open online. Fees
 * and processing times are illustrative, as the summary of each says. Pure data: ./seed.ts writes it.
 */
import type { FeePolicy, ProcedureTexts } from '../../app/modules/catalogue/types'
import type { Bilingual } from '../../app/modules/forms/definition'
import type { DeliveryMethod } from '../schema'
import { agencies as demoAgencies, procedures as demoProcedures } from './catalogue'
import type { SeedAgency } from './types'

const bi = (vi: string, en: string): Bilingual => ({ vi, en })

/** How many procedures the whole catalogue lists (the nine demo procedures included). */
export const CITY_CATALOGUE_SIZE = 2000

type Kind =
  | 'permit'
  | 'registration'
  | 'approval'
  | 'certificate'
  | 'support'
  | 'civil'
  | 'certify'
  | 'title'
  | 'notice'
  | 'decide'
interface Subject {
  kind: Kind
  name: Bilingual
}
interface FieldDef {
  field: Bilingual
  law: Bilingual
  subjects: Subject[]
}
interface AgencyDef extends SeedAgency {
  fields: FieldDef[]
}

const s = (kind: Kind, vi: string, en: string): Subject => ({ kind, name: bi(vi, en) })

/** The actions a subject of each kind takes: name prefix vi, English verb. */
const actions: Record<Kind, Array<[vi: string, en: string]>> = {
  permit: [
    ['Cấp', 'Issuing'],
    ['Cấp lại', 'Re-issuing'],
    ['Điều chỉnh', 'Amending'],
    ['Gia hạn', 'Extending'],
    ['Cấp đổi', 'Replacing'],
  ],
  registration: [
    ['Đăng ký', 'Registering'],
    ['Đăng ký thay đổi nội dung', 'Registering changes to'],
    ['Thông báo chấm dứt', 'Notifying the closure of'],
  ],
  approval: [
    ['Thẩm định', 'Appraising'],
    ['Phê duyệt', 'Approving'],
    ['Điều chỉnh', 'Amending'],
  ],
  certificate: [
    ['Cấp', 'Issuing'],
    ['Cấp lại', 'Re-issuing'],
  ],
  support: [
    ['Giải quyết', 'Granting'],
    ['Thôi hưởng', 'Ending'],
  ],
  civil: [
    ['Đăng ký', 'Registering'],
    ['Đăng ký lại', 'Re-registering'],
  ],
  certify: [['Chứng thực', 'Certifying']],
  title: [['Xét tặng', 'Awarding']],
  notice: [['Thông báo', 'Notifying']],
  decide: [['Quyết định', 'Deciding on']],
}

// Laws the fields rest on (each as published).
const LAW = {
  construction: bi('Luật Xây dựng số 50/2014/QH13 ngày 18/6/2014', 'Law on Construction No. 50/2014/QH13'),
  land: bi('Luật Đất đai số 31/2024/QH15 ngày 18/01/2024', 'Land Law No. 31/2024/QH15'),
  housing: bi('Luật Nhà ở số 27/2023/QH15 ngày 27/11/2023', 'Law on Housing No. 27/2023/QH15'),
  enterprise: bi('Luật Doanh nghiệp số 59/2020/QH14 ngày 17/6/2020', 'Law on Enterprises No. 59/2020/QH14'),
  investment: bi('Luật Đầu tư số 61/2020/QH14 ngày 17/6/2020', 'Law on Investment No. 61/2020/QH14'),
  environment: bi(
    'Luật Bảo vệ môi trường số 72/2020/QH14 ngày 17/11/2020',
    'Law on Environmental Protection No. 72/2020/QH14',
  ),
  water: bi(
    'Luật Tài nguyên nước số 28/2023/QH15 ngày 27/11/2023',
    'Law on Water Resources No. 28/2023/QH15',
  ),
  education: bi('Luật Giáo dục số 43/2019/QH14 ngày 14/6/2019', 'Law on Education No. 43/2019/QH14'),
  vocational: bi(
    'Luật Giáo dục nghề nghiệp số 74/2014/QH13 ngày 27/11/2014',
    'Law on Vocational Education No. 74/2014/QH13',
  ),
  labour: bi('Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019', 'Labour Code No. 45/2019/QH14'),
  disability: bi(
    'Luật Người khuyết tật số 51/2010/QH12 ngày 17/6/2010',
    'Law on Persons with Disabilities No. 51/2010/QH12',
  ),
  commerce: bi('Luật Thương mại số 36/2005/QH11 ngày 14/6/2005', 'Commercial Law No. 36/2005/QH11'),
  chemicals: bi('Luật Hóa chất số 06/2007/QH12 ngày 21/11/2007', 'Law on Chemicals No. 06/2007/QH12'),
  foodSafety: bi(
    'Luật An toàn thực phẩm số 55/2010/QH12 ngày 17/6/2010',
    'Law on Food Safety No. 55/2010/QH12',
  ),
  pharmacy: bi('Luật Dược số 105/2016/QH13 ngày 06/4/2016', 'Law on Pharmacy No. 105/2016/QH13'),
  medical: bi(
    'Luật Khám bệnh, chữa bệnh số 15/2023/QH15 ngày 09/01/2023',
    'Law on Medical Examination and Treatment No. 15/2023/QH15',
  ),
  roadTraffic: bi(
    'Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15 ngày 27/6/2024',
    'Law on Road Traffic Order and Safety No. 36/2024/QH15',
  ),
  tourism: bi('Luật Du lịch số 09/2017/QH14 ngày 19/6/2017', 'Law on Tourism No. 09/2017/QH14'),
  advertising: bi('Luật Quảng cáo số 16/2012/QH13 ngày 21/6/2012', 'Law on Advertising No. 16/2012/QH13'),
  sport: bi(
    'Luật Thể dục, thể thao số 77/2006/QH11 ngày 29/11/2006',
    'Law on Physical Training and Sports No. 77/2006/QH11',
  ),
  press: bi('Luật Báo chí số 103/2016/QH13 ngày 05/4/2016', 'Law on the Press No. 103/2016/QH13'),
  publishing: bi('Luật Xuất bản số 19/2012/QH13 ngày 20/11/2012', 'Law on Publishing No. 19/2012/QH13'),
  telecom: bi(
    'Luật Viễn thông số 24/2023/QH15 ngày 24/11/2023',
    'Law on Telecommunications No. 24/2023/QH15',
  ),
  science: bi(
    'Luật Khoa học và Công nghệ số 29/2013/QH13 ngày 18/6/2013',
    'Law on Science and Technology No. 29/2013/QH13',
  ),
  standards: bi(
    'Luật Tiêu chuẩn và quy chuẩn kỹ thuật số 68/2006/QH11 ngày 29/6/2006',
    'Law on Standards and Technical Regulations No. 68/2006/QH11',
  ),
  religion: bi(
    'Luật Tín ngưỡng, tôn giáo số 02/2016/QH14 ngày 18/11/2016',
    'Law on Belief and Religion No. 02/2016/QH14',
  ),
  emulation: bi(
    'Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022',
    'Law on Emulation and Commendation No. 06/2022/QH15',
  ),
  civilServants: bi(
    'Luật Cán bộ, công chức số 22/2008/QH12 ngày 13/11/2008',
    'Law on Cadres and Civil Servants No. 22/2008/QH12',
  ),
  lawyers: bi('Luật Luật sư số 65/2006/QH11 ngày 29/6/2006', 'Law on Lawyers No. 65/2006/QH11'),
  legalAid: bi('Luật Trợ giúp pháp lý số 11/2017/QH14 ngày 20/6/2017', 'Law on Legal Aid No. 11/2017/QH14'),
  auction: bi(
    'Luật Đấu giá tài sản số 01/2016/QH14 ngày 17/11/2016',
    'Law on Property Auction No. 01/2016/QH14',
  ),
  civilStatus: bi('Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014', 'Law on Civil Status No. 60/2014/QH13'),
  crops: bi('Luật Trồng trọt số 31/2018/QH14 ngày 19/11/2018', 'Law on Crop Production No. 31/2018/QH14'),
  veterinary: bi('Luật Thú y số 79/2015/QH13 ngày 19/6/2015', 'Law on Veterinary Medicine No. 79/2015/QH13'),
  fisheries: bi('Luật Thủy sản số 18/2017/QH14 ngày 21/11/2017', 'Law on Fisheries No. 18/2017/QH14'),
  realEstate: bi(
    'Luật Kinh doanh bất động sản số 29/2023/QH15 ngày 28/11/2023',
    'Law on Real Estate Business No. 29/2023/QH15',
  ),
}
const DECREE_45_2020 = bi(
  'Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử',
  'Government Decree No. 45/2020/ND-CP on carrying out administrative procedures electronically',
)

const F = (vi: string, en: string, law: Bilingual, subjects: Subject[]): FieldDef => ({
  field: bi(vi, en),
  law,
  subjects,
})

/** The fields of a district people's committee, the same in every district. */
const districtFields: FieldDef[] = [
  F('Hộ tịch', 'Civil status', LAW.civilStatus, [
    s('civil', 'khai sinh có yếu tố nước ngoài', 'a birth with a foreign element'),
    s('civil', 'kết hôn có yếu tố nước ngoài', 'a marriage with a foreign element'),
    s('civil', 'khai tử có yếu tố nước ngoài', 'a death with a foreign element'),
    s('civil', 'giám hộ có yếu tố nước ngoài', 'a guardianship with a foreign element'),
    s('civil', 'nhận cha, mẹ, con có yếu tố nước ngoài', 'a parentage recognition with a foreign element'),
    s('certificate', 'bản sao trích lục hộ tịch', 'a copy of a civil status extract'),
  ]),
  F('Đất đai', 'Land', LAW.land, [
    s(
      'certificate',
      'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      'a land use right and property ownership certificate',
    ),
    s('registration', 'biến động quyền sử dụng đất', 'a change in land use rights'),
    s('approval', 'hồ sơ chuyển mục đích sử dụng đất', 'a change of land use purpose'),
    s(
      'approval',
      'phương án bồi thường, hỗ trợ, tái định cư',
      'a compensation, support and resettlement plan',
    ),
  ]),
  F('Xây dựng', 'Construction', LAW.construction, [
    s('permit', 'giấy phép xây dựng nhà ở riêng lẻ', 'a construction permit for a detached house'),
    s('permit', 'giấy phép sửa chữa, cải tạo công trình', 'a permit to repair or renovate a building'),
    s('permit', 'giấy phép di dời công trình', 'a permit to relocate a building'),
  ]),
  F('Thành lập và hoạt động của hộ kinh doanh', 'Household businesses', LAW.enterprise, [
    s('registration', 'hộ kinh doanh', 'a household business'),
    s('notice', 'tạm ngừng kinh doanh của hộ kinh doanh', 'the suspension of a household business'),
  ]),
  F('Lưu thông hàng hóa trong nước', 'Domestic trade', LAW.commerce, [
    s('permit', 'giấy phép bán lẻ sản phẩm thuốc lá', 'a tobacco retail licence'),
    s('permit', 'giấy phép bán lẻ rượu', 'a liquor retail licence'),
    s(
      'certificate',
      'giấy chứng nhận đủ điều kiện kinh doanh khí dầu mỏ hóa lỏng',
      'a certificate of eligibility to trade liquefied petroleum gas',
    ),
  ]),
  F('Giáo dục và Đào tạo', 'Education and training', LAW.education, [
    s(
      'permit',
      'quyết định cho phép thành lập trường mầm non tư thục',
      'a decision to found a private kindergarten',
    ),
    s(
      'permit',
      'quyết định cho phép hoạt động giáo dục nhóm trẻ độc lập',
      'a licence for an independent childcare group',
    ),
    s('approval', 'hồ sơ chuyển trường cho học sinh trung học cơ sở', 'a lower secondary school transfer'),
  ]),
  F('Bảo trợ xã hội', 'Social protection', LAW.disability, [
    s('support', 'trợ cấp xã hội hằng tháng', 'a monthly social allowance'),
    s('support', 'hỗ trợ chi phí mai táng', 'a funeral support allowance'),
    s('certificate', 'giấy xác nhận khuyết tật', 'a disability certificate'),
  ]),
  F('Văn hóa cơ sở', 'Community culture', LAW.emulation, [
    s('title', 'danh hiệu "Khu phố văn hóa"', 'the "Cultured neighbourhood" title'),
    s('title', 'danh hiệu "Cơ quan, đơn vị đạt chuẩn văn hóa"', 'the "Cultured workplace" title'),
  ]),
  F('Tôn giáo', 'Religion', LAW.religion, [
    s('registration', 'hoạt động tín ngưỡng', 'belief activities'),
    s('registration', 'sinh hoạt tôn giáo tập trung', 'a religious congregation'),
  ]),
  F(
    'Chứng thực',
    'Certification',
    bi(
      'Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
      'Government Decree No. 23/2015/ND-CP on copies, certification of signatures and of contracts',
    ),
    [
      s(
        'certify',
        'bản sao từ bản chính giấy tờ do cơ quan nước ngoài cấp',
        'a copy of a document issued abroad',
      ),
      s(
        'certify',
        'bản sao từ bản chính giấy tờ do cơ quan có thẩm quyền của Việt Nam liên kết với nước ngoài cấp',
        'a copy of a document issued jointly with a foreign authority',
      ),
      s(
        'certify',
        'chữ ký người dịch là cộng tác viên dịch thuật',
        'the signature of a registered translator',
      ),
      s(
        'certify',
        'chữ ký người dịch không phải là cộng tác viên dịch thuật',
        'the signature of an unregistered translator',
      ),
      s('certify', 'hợp đồng, giao dịch liên quan đến nhà ở', 'a contract on housing'),
      s('certify', 'văn bản khai nhận di sản', 'a declaration of inheritance'),
      s('certify', 'văn bản từ chối nhận di sản', 'a refusal of inheritance'),
      s(
        'certify',
        'việc sửa lỗi sai sót trong hợp đồng, giao dịch',
        'the correction of an error in a contract',
      ),
    ],
  ),
  F('An toàn thực phẩm', 'Food safety', LAW.foodSafety, [
    s(
      'certificate',
      'giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống',
      'a food safety certificate for a food service business',
    ),
  ]),
  F(
    'Người có công',
    'People with meritorious services',
    bi(
      'Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14',
      'Ordinance on Preferential Treatment for People with Meritorious Services No. 02/2020/UBTVQH14',
    ),
    [
      s(
        'support',
        'trợ cấp một lần đối với người có công',
        'a one-off allowance for a person with meritorious services',
      ),
      s('support', 'chế độ điều dưỡng phục hồi sức khỏe', 'convalescence benefits'),
      s(
        'support',
        'hỗ trợ cải thiện nhà ở cho người có công',
        'housing support for a person with meritorious services',
      ),
    ],
  ),
  F(
    'Thư viện',
    'Libraries',
    bi('Luật Thư viện số 46/2019/QH14 ngày 21/11/2019', 'Law on Libraries No. 46/2019/QH14'),
    [s('registration', 'hoạt động thư viện tư nhân có phục vụ cộng đồng', 'a private community library')],
  ),
  F(
    'Gia đình',
    'Families',
    bi(
      'Luật Phòng, chống bạo lực gia đình số 13/2022/QH15 ngày 14/11/2022',
      'Law on Domestic Violence Prevention and Control No. 13/2022/QH15',
    ),
    [
      s(
        'registration',
        'hoạt động cơ sở trợ giúp nạn nhân bạo lực gia đình',
        'a domestic violence support centre',
      ),
    ],
  ),
]

/** The fields of a ward people's committee, the same in every ward. */
const wardFields: FieldDef[] = [
  F(
    'Chứng thực',
    'Certification',
    bi(
      'Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
      'Government Decree No. 23/2015/ND-CP on copies, certification of signatures and of contracts',
    ),
    [
      s('certify', 'bản sao từ bản chính giấy tờ, văn bản', 'a copy from an original document'),
      s('certify', 'chữ ký trong các giấy tờ, văn bản', 'a signature on a document'),
      s('certify', 'chữ ký người dịch', 'a translator’s signature'),
      s('certify', 'hợp đồng, giao dịch liên quan đến tài sản là động sản', 'a contract on movable property'),
      s(
        'certify',
        'hợp đồng, giao dịch liên quan đến thực hiện quyền của người sử dụng đất',
        'a contract on land use rights',
      ),
      s('certify', 'di chúc', 'a will'),
      s('certify', 'văn bản thỏa thuận phân chia di sản', 'an estate partition agreement'),
      s(
        'certify',
        'việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch',
        'the amendment or cancellation of a contract',
      ),
    ],
  ),
  F('Hộ tịch', 'Civil status', LAW.civilStatus, [
    s('civil', 'khai sinh', 'a birth'),
    s('civil', 'kết hôn', 'a marriage'),
    s('civil', 'khai tử', 'a death'),
    s('civil', 'nhận cha, mẹ, con', 'a parentage recognition'),
    s('civil', 'giám hộ', 'a guardianship'),
    s(
      'registration',
      'thay đổi, cải chính, bổ sung thông tin hộ tịch',
      'a change or correction of civil status details',
    ),
    s('certificate', 'giấy xác nhận tình trạng hôn nhân', 'a certificate of marital status'),
  ]),
  F('Bảo trợ xã hội', 'Social protection', LAW.disability, [
    s(
      'support',
      'hỗ trợ kinh phí chăm sóc, nuôi dưỡng đối tượng bảo trợ xã hội',
      'care support for a social protection beneficiary',
    ),
    s(
      'support',
      'trợ cấp đối với trẻ em có hoàn cảnh đặc biệt',
      'an allowance for a child in special circumstances',
    ),
  ]),
  F(
    'Phổ biến, giáo dục pháp luật',
    'Legal education',
    bi(
      'Luật Hòa giải ở cơ sở số 35/2013/QH13 ngày 20/6/2013',
      'Law on Grassroots Mediation No. 35/2013/QH13',
    ),
    [
      s('decide', 'công nhận hòa giải viên', 'the recognition of a mediator'),
      s('decide', 'công nhận tổ trưởng tổ hòa giải', 'the recognition of a mediation group leader'),
      s('approval', 'hồ sơ thanh toán thù lao cho hòa giải viên', 'a mediator’s fee'),
    ],
  ),
  F('Thi đua, khen thưởng', 'Commendation', LAW.emulation, [
    s('title', 'danh hiệu "Gia đình văn hóa"', 'the "Cultured family" title'),
    s('title', 'giấy khen của Chủ tịch Ủy ban nhân dân cấp xã', 'a certificate of merit of the ward chair'),
  ]),
]

const dept = (
  code: string,
  vi: string,
  en: string,
  address: [string, string],
  phone: string,
  fields: FieldDef[],
): AgencyDef => ({
  code,
  name: bi(vi, en),
  parentCode: 'TP',
  address: bi(...address),
  phone,
  email: `${code.toLowerCase()}@example.gov.vn`,
  fields,
})

const departments: AgencyDef[] = [
  dept('STP', 'Sở Tư pháp', 'Department of Justice', ['', ''], '', [
    F(
      'Công chứng',
      'Notarisation',
      bi('Luật Công chứng số 46/2024/QH15 ngày 26/11/2024', 'Law on Notarisation No. 46/2024/QH15'),
      [
        s(
          'permit',
          'quyết định cho phép thành lập Văn phòng công chứng',
          'a decision to found a notary office',
        ),
        s('registration', 'hoạt động Văn phòng công chứng', 'a notary office'),
        s('certificate', 'thẻ công chứng viên', 'a notary card'),
      ],
    ),
    F('Luật sư', 'Lawyers', LAW.lawyers, [
      s('registration', 'hoạt động của tổ chức hành nghề luật sư', 'a law practice'),
      s(
        'certificate',
        'giấy đăng ký hành nghề luật sư với tư cách cá nhân',
        'an individual lawyer practice registration',
      ),
    ]),
    F('Trợ giúp pháp lý', 'Legal aid', LAW.legalAid, [
      s('registration', 'tham gia trợ giúp pháp lý', 'a legal aid provider'),
      s('certificate', 'thẻ cộng tác viên trợ giúp pháp lý', 'a legal aid collaborator card'),
    ]),
    F('Đấu giá tài sản', 'Property auction', LAW.auction, [
      s('registration', 'hoạt động doanh nghiệp đấu giá tài sản', 'a property auction firm'),
      s('certificate', 'thẻ đấu giá viên', 'an auctioneer card'),
    ]),
    F(
      'Quốc tịch',
      'Nationality',
      bi(
        'Luật Quốc tịch Việt Nam số 24/2008/QH12 ngày 13/11/2008',
        'Law on Vietnamese Nationality No. 24/2008/QH12',
      ),
      [
        s('approval', 'hồ sơ xin nhập quốc tịch Việt Nam', 'an application for Vietnamese nationality'),
        s(
          'approval',
          'hồ sơ xin thôi quốc tịch Việt Nam',
          'an application to renounce Vietnamese nationality',
        ),
        s('certificate', 'giấy xác nhận có quốc tịch Việt Nam', 'a confirmation of Vietnamese nationality'),
      ],
    ),
  ]),
  dept(
    'SXD',
    'Sở Xây dựng',
    'Department of Construction',
    ['60 Trương Định, phường Võ Thị Sáu, Quận 3', '60 Truong Dinh Street, Vo Thi Sau Ward, District 3'],
    '028 3932 5436',
    [
      F('Hoạt động xây dựng', 'Construction works', LAW.construction, [
        s(
          'permit',
          'giấy phép xây dựng công trình cấp đặc biệt, cấp I, cấp II',
          'a construction permit for a special, grade I or grade II work',
        ),
        s(
          'approval',
          'báo cáo nghiên cứu khả thi đầu tư xây dựng',
          'a construction investment feasibility study',
        ),
        s(
          'approval',
          'thiết kế xây dựng triển khai sau thiết kế cơ sở',
          'a construction design after the basic design',
        ),
        s(
          'certificate',
          'chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III',
          'a construction practice certificate, grade II or III',
        ),
        s('certificate', 'chứng chỉ năng lực hoạt động xây dựng', 'a construction capability certificate'),
      ]),
      F('Nhà ở', 'Housing', LAW.housing, [
        s('approval', 'hồ sơ mua, thuê mua nhà ở xã hội', 'a purchase or hire-purchase of social housing'),
        s('approval', 'hồ sơ thuê nhà ở công vụ', 'a lease of official housing'),
        s(
          'certificate',
          'giấy xác nhận đủ điều kiện nhà ở hình thành trong tương lai được đưa vào kinh doanh',
          'a confirmation that off-plan housing may be sold',
        ),
      ]),
      F('Kinh doanh bất động sản', 'Real estate business', LAW.realEstate, [
        s('certificate', 'chứng chỉ hành nghề môi giới bất động sản', 'a real estate broker certificate'),
        s(
          'approval',
          'hồ sơ chuyển nhượng toàn bộ hoặc một phần dự án bất động sản',
          'a transfer of all or part of a real estate project',
        ),
      ]),
      F(
        'Quy hoạch - Kiến trúc',
        'Planning and architecture',
        bi('Luật Kiến trúc số 40/2019/QH14 ngày 13/6/2019', 'Law on Architecture No. 40/2019/QH14'),
        [
          s('certificate', 'chứng chỉ hành nghề kiến trúc', 'an architecture practice certificate'),
          s('approval', 'nhiệm vụ quy hoạch chi tiết', 'a detailed planning brief'),
          s('permit', 'giấy phép quy hoạch', 'a planning permit'),
        ],
      ),
    ],
  ),
  dept(
    'STNMT',
    'Sở Tài nguyên và Môi trường',
    'Department of Natural Resources and Environment',
    ['63 Lý Tự Trọng, phường Bến Nghé, Quận 1', '63 Ly Tu Trong Street, Ben Nghe Ward, District 1'],
    '028 3829 4578',
    [
      F('Môi trường', 'Environment', LAW.environment, [
        s('permit', 'giấy phép môi trường', 'an environmental licence'),
        s('approval', 'báo cáo đánh giá tác động môi trường', 'an environmental impact assessment report'),
        s('registration', 'môi trường', 'an environmental registration'),
        s('permit', 'giấy phép xử lý chất thải nguy hại', 'a hazardous waste treatment licence'),
      ]),
      F('Tài nguyên nước', 'Water resources', LAW.water, [
        s('permit', 'giấy phép khai thác nước dưới đất', 'a groundwater extraction licence'),
        s('permit', 'giấy phép khai thác, sử dụng nước mặt', 'a surface water use licence'),
        s('permit', 'giấy phép thăm dò nước dưới đất', 'a groundwater exploration licence'),
        s('registration', 'khai thác nước dưới đất', 'a groundwater extraction'),
      ]),
      F('Đất đai', 'Land', LAW.land, [
        s(
          'certificate',
          'Giấy chứng nhận quyền sử dụng đất cho tổ chức',
          'a land use right certificate for an organisation',
        ),
        s('approval', 'hồ sơ giao đất, cho thuê đất', 'a land allocation or lease'),
        s('registration', 'biến động đất đai của tổ chức', 'a change in an organisation’s land'),
        s('approval', 'hồ sơ gia hạn sử dụng đất', 'an extension of land use'),
      ]),
      F(
        'Đo đạc và bản đồ',
        'Surveying and mapping',
        bi(
          'Luật Đo đạc và bản đồ số 27/2018/QH14 ngày 14/6/2018',
          'Law on Surveying and Mapping No. 27/2018/QH14',
        ),
        [
          s('certificate', 'giấy phép hoạt động đo đạc và bản đồ', 'a surveying and mapping licence'),
          s(
            'certificate',
            'chứng chỉ hành nghề đo đạc và bản đồ hạng II',
            'a grade II surveying and mapping practice certificate',
          ),
        ],
      ),
    ],
  ),
  dept(
    'SKHDT',
    'Sở Kế hoạch và Đầu tư',
    'Department of Planning and Investment',
    ['32 Lê Thánh Tôn, phường Bến Nghé, Quận 1', '32 Le Thanh Ton Street, Ben Nghe Ward, District 1'],
    '028 3827 2006',
    [
      F('Thành lập và hoạt động doanh nghiệp', 'Enterprises', LAW.enterprise, [
        s(
          'registration',
          'thành lập công ty trách nhiệm hữu hạn một thành viên',
          'a single-member limited liability company',
        ),
        s(
          'registration',
          'thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên',
          'a multi-member limited liability company',
        ),
        s('registration', 'thành lập công ty cổ phần', 'a joint-stock company'),
        s('registration', 'thành lập doanh nghiệp tư nhân', 'a private enterprise'),
        s('registration', 'hoạt động chi nhánh, văn phòng đại diện', 'a branch or representative office'),
        s('notice', 'tạm ngừng kinh doanh của doanh nghiệp', 'the suspension of an enterprise'),
      ]),
      F('Đầu tư tại Việt Nam', 'Investment in Viet Nam', LAW.investment, [
        s('certificate', 'Giấy chứng nhận đăng ký đầu tư', 'an investment registration certificate'),
        s(
          'approval',
          'chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh',
          'an investment policy of the provincial committee',
        ),
        s(
          'approval',
          'hồ sơ góp vốn, mua cổ phần của nhà đầu tư nước ngoài',
          'a capital contribution by a foreign investor',
        ),
      ]),
      F(
        'Thành lập và hoạt động của hợp tác xã',
        'Cooperatives',
        bi('Luật Hợp tác xã số 17/2023/QH15 ngày 20/6/2023', 'Law on Cooperatives No. 17/2023/QH15'),
        [
          s('registration', 'thành lập hợp tác xã', 'a cooperative'),
          s('registration', 'thành lập liên hiệp hợp tác xã', 'a cooperative union'),
        ],
      ),
    ],
  ),
  dept('SGTVT', 'Sở Giao thông vận tải', 'Department of Transport', ['', ''], '', [
    F('Đường bộ', 'Roads', LAW.roadTraffic, [
      s('permit', 'giấy phép kinh doanh vận tải bằng xe ô tô', 'a road transport business licence'),
      s(
        'permit',
        'giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn',
        'a permit for an overweight or oversize vehicle',
      ),
      s(
        'permit',
        'giấy phép thi công công trình trên đường bộ đang khai thác',
        'a permit to work on a road in use',
      ),
      s('certificate', 'phù hiệu xe taxi, xe hợp đồng', 'a taxi or contract-car badge'),
      s('permit', 'giấy phép lái xe quốc tế', 'an international driving permit'),
    ]),
    F(
      'Đường thủy nội địa',
      'Inland waterways',
      bi(
        'Luật Giao thông đường thủy nội địa số 23/2004/QH11 ngày 15/6/2004',
        'Law on Inland Waterway Traffic No. 23/2004/QH11',
      ),
      [
        s('registration', 'phương tiện thủy nội địa', 'an inland waterway vessel'),
        s(
          'certificate',
          'chứng chỉ chuyên môn thuyền viên, người lái phương tiện',
          'a boatmaster certificate',
        ),
        s('permit', 'giấy phép hoạt động bến thủy nội địa', 'an inland wharf licence'),
      ],
    ),
  ]),
  dept('SYT', 'Sở Y tế', 'Department of Health', ['', ''], '', [
    F('Khám bệnh, chữa bệnh', 'Medical practice', LAW.medical, [
      s('permit', 'giấy phép hoạt động phòng khám chuyên khoa', 'a specialist clinic licence'),
      s('permit', 'giấy phép hành nghề khám bệnh, chữa bệnh', 'a medical practice licence'),
      s('permit', 'giấy phép hoạt động phòng khám y học cổ truyền', 'a traditional medicine clinic licence'),
    ]),
    F('Dược phẩm', 'Pharmacy', LAW.pharmacy, [
      s('certificate', 'chứng chỉ hành nghề dược', 'a pharmacy practice certificate'),
      s(
        'certificate',
        'giấy chứng nhận đủ điều kiện kinh doanh dược',
        'a certificate of eligibility to trade medicines',
      ),
      s('approval', 'hồ sơ quảng cáo thuốc', 'a medicine advertisement'),
    ]),
    F('An toàn thực phẩm và dinh dưỡng', 'Food safety', LAW.foodSafety, [
      s(
        'certificate',
        'giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
        'a food safety certificate for a business',
      ),
      s('registration', 'bản công bố sản phẩm thực phẩm', 'a food product declaration'),
    ]),
    F(
      'Trang thiết bị y tế',
      'Medical devices',
      bi(
        'Nghị định số 98/2021/NĐ-CP ngày 08/11/2021 về quản lý trang thiết bị y tế',
        'Government Decree No. 98/2021/ND-CP on medical devices',
      ),
      [
        s('registration', 'đủ điều kiện mua bán trang thiết bị y tế', 'eligibility to trade medical devices'),
        s(
          'registration',
          'công bố tiêu chuẩn áp dụng trang thiết bị y tế loại A, B',
          'a standards declaration for a class A or B medical device',
        ),
      ],
    ),
  ]),
  dept(
    'SGDDT',
    'Sở Giáo dục và Đào tạo',
    'Department of Education and Training',
    ['66-68 Lê Thánh Tôn, phường Bến Nghé, Quận 1', '66-68 Le Thanh Ton Street, Ben Nghe Ward, District 1'],
    '028 3829 1876',
    [
      F('Giáo dục trung học', 'Secondary education', LAW.education, [
        s(
          'permit',
          'quyết định cho phép thành lập trường trung học phổ thông tư thục',
          'a decision to found a private upper secondary school',
        ),
        s(
          'approval',
          'hồ sơ chuyển trường đối với học sinh trung học phổ thông',
          'an upper secondary school transfer',
        ),
        s(
          'certificate',
          'bản sao văn bằng, chứng chỉ từ sổ gốc',
          'a copy of a diploma from the master register',
        ),
      ]),
      F('Giáo dục và đào tạo thuộc hệ thống giáo dục quốc dân', 'National education system', LAW.education, [
        s('permit', 'giấy phép tổ chức hoạt động dạy thêm, học thêm', 'a licence for extra tuition classes'),
        s(
          'permit',
          'giấy phép hoạt động trung tâm ngoại ngữ, tin học',
          'a foreign language or IT centre licence',
        ),
        s(
          'certificate',
          'giấy chứng nhận đăng ký hoạt động giáo dục kỹ năng sống',
          'a life skills education registration',
        ),
        s(
          'approval',
          'hồ sơ công nhận văn bằng do cơ sở giáo dục nước ngoài cấp',
          'the recognition of a foreign diploma',
        ),
      ]),
      F('Hệ thống văn bằng, chứng chỉ', 'Diplomas and certificates', LAW.education, [
        s(
          'approval',
          'hồ sơ chỉnh sửa nội dung văn bằng, chứng chỉ',
          'a correction to a diploma or certificate',
        ),
        s('certificate', 'giấy chứng nhận tốt nghiệp tạm thời', 'a temporary graduation certificate'),
      ]),
    ],
  ),
  dept(
    'SLDTBXH',
    'Sở Lao động - Thương binh và Xã hội',
    'Department of Labour, Invalids and Social Affairs',
    ['159 Pasteur, phường Võ Thị Sáu, Quận 3', '159 Pasteur Street, Vo Thi Sau Ward, District 3'],
    '028 3829 1302',
    [
      F('Việc làm', 'Employment', LAW.labour, [
        s('permit', 'giấy phép lao động cho người lao động nước ngoài', 'a work permit for a foreign worker'),
        s('permit', 'giấy phép hoạt động dịch vụ việc làm', 'an employment services licence'),
        s('support', 'trợ cấp thất nghiệp', 'unemployment benefit'),
      ]),
      F('Giáo dục nghề nghiệp', 'Vocational education', LAW.vocational, [
        s(
          'certificate',
          'giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp',
          'a vocational education registration',
        ),
        s(
          'permit',
          'quyết định thành lập trường trung cấp tư thục',
          'a decision to found a private intermediate school',
        ),
      ]),
      F(
        'Người có công',
        'People with meritorious services',
        bi(
          'Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14',
          'Ordinance on Preferential Treatment for People with Meritorious Services No. 02/2020/UBTVQH14',
        ),
        [
          s('support', 'chế độ ưu đãi đối với thân nhân liệt sĩ', 'benefits for a martyr’s relatives'),
          s('support', 'chế độ trợ cấp đối với thương binh', 'allowances for a war invalid'),
          s('certificate', 'giấy chứng nhận gia đình liệt sĩ', 'a martyr’s family certificate'),
        ],
      ),
      F(
        'An toàn, vệ sinh lao động',
        'Occupational safety',
        bi(
          'Luật An toàn, vệ sinh lao động số 84/2015/QH13 ngày 25/6/2015',
          'Law on Occupational Safety and Health No. 84/2015/QH13',
        ),
        [
          s(
            'certificate',
            'giấy chứng nhận đủ điều kiện huấn luyện an toàn, vệ sinh lao động',
            'an occupational safety training certificate',
          ),
          s(
            'registration',
            'sử dụng máy, thiết bị có yêu cầu nghiêm ngặt về an toàn lao động',
            'the use of hazardous machinery',
          ),
        ],
      ),
    ],
  ),
  dept(
    'SCT',
    'Sở Công Thương',
    'Department of Industry and Trade',
    ['163 Hai Bà Trưng, phường Võ Thị Sáu, Quận 3', '163 Hai Ba Trung Street, Vo Thi Sau Ward, District 3'],
    '028 3829 6763',
    [
      F('Lưu thông hàng hóa trong nước', 'Domestic trade', LAW.commerce, [
        s('permit', 'giấy phép bán buôn rượu', 'a liquor wholesale licence'),
        s('permit', 'giấy phép bán buôn sản phẩm thuốc lá', 'a tobacco wholesale licence'),
        s(
          'certificate',
          'giấy xác nhận đủ điều kiện làm thương nhân phân phối xăng dầu',
          'a confirmation of eligibility to distribute petroleum',
        ),
      ]),
      F('Hóa chất', 'Chemicals', LAW.chemicals, [
        s(
          'certificate',
          'giấy chứng nhận đủ điều kiện sản xuất hóa chất sản xuất, kinh doanh có điều kiện',
          'a certificate of eligibility to produce restricted chemicals',
        ),
        s('approval', 'kế hoạch phòng ngừa, ứng phó sự cố hóa chất', 'a chemical incident prevention plan'),
      ]),
      F('Xúc tiến thương mại', 'Trade promotion', LAW.commerce, [
        s('registration', 'thực hiện khuyến mại', 'a sales promotion'),
        s('registration', 'tổ chức hội chợ, triển lãm thương mại', 'a trade fair or exhibition'),
      ]),
      F(
        'Điện',
        'Electricity',
        bi('Luật Điện lực số 28/2004/QH11 ngày 03/12/2004', 'Law on Electricity No. 28/2004/QH11'),
        [
          s('permit', 'giấy phép hoạt động điện lực', 'an electricity activity licence'),
          s('certificate', 'thẻ kiểm tra viên điện lực', 'an electricity inspector card'),
        ],
      ),
    ],
  ),
  dept(
    'SVHTT',
    'Sở Văn hóa và Thể thao',
    'Department of Culture and Sports',
    ['164 Đồng Khởi, phường Bến Nghé, Quận 1', '164 Dong Khoi Street, Ben Nghe Ward, District 1'],
    '028 3829 5731',
    [
      F(
        'Nghệ thuật biểu diễn',
        'Performing arts',
        bi(
          'Nghị định số 144/2020/NĐ-CP ngày 14/12/2020 quy định về hoạt động nghệ thuật biểu diễn',
          'Government Decree No. 144/2020/ND-CP on the performing arts',
        ),
        [
          s('registration', 'tổ chức biểu diễn nghệ thuật', 'a performance'),
          s(
            'approval',
            'hồ sơ tổ chức cuộc thi, liên hoan nghệ thuật biểu diễn',
            'an arts contest or festival',
          ),
        ],
      ),
      F('Quảng cáo', 'Advertising', LAW.advertising, [
        s(
          'registration',
          'nội dung quảng cáo trên bảng quảng cáo, băng-rôn',
          'advertising on a billboard or banner',
        ),
        s(
          'permit',
          'giấy phép thành lập văn phòng đại diện doanh nghiệp quảng cáo nước ngoài',
          'a licence for a foreign advertising firm’s office',
        ),
      ]),
      F('Thể dục, thể thao', 'Sports', LAW.sport, [
        s(
          'certificate',
          'giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao',
          'a certificate of eligibility to run a sports business',
        ),
        s('approval', 'hồ sơ đăng cai tổ chức giải thi đấu thể thao', 'the hosting of a sports tournament'),
      ]),
      F(
        'Di sản văn hóa',
        'Cultural heritage',
        bi('Luật Di sản văn hóa số 28/2001/QH10 ngày 29/6/2001', 'Law on Cultural Heritage No. 28/2001/QH10'),
        [
          s('permit', 'giấy phép khai quật khẩn cấp', 'an emergency excavation permit'),
          s(
            'certificate',
            'chứng chỉ hành nghề tu bổ di tích',
            'a monument restoration practice certificate',
          ),
          s('approval', 'dự án tu bổ, phục hồi di tích', 'a monument restoration project'),
        ],
      ),
    ],
  ),
  dept(
    'SDL',
    'Sở Du lịch',
    'Department of Tourism',
    ['140 Nguyễn Văn Thủ, phường Đa Kao, Quận 1', '140 Nguyen Van Thu Street, Da Kao Ward, District 1'],
    '028 3822 6033',
    [
      F('Lữ hành', 'Travel agencies', LAW.tourism, [
        s('permit', 'giấy phép kinh doanh dịch vụ lữ hành nội địa', 'a domestic travel agency licence'),
        s('certificate', 'thẻ hướng dẫn viên du lịch', 'a tour guide card'),
      ]),
      F('Cơ sở lưu trú du lịch', 'Tourist accommodation', LAW.tourism, [
        s(
          'certificate',
          'quyết định công nhận hạng cơ sở lưu trú du lịch 1 sao, 2 sao, 3 sao',
          'the rating of a 1-, 2- or 3-star hotel',
        ),
        s('certificate', 'biển hiệu phương tiện vận tải khách du lịch', 'a tourist vehicle sign'),
      ]),
    ],
  ),
  dept(
    'SNV',
    'Sở Nội vụ',
    'Department of Home Affairs',
    ['89 Lý Tự Trọng, phường Bến Thành, Quận 1', '89 Ly Tu Trong Street, Ben Thanh Ward, District 1'],
    '028 3829 6532',
    [
      F('Tổ chức hành chính, đơn vị sự nghiệp', 'Public organisations', LAW.civilServants, [
        s('approval', 'đề án thành lập đơn vị sự nghiệp công lập', 'the founding of a public service unit'),
        s(
          'approval',
          'đề án tổ chức lại đơn vị sự nghiệp công lập',
          'the reorganisation of a public service unit',
        ),
      ]),
      F('Thi đua, khen thưởng', 'Commendation', LAW.emulation, [
        s('title', 'danh hiệu "Chiến sĩ thi đua cấp tỉnh"', 'the "Provincial emulation fighter" title'),
        s(
          'title',
          'bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh',
          'a certificate of merit of the provincial chair',
        ),
        s('title', 'danh hiệu "Tập thể lao động xuất sắc"', 'the "Outstanding collective" title'),
      ]),
      F('Tín ngưỡng, tôn giáo', 'Belief and religion', LAW.religion, [
        s(
          'registration',
          'hoạt động tôn giáo cho tổ chức có địa bàn hoạt động ở một tỉnh',
          'the activities of a provincial religious organisation',
        ),
        s(
          'approval',
          'hồ sơ tổ chức cuộc lễ ngoài cơ sở tôn giáo',
          'a religious ceremony outside a place of worship',
        ),
      ]),
      F(
        'Văn thư và lưu trữ',
        'Archives',
        bi('Luật Lưu trữ số 33/2024/QH15 ngày 21/6/2024', 'Law on Archives No. 33/2024/QH15'),
        [
          s('certificate', 'chứng chỉ hành nghề lưu trữ', 'an archives practice certificate'),
          s('approval', 'hồ sơ khai thác tài liệu lưu trữ', 'access to archived records'),
        ],
      ),
    ],
  ),
  dept(
    'STC',
    'Sở Tài chính',
    'Department of Finance',
    [
      '142 Nguyễn Thị Minh Khai, phường Võ Thị Sáu, Quận 3',
      '142 Nguyen Thi Minh Khai Street, Vo Thi Sau Ward, District 3',
    ],
    '028 3930 4343',
    [
      F(
        'Quản lý công sản',
        'Public property',
        bi(
          'Luật Quản lý, sử dụng tài sản công số 15/2017/QH14 ngày 21/6/2017',
          'Law on Management and Use of Public Property No. 15/2017/QH14',
        ),
        [
          s(
            'approval',
            'phương án sắp xếp lại, xử lý nhà, đất',
            'a plan to rearrange public buildings and land',
          ),
          s('approval', 'hồ sơ thanh lý tài sản công', 'the disposal of public property'),
        ],
      ),
      F(
        'Quản lý giá',
        'Prices',
        bi('Luật Giá số 16/2023/QH15 ngày 19/6/2023', 'Law on Prices No. 16/2023/QH15'),
        [
          s('registration', 'kê khai giá hàng hóa, dịch vụ', 'a price declaration'),
          s('approval', 'phương án giá hàng hóa, dịch vụ do Nhà nước định giá', 'a state-set price plan'),
        ],
      ),
    ],
  ),
  dept(
    'SNNPTNT',
    'Sở Nông nghiệp và Phát triển nông thôn',
    'Department of Agriculture and Rural Development',
    ['176 Hai Bà Trưng, phường Đa Kao, Quận 1', '176 Hai Ba Trung Street, Da Kao Ward, District 1'],
    '028 3829 5842',
    [
      F('Trồng trọt', 'Crop production', LAW.crops, [
        s(
          'certificate',
          'giấy chứng nhận đủ điều kiện buôn bán phân bón',
          'a certificate of eligibility to sell fertiliser',
        ),
        s(
          'certificate',
          'giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật',
          'a certificate of eligibility to sell pesticides',
        ),
      ]),
      F('Thú y', 'Veterinary medicine', LAW.veterinary, [
        s('certificate', 'chứng chỉ hành nghề thú y', 'a veterinary practice certificate'),
        s(
          'certificate',
          'giấy chứng nhận cơ sở an toàn dịch bệnh động vật',
          'an animal disease-free establishment certificate',
        ),
      ]),
      F('Thủy sản', 'Fisheries', LAW.fisheries, [
        s('permit', 'giấy phép khai thác thủy sản', 'a fishing licence'),
        s('registration', 'tàu cá', 'a fishing vessel'),
      ]),
      F(
        'Lâm nghiệp',
        'Forestry',
        bi('Luật Lâm nghiệp số 16/2017/QH14 ngày 15/11/2017', 'Law on Forestry No. 16/2017/QH14'),
        [
          s(
            'registration',
            'mã số cơ sở nuôi, trồng các loài động vật, thực vật rừng',
            'a code for a wildlife farming establishment',
          ),
          s('approval', 'phương án quản lý rừng bền vững', 'a sustainable forest management plan'),
        ],
      ),
    ],
  ),
  dept(
    'STTTT',
    'Sở Thông tin và Truyền thông',
    'Department of Information and Communications',
    ['59 Lý Tự Trọng, phường Bến Nghé, Quận 1', '59 Ly Tu Trong Street, Ben Nghe Ward, District 1'],
    '028 3520 2727',
    [
      F('Báo chí', 'Press', LAW.press, [
        s('permit', 'giấy phép xuất bản bản tin', 'a newsletter licence'),
        s('permit', 'giấy phép thiết lập trang thông tin điện tử tổng hợp', 'a general news website licence'),
      ]),
      F('Xuất bản, in và phát hành', 'Publishing and printing', LAW.publishing, [
        s(
          'permit',
          'giấy phép xuất bản tài liệu không kinh doanh',
          'a licence for a non-commercial publication',
        ),
        s('registration', 'hoạt động cơ sở in', 'a printing business'),
        s('permit', 'giấy phép hoạt động in', 'a printing licence'),
      ]),
      F('Viễn thông và Internet', 'Telecommunications', LAW.telecom, [
        s('registration', 'cung cấp dịch vụ trò chơi điện tử G1 trên mạng', 'an online game service'),
        s(
          'certificate',
          'giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng',
          'a public gaming venue certificate',
        ),
      ]),
    ],
  ),
  dept(
    'SKHCN',
    'Sở Khoa học và Công nghệ',
    'Department of Science and Technology',
    ['244 Điện Biên Phủ, phường Võ Thị Sáu, Quận 3', '244 Dien Bien Phu Street, Vo Thi Sau Ward, District 3'],
    '028 3932 7831',
    [
      F('Hoạt động khoa học và công nghệ', 'Science and technology', LAW.science, [
        s('registration', 'hoạt động tổ chức khoa học và công nghệ', 'a science and technology organisation'),
        s(
          'certificate',
          'giấy chứng nhận doanh nghiệp khoa học và công nghệ',
          'a science and technology enterprise certificate',
        ),
        s(
          'registration',
          'kết quả thực hiện nhiệm vụ khoa học và công nghệ',
          'the results of a research task',
        ),
      ]),
      F('Tiêu chuẩn đo lường chất lượng', 'Standards and metrology', LAW.standards, [
        s('registration', 'công bố hợp chuẩn, hợp quy', 'a declaration of conformity'),
        s('certificate', 'chứng chỉ kiểm định viên đo lường', 'a metrology inspector certificate'),
      ]),
      F(
        'An toàn bức xạ và hạt nhân',
        'Radiation safety',
        bi(
          'Luật Năng lượng nguyên tử số 18/2008/QH12 ngày 03/6/2008',
          'Law on Atomic Energy No. 18/2008/QH12',
        ),
        [
          s(
            'permit',
            'giấy phép tiến hành công việc bức xạ sử dụng thiết bị X-quang chẩn đoán y tế',
            'a radiation licence for a medical X-ray unit',
          ),
          s('certificate', 'chứng chỉ nhân viên bức xạ', 'a radiation worker certificate'),
        ],
      ),
    ],
  ),
  dept(
    'BQLKCN',
    'Ban Quản lý các Khu chế xuất và công nghiệp',
    'Export Processing and Industrial Zones Authority',
    ['35 Nguyễn Bỉnh Khiêm, phường Đa Kao, Quận 1', '35 Nguyen Binh Khiem Street, Da Kao Ward, District 1'],
    '028 3829 5236',
    [
      F('Đầu tư tại khu công nghiệp', 'Investment in industrial zones', LAW.investment, [
        s(
          'certificate',
          'Giấy chứng nhận đăng ký đầu tư cho dự án trong khu công nghiệp',
          'an investment certificate for an industrial-zone project',
        ),
        s(
          'permit',
          'giấy phép xây dựng công trình trong khu công nghiệp',
          'a construction permit in an industrial zone',
        ),
      ]),
      F('Lao động trong khu công nghiệp', 'Labour in industrial zones', LAW.labour, [
        s(
          'permit',
          'giấy phép lao động cho người nước ngoài làm việc trong khu công nghiệp',
          'a work permit in an industrial zone',
        ),
        s('registration', 'nội quy lao động', 'workplace rules'),
      ]),
    ],
  ),
]

const district = (
  code: string,
  vi: string,
  en: string,
  address: [string, string],
  phone: string,
): AgencyDef => ({
  code,
  name: bi(`Ủy ban nhân dân ${vi}`, `${en} People's Committee`),
  parentCode: 'TP',
  address: bi(...address),
  phone,
  email: `ubnd${code.toLowerCase()}@example.gov.vn`,
  fields: districtFields,
})

const districts: AgencyDef[] = [
  { ...district('UBQ1', 'Quận 1', 'District 1', ['', ''], '') },
  district(
    'UBQ3',
    'Quận 3',
    'District 3',
    ['99 Trần Quốc Thảo, phường Võ Thị Sáu, Quận 3', '99 Tran Quoc Thao Street, Vo Thi Sau Ward, District 3'],
    '028 3932 6452',
  ),
  district(
    'UBQ5',
    'Quận 5',
    'District 5',
    ['203 An Dương Vương, phường 8, Quận 5', '203 An Duong Vuong Street, Ward 8, District 5'],
    '028 3835 5421',
  ),
  district(
    'UBQ7',
    'Quận 7',
    'District 7',
    ['7 Tân Phú, phường Tân Phú, Quận 7', '7 Tan Phu Street, Tan Phu Ward, District 7'],
    '028 3785 0325',
  ),
  district(
    'UBQ10',
    'Quận 10',
    'District 10',
    ['474 Đường 3 Tháng 2, phường 14, Quận 10', '474 3 Thang 2 Street, Ward 14, District 10'],
    '028 3862 6372',
  ),
  district(
    'UBBT',
    'quận Bình Thạnh',
    'Binh Thanh District',
    ['6 Phan Đăng Lưu, phường 14, quận Bình Thạnh', '6 Phan Dang Luu Street, Ward 14, Binh Thanh District'],
    '028 3841 2525',
  ),
  district(
    'UBGV',
    'quận Gò Vấp',
    'Go Vap District',
    ['19 Quang Trung, phường 10, quận Gò Vấp', '19 Quang Trung Street, Ward 10, Go Vap District'],
    '028 3894 2512',
  ),
  district(
    'UBTB',
    'quận Tân Bình',
    'Tan Binh District',
    ['387A Trường Chinh, phường 14, quận Tân Bình', '387A Truong Chinh Street, Ward 14, Tan Binh District'],
    '028 3811 0433',
  ),
  district(
    'UBTD',
    'thành phố Thủ Đức',
    'Thu Duc City',
    [
      '168 Trương Văn Bang, phường Thạnh Mỹ Lợi, thành phố Thủ Đức',
      '168 Truong Van Bang Street, Thanh My Loi Ward, Thu Duc City',
    ],
    '028 3896 0205',
  ),
]

const ward = (
  code: string,
  vi: string,
  en: string,
  parentCode: string,
  address: [string, string],
  phone: string,
): AgencyDef => ({
  code,
  name: bi(`Ủy ban nhân dân ${vi}`, `${en} People's Committee`),
  parentCode,
  address: bi(...address),
  phone,
  email: `${code.toLowerCase()}@example.gov.vn`,
  fields: wardFields,
})

const wards: AgencyDef[] = [
  ward(
    'PDK',
    'phường Đa Kao',
    'Da Kao Ward',
    'UBQ1',
    ['7 Đinh Tiên Hoàng, phường Đa Kao, Quận 1', '7 Dinh Tien Hoang Street, Da Kao Ward, District 1'],
    '028 3820 1245',
  ),
  ward(
    'PBT',
    'phường Bến Thành',
    'Ben Thanh Ward',
    'UBQ1',
    ['92 Nguyễn Trãi, phường Bến Thành, Quận 1', '92 Nguyen Trai Street, Ben Thanh Ward, District 1'],
    '028 3832 3213',
  ),
  ward(
    'PVTS',
    'phường Võ Thị Sáu',
    'Vo Thi Sau Ward',
    'UBQ3',
    ['31 Trần Quốc Toản, phường Võ Thị Sáu, Quận 3', '31 Tran Quoc Toan Street, Vo Thi Sau Ward, District 3'],
    '028 3930 5318',
  ),
  ward(
    'P9Q3',
    'Phường 9, Quận 3',
    'Ward 9, District 3',
    'UBQ3',
    ['50 Trần Quốc Thảo, Phường 9, Quận 3', '50 Tran Quoc Thao Street, Ward 9, District 3'],
    '028 3931 6015',
  ),
  ward(
    'P8Q5',
    'Phường 8, Quận 5',
    'Ward 8, District 5',
    'UBQ5',
    ['120 Trần Hưng Đạo, Phường 8, Quận 5', '120 Tran Hung Dao Street, Ward 8, District 5'],
    '028 3923 4567',
  ),
  ward(
    'P11Q5',
    'Phường 11, Quận 5',
    'Ward 11, District 5',
    'UBQ5',
    ['14 Hải Thượng Lãn Ông, Phường 11, Quận 5', '14 Hai Thuong Lan Ong Street, Ward 11, District 5'],
    '028 3855 2231',
  ),
  ward(
    'PTP',
    'phường Tân Phong',
    'Tan Phong Ward',
    'UBQ7',
    ['1 Nguyễn Văn Linh, phường Tân Phong, Quận 7', '1 Nguyen Van Linh Street, Tan Phong Ward, District 7'],
    '028 5412 2131',
  ),
  ward(
    'PTH',
    'phường Tân Hưng',
    'Tan Hung Ward',
    'UBQ7',
    ['18 Lê Văn Lương, phường Tân Hưng, Quận 7', '18 Le Van Luong Street, Tan Hung Ward, District 7'],
    '028 3872 3315',
  ),
  ward(
    'P12Q10',
    'Phường 12, Quận 10',
    'Ward 12, District 10',
    'UBQ10',
    ['472 Sư Vạn Hạnh, Phường 12, Quận 10', '472 Su Van Hanh Street, Ward 12, District 10'],
    '028 3865 1010',
  ),
  ward(
    'P14Q10',
    'Phường 14, Quận 10',
    'Ward 14, District 10',
    'UBQ10',
    ['2 Thành Thái, Phường 14, Quận 10', '2 Thanh Thai Street, Ward 14, District 10'],
    '028 3862 9921',
  ),
  ward(
    'P25BT',
    'Phường 25, quận Bình Thạnh',
    'Ward 25, Binh Thanh District',
    'UBBT',
    [
      '187 Ung Văn Khiêm, Phường 25, quận Bình Thạnh',
      '187 Ung Van Khiem Street, Ward 25, Binh Thanh District',
    ],
    '028 3899 1478',
  ),
  ward(
    'P26BT',
    'Phường 26, quận Bình Thạnh',
    'Ward 26, Binh Thanh District',
    'UBBT',
    ['295 Bùi Đình Túy, Phường 26, quận Bình Thạnh', '295 Bui Dinh Tuy Street, Ward 26, Binh Thanh District'],
    '028 3511 2266',
  ),
  ward(
    'P10GV',
    'Phường 10, quận Gò Vấp',
    'Ward 10, Go Vap District',
    'UBGV',
    ['29 Nguyễn Văn Bảo, Phường 10, quận Gò Vấp', '29 Nguyen Van Bao Street, Ward 10, Go Vap District'],
    '028 3894 1112',
  ),
  ward(
    'P17GV',
    'Phường 17, quận Gò Vấp',
    'Ward 17, Go Vap District',
    'UBGV',
    ['41 Lê Đức Thọ, Phường 17, quận Gò Vấp', '41 Le Duc Tho Street, Ward 17, Go Vap District'],
    '028 3989 5523',
  ),
  ward(
    'P2TB',
    'Phường 2, quận Tân Bình',
    'Ward 2, Tan Binh District',
    'UBTB',
    ['5 Hậu Giang, Phường 2, quận Tân Bình', '5 Hau Giang Street, Ward 2, Tan Binh District'],
    '028 3844 7711',
  ),
  ward(
    'P4TB',
    'Phường 4, quận Tân Bình',
    'Ward 4, Tan Binh District',
    'UBTB',
    ['92 Cộng Hòa, Phường 4, quận Tân Bình', '92 Cong Hoa Street, Ward 4, Tan Binh District'],
    '028 3811 6653',
  ),
  ward(
    'PTDTD',
    'phường Thảo Điền',
    'Thao Dien Ward',
    'UBTD',
    [
      '15 Quốc Hương, phường Thảo Điền, thành phố Thủ Đức',
      '15 Quoc Huong Street, Thao Dien Ward, Thu Duc City',
    ],
    '028 3744 2323',
  ),
  ward(
    'PLTTD',
    'phường Linh Trung',
    'Linh Trung Ward',
    'UBTD',
    [
      '2 Hoàng Diệu 2, phường Linh Trung, thành phố Thủ Đức',
      '2 Hoang Dieu 2 Street, Linh Trung Ward, Thu Duc City',
    ],
    '028 3896 6044',
  ),
]

/** The agencies the generated procedures need that ./catalogue.ts does not already seed. */
export const cityAgencies: SeedAgency[] = [...departments, ...districts, ...wards]
  .filter((a) => !demoAgencies.some((d) => d.code === a.code))
  .map(({ fields: _fields, ...a }) => a)

/** A generated procedure: the columns of its row and its texts. */
export interface GeneratedProcedure {
  code: string
  agencyCode: string
  field: Bilingual
  name: Bilingual
  processingDays: number
  delivery: DeliveryMethod[]
  fee: FeePolicy
  texts: ProcedureTexts
}

/** A small deterministic generator (mulberry32), so the catalogue is the same on every run. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const groupDigits = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep)

const documentsFor = (kind: Kind, subject: Bilingual): { name: Bilingual; copies: Bilingual }[] => {
  const form = {
    name: bi(`Đơn đề nghị (theo mẫu) về ${subject.vi}`, `Application form (prescribed) for ${subject.en}`),
    copies: bi('01 bản chính', '1 original'),
  }
  const id = {
    name: bi('Thẻ Căn cước hoặc Hộ chiếu của người đề nghị', 'Identity card or passport of the applicant'),
    copies: bi('01 bản sao hoặc xuất trình bản chính', '1 copy, or the original shown'),
  }
  const evidence = {
    name: bi('Giấy tờ chứng minh nội dung đề nghị', 'Documents proving what is asked'),
    copies: bi('01 bản sao hoặc xuất trình bản chính', '1 copy, or the original shown'),
  }
  const extra: Record<Kind, { name: Bilingual; copies: Bilingual }> = {
    civil: evidence,
    notice: evidence,
    decide: evidence,
    certify: {
      name: bi(
        'Bản chính giấy tờ, văn bản hoặc dự thảo hợp đồng cần chứng thực',
        'The original document or the draft contract to certify',
      ),
      copies: bi('01 bản chính', '1 original'),
    },
    title: {
      name: bi('Báo cáo thành tích', 'Statement of achievements'),
      copies: bi('01 bản chính', '1 original'),
    },
    permit: {
      name: bi('Tài liệu chứng minh đủ điều kiện theo quy định', 'Evidence that the conditions are met'),
      copies: bi('01 bộ bản sao có chứng thực', '1 set of certified copies'),
    },
    registration: {
      name: bi('Văn bản kê khai thông tin đăng ký', 'Statement of the registered particulars'),
      copies: bi('01 bản chính', '1 original'),
    },
    approval: {
      name: bi(
        'Hồ sơ, đề án hoặc báo cáo trình thẩm định, phê duyệt',
        'The file, plan or report to appraise or approve',
      ),
      copies: bi('05 bộ', '5 sets'),
    },
    certificate: {
      name: bi(
        'Văn bằng, chứng chỉ hoặc giấy tờ chứng minh liên quan',
        'The related diplomas, certificates or proofs',
      ),
      copies: bi('01 bản sao có chứng thực', '1 certified copy'),
    },
    support: {
      name: bi('Giấy tờ chứng minh thuộc đối tượng được hưởng', 'Proof of eligibility'),
      copies: bi('01 bản sao', '1 copy'),
    },
  }
  return [form, id, extra[kind]]
}

function generatedTexts(
  agency: SeedAgency,
  field: FieldDef,
  kind: Kind,
  name: Bilingual,
  days: number,
  fee: FeePolicy,
): ProcedureTexts {
  const feeLine =
    fee.kind === 'fixed'
      ? bi(`${groupDigits(fee.amount, '.')} đồng`, `VND ${groupDigits(fee.amount, ',')}`)
      : fee.kind === 'free'
        ? bi('Miễn lệ phí', 'Free of charge')
        : bi('Theo kết quả thẩm định', 'As assessed')
  const time = bi(
    `${String(days).padStart(2, '0')} ngày làm việc`,
    days === 1 ? '1 working day' : `${days} working days`,
  )
  return {
    summary: bi(
      `${name.vi}. Thủ tục này chưa tiếp nhận hồ sơ trực tuyến trên Cổng: nộp hồ sơ trực tiếp hoặc qua bưu chính tại Bộ phận Một cửa của ${agency.name.vi}. Thông tin minh họa của bản demo.`,
      `${name.en}. This procedure does not take dossiers online on the portal yet: hand in the dossier, or post it, to the one-stop counter of the ${agency.name.en}. Illustrative demo information.`,
    ),
    applicantType:
      kind === 'support' || field.field.en === 'Civil status'
        ? bi('Công dân Việt Nam', 'Vietnamese citizens')
        : bi('Tổ chức, cá nhân', 'Organisations and individuals'),
    steps: bi(
      [
        '1. Chuẩn bị hồ sơ theo thành phần dưới đây.',
        `2. Nộp hồ sơ tại Bộ phận Một cửa của ${agency.name.vi} hoặc qua dịch vụ bưu chính công ích.`,
        '3. Cán bộ tiếp nhận kiểm tra hồ sơ, cấp giấy tiếp nhận và hẹn trả kết quả (hoặc hướng dẫn bổ sung).',
        '4. Nhận kết quả tại Bộ phận Một cửa hoặc qua bưu chính.',
      ].join('\n'),
      [
        '1. Prepare the documents listed below.',
        `2. Hand the dossier in at the one-stop counter of the ${agency.name.en}, or send it by public post.`,
        '3. The reception officer checks it and gives a receipt with the result date (or asks for what is missing).',
        '4. Collect the result at the counter or receive it by post.',
      ].join('\n'),
    ),
    conditions: bi(`Theo quy định của ${field.law.vi}.`, `As set out in the ${field.law.en}.`),
    result: bi(
      `Văn bản giải quyết: ${name.vi.charAt(0).toLowerCase()}${name.vi.slice(1)}.`,
      `The decision: ${name.en.charAt(0).toLowerCase()}${name.en.slice(1)}.`,
    ),
    legalBasis: [field.law, DECREE_45_2020],
    channels: [
      { channel: 'counter', time, fee: feeLine },
      {
        channel: 'post',
        time: bi(`${time.vi} (không kể thời gian chuyển phát)`, `${time.en} (plus delivery time)`),
        fee: bi(`${feeLine.vi} (chưa gồm cước bưu chính)`, `${feeLine.en} (postage not included)`),
      },
    ],
    counterDocuments: documentsFor(kind, name),
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * The generated procedures: `CITY_CATALOGUE_SIZE` minus the demo procedures, spread over the agencies in turn
 * (each takes its next field × subject × action), so every agency lists a share and none runs dry first.
 */
export function generateCityCatalogue(
  size = CITY_CATALOGUE_SIZE - demoProcedures.length,
): GeneratedProcedure[] {
  const rand = random(20261201)
  const all = [...departments, ...districts, ...wards]
  const byCode = new Map([...demoAgencies, ...cityAgencies].map((a) => [a.code, a]))
  // Each agency's candidates, in order: field by field, subject by subject, action by action.
  const queues = all.map((a) =>
    a.fields.flatMap((field) =>
      field.subjects.flatMap((subject) =>
        actions[subject.kind].map(([vi, en]) => ({ agency: byCode.get(a.code)!, field, subject, vi, en })),
      ),
    ),
  )
  const out: GeneratedProcedure[] = []
  const fixedFees = [50_000, 100_000, 150_000, 200_000, 300_000, 500_000, 1_000_000]
  const daysChoice = [1, 3, 5, 7, 10, 15, 20, 30]
  for (let round = 0; out.length < size; round++) {
    let any = false
    for (const queue of queues) {
      const c = queue[round]
      if (!c || out.length >= size) continue
      any = true
      const n = out.length
      const name = bi(capitalise(`${c.vi} ${c.subject.name.vi}`), `${c.en} ${c.subject.name.en}`)
      const r = rand()
      const fee: FeePolicy =
        c.subject.kind === 'support' || r < 0.4
          ? { kind: 'free', note: null }
          : r < 0.9
            ? { kind: 'fixed', amount: fixedFees[Math.floor(rand() * fixedFees.length)], note: null }
            : {
                kind: 'assessed',
                note: bi(
                  'Theo biểu phí hiện hành, tính khi thẩm định hồ sơ',
                  'Per the current fee schedule, set when the dossier is appraised',
                ),
              }
      const days = daysChoice[Math.floor(rand() * daysChoice.length)]
      out.push({
        // National-style codes, numbered from 1.010000 so they never meet the demo procedures' codes.
        code: `${n % 3 === 0 ? 2 : 1}.${String(10_000 + n).padStart(6, '0')}.000.00.00.H56`,
        agencyCode: c.agency.code,
        field: c.field.field,
        name,
        processingDays: days,
        delivery: ['counter', 'post'],
        fee,
        texts: generatedTexts(c.agency, c.field, c.subject.kind, name, days, fee),
      })
    }
    // Every candidate used: stop short rather than list a procedure twice.
    if (!any) break
  }
  return out
}
