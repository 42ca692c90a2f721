import { expect, register, test } from './fixtures'
import { fileBuildingPermit, fillAddress, signInAs, submitAndConfirm, upload } from './journeys'

// Whole journeys, with an axe check on every page: allow them time on a 2-core machine.
test.describe.configure({ timeout: 240_000 })

test('a citizen files the judicial record certificate (level 4) and follows it', async ({
  page,
  checkA11y,
}, info) => {
  const person = await register(page, checkA11y, `jr-${info.project.name}`)
  // Accent-free search finds the procedure.
  await page.goto('/procedures?q=ly+lich+tu+phap')
  await checkA11y()
  await page.getByRole('link', { name: 'Cấp Phiếu lý lịch tư pháp' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cấp Phiếu lý lịch tư pháp')
  await expect(page.getByText('200.000 ₫').first()).toBeVisible()
  await checkA11y()
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click()
  await checkA11y()
  await page.getByRole('button', { name: 'Bắt đầu' }).click()
  await expect(page.getByText('Đã hoàn thành 0 trên 4 phần.')).toBeVisible()
  await checkA11y()

  await page.getByRole('link', { name: 'Người yêu cầu cấp Phiếu' }).click()
  await checkA11y()
  // Saving an empty section shows what is missing, and keeps nothing half-saved.
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()
  await expect(page.getByRole('alert').getByText('Có lỗi cần sửa')).toBeVisible()
  await checkA11y()
  await page.getByLabel('Họ, chữ đệm và tên').fill(person.fullName)
  await page.getByRole('radio', { name: 'Nữ' }).check()
  await page.getByLabel('Ngày, tháng, năm sinh').fill('1990-05-12')
  await page.getByLabel('Nơi sinh').fill('Hà Nội')
  await page.getByLabel('Quốc tịch').fill('Việt Nam')
  await page.getByLabel('Dân tộc').fill('Kinh')
  await page.getByLabel('Số định danh cá nhân (số căn cước công dân)').fill(person.citizenId)
  await page.getByLabel('Số điện thoại di động').fill(person.phone)
  await fillAddress(page, 'Nơi thường trú', ['Hà Nội', 'Ba Đình', 'Phúc Xá', '12 Hàng Gà'])
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nội dung yêu cầu')
  await checkA11y()
  await page.getByRole('radio', { name: 'Phiếu lý lịch tư pháp số 1' }).check()
  await page
    .getByRole('group', { name: /Yêu cầu xác nhận nội dung cấm/ })
    .getByRole('radio', { name: 'Không' })
    .check()
  await page.getByLabel('Mục đích sử dụng Phiếu').fill('Bổ sung hồ sơ xin việc')
  await page.getByLabel('Số lượng Phiếu yêu cầu cấp').fill('1')
  await page.getByRole('radio', { name: 'Không', exact: true }).last().check()
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()
  await expect(page.getByText('Đã hoàn thành 2 trên 4 phần.')).toBeVisible()
  await checkA11y()

  await page.getByRole('link', { name: 'Giấy tờ đính kèm' }).click()
  await checkA11y()
  await upload(
    page,
    checkA11y,
    /Chọn tệp cho: Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp/,
    'to-khai-ly-lich.pdf',
  )
  await upload(page, checkA11y, /Chọn tệp cho: .*(căn cước|CCCD|giấy tờ tùy thân)/i, 'can-cuoc.pdf')
  await page.getByRole('link', { name: 'Tiếp tục' }).click()

  await page.getByRole('link', { name: 'Cách nhận kết quả' }).click()
  await checkA11y()
  await page.getByRole('radio', { name: 'Nhận trực tuyến trên Cổng Dịch vụ công' }).check()
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()
  await expect(page.getByText('Đã hoàn thành 4 trên 4 phần.')).toBeVisible()
  await checkA11y()

  const code = await submitAndConfirm(page, checkA11y)
  await expect(page.getByText('Hồ sơ đang chờ thanh toán phí, lệ phí 200.000 ₫')).toBeVisible()

  await page.getByRole('link', { name: 'Xem hồ sơ' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hồ sơ ${code}`)
  await expect(page.locator('.status').first()).toHaveText('Chờ thanh toán')
  await checkA11y()
  await page.getByRole('link', { name: 'Hồ sơ của tôi' }).click()
  await expect(page.getByRole('row', { name: new RegExp(code) })).toContainText('Chờ thanh toán')
  await checkA11y()

  // The letter that was e-mailed can be read in the demo mailbox, by an administrator (letters are personal data).
  const mailroom = await page
    .context()
    .browser()!
    .newContext({ javaScriptEnabled: info.project.use.javaScriptEnabled, baseURL: info.project.use.baseURL })
  const admin = await mailroom.newPage()
  await signInAs(
    admin,
    () => checkA11y(admin),
    { email: 'admin.stp@example.gov.vn', password: 'CanBo@2026' },
    '/dev/mailbox',
  )
  const letter = admin.getByRole('link', { name: `[Cổng Dịch vụ công] Hồ sơ ${code} đã được nộp trực tuyến` })
  // The worker sends it within seconds of the submission: reload until it is there.
  await expect(async () => {
    await admin.reload()
    await expect(letter).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
  await checkA11y(admin)
  await letter.click()
  await expect(admin.getByText(`Mã hồ sơ: ${code}`)).toBeVisible()
  await checkA11y(admin)
  await mailroom.close()

  // Looked up from another browser, without signing in.
  const other = await page
    .context()
    .browser()!
    .newContext({ javaScriptEnabled: info.project.use.javaScriptEnabled })
  const anon = await other.newPage()
  await anon.goto(`${info.project.use.baseURL}/lookup`)
  await anon.getByLabel('Mã hồ sơ').fill(code.toLowerCase())
  await anon.getByLabel('4 số cuối số điện thoại hoặc căn cước công dân').fill(person.phone.slice(-4))
  await anon.getByRole('button', { name: 'Tra cứu' }).click()
  await expect(anon.getByRole('heading', { name: 'Kết quả tra cứu' })).toBeVisible()
  await expect(anon.getByText('Chờ thanh toán')).toBeVisible()
  await expect(anon.getByText(person.fullName)).toHaveCount(0)
  await other.close()
})

test('a citizen files the house building permit (level 3) and can withdraw it before reception', async ({
  page,
  checkA11y,
}, info) => {
  const person = await register(page, checkA11y, `bp-${info.project.name}`)
  const code = await fileBuildingPermit(page, checkA11y, person)
  expect(code).toMatch(/^UBQ1-/)
  await expect(page.getByText('trong vòng 8 giờ làm việc')).toBeVisible()
  await page.getByRole('link', { name: 'Xem hồ sơ' }).click()
  await expect(page.locator('.status').first()).toHaveText('Chờ tiếp nhận')
  await checkA11y()

  await page.getByRole('link', { name: 'Rút hồ sơ' }).click()
  await checkA11y()
  await page.getByLabel('Lý do rút hồ sơ').fill('Nộp nhầm thủ tục')
  await page.getByRole('button', { name: 'Rút hồ sơ' }).click()
  await expect(page.locator('.status').first()).toHaveText('Đã rút hồ sơ')
  await expect(page.getByText('Nộp nhầm thủ tục')).toBeVisible()
  await checkA11y()
})
