import { describe, expect, it } from 'vitest'
import { renderNotification, type Letter } from '../../app/modules/notifications/templates'

const letter = (lng: 'vi' | 'en'): Letter => ({
  lng,
  recipientName: 'Nguyễn Thị Mai',
  dossierCode: 'STP-261128-0007',
  procedureName: lng === 'vi' ? 'Cấp Phiếu lý lịch tư pháp' : 'Issuing a judicial record card',
  agencyName: lng === 'vi' ? 'Sở Tư pháp' : 'Department of Justice',
  link: 'https://dichvucong.example.gov.vn/dossiers/STP-261128-0007',
})

describe('notification e-mails', () => {
  it('submission (vi): formal Vietnamese, the code in the subject, time, fee in đồng and the link', () => {
    const { subject, text } = renderNotification(letter('vi'), {
      kind: 'submitted',
      submittedAt: new Date('2026-11-27T20:05:00Z'),
      feeDue: 200000,
    })
    expect(subject).toBe('[Cổng Dịch vụ công] Hồ sơ STP-261128-0007 đã được nộp trực tuyến')
    expect(text).toMatch(/^Kính gửi Ông\/Bà Nguyễn Thị Mai,/)
    expect(text).toContain('Mã hồ sơ: STP-261128-0007')
    expect(text).toContain('Thủ tục: Cấp Phiếu lý lịch tư pháp')
    // 20:05 UTC is 03:05 on 28 November in Viet Nam
    expect(text).toMatch(/03:05.*28\/11\/(20)?26/)
    expect(text).toContain('200.000')
    expect(text).toContain('₫')
    expect(text).toContain('https://dichvucong.example.gov.vn/dossiers/STP-261128-0007')
    expect(text).toContain('Trân trọng,')
    expect(text).not.toMatch(/\{\{|\}\}/)
  })

  it('submission without a fee says nothing about payment', () => {
    const { text } = renderNotification(letter('vi'), {
      kind: 'submitted',
      submittedAt: new Date(),
      feeDue: null,
    })
    expect(text).not.toContain('Lệ phí')
  })

  it('submission (en)', () => {
    const { subject, text } = renderNotification(letter('en'), {
      kind: 'submitted',
      submittedAt: new Date('2026-11-27T20:05:00Z'),
      feeDue: 200000,
    })
    expect(subject).toBe('[Public Service Portal] Dossier STP-261128-0007 has been submitted online')
    expect(text).toMatch(/^Dear Nguyễn Thị Mai,/)
    expect(text).toContain('Procedure: Issuing a judicial record card')
    expect(text).toContain('₫200,000')
  })

  it.each(['vi', 'en'] as const)('reception (%s) gives the appointment date', (lng) => {
    const { subject, text } = renderNotification(letter(lng), {
      kind: 'received',
      appointmentAt: '2026-12-15',
    })
    expect(subject).toContain('STP-261128-0007')
    expect(text).toContain(lng === 'vi' ? '15 tháng 12, 2026' : '15 December 2026')
    expect(text).toContain(lng === 'vi' ? 'Sở Tư pháp đã tiếp nhận' : 'Department of Justice has received')
  })

  it.each(['vi', 'en'] as const)('supplement request (%s) lists every item with its reason', (lng) => {
    const { subject, text } = renderNotification(letter(lng), {
      kind: 'supplement_requested',
      items: [
        { name: 'Bản sao CCCD', reason: 'Ảnh bị mờ' },
        { name: 'Nơi sinh', reason: 'Ghi rõ tỉnh, thành phố' },
      ],
    })
    expect(subject).toContain('STP-261128-0007')
    expect(text).toContain('- Bản sao CCCD: Ảnh bị mờ')
    expect(text).toContain('- Nơi sinh: Ghi rõ tỉnh, thành phố')
    expect(text).toContain('/dossiers/STP-261128-0007')
  })

  it.each([
    ['online', 'https://dichvucong.example.gov.vn/dossiers/STP-261128-0007'],
    ['counter', 'Bộ phận Một cửa của Sở Tư pháp'],
    ['post', 'bưu chính'],
  ] as const)('result ready (vi) tells how to get it: %s', (delivery, expected) => {
    const { subject, text } = renderNotification(letter('vi'), { kind: 'result_ready', delivery })
    expect(subject).toBe('[Cổng Dịch vụ công] Hồ sơ STP-261128-0007 đã có kết quả')
    expect(text).toContain(expected)
  })

  it.each(['vi', 'en'] as const)('apology (%s) gives the reason and the new date', (lng) => {
    const { subject, text } = renderNotification(letter(lng), {
      kind: 'apology',
      newAppointmentAt: '2027-01-05',
      reason: 'Cần xác minh thêm',
    })
    expect(subject).toContain('STP-261128-0007')
    expect(text).toContain('Cần xác minh thêm')
    expect(text).toContain(lng === 'vi' ? '5 tháng 1, 2027' : '5 January 2027')
    expect(text).toContain(lng === 'vi' ? 'xin lỗi' : 'apologises')
  })
})
