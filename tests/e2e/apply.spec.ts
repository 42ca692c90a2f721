import type { Page } from '@playwright/test'
import { expect, register, test } from './fixtures'

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

async function fillAddress(page: Page, legend: string, parts: [string, string, string, string]) {
  const group = page.getByRole('group', { name: legend })
  await group.getByLabel('Tỉnh/Thành phố').fill(parts[0])
  await group.getByLabel('Quận/Huyện').fill(parts[1])
  await group.getByLabel('Phường/Xã').fill(parts[2])
  await group.getByLabel('Số nhà, tên đường').fill(parts[3])
}

async function upload(page: Page, checkA11y: () => Promise<void>, label: RegExp, name: string) {
  await page.getByLabel(label).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf })
  await page
    .getByLabel(label)
    .locator('xpath=ancestor::form')
    .getByRole('button', { name: 'Tải lên' })
    .click()
  await expect(page.getByText(name)).toBeVisible()
  await checkA11y()
}

async function submitAndConfirm(page: Page, checkA11y: () => Promise<void>) {
  await page.getByRole('link', { name: 'Kiểm tra và nộp hồ sơ' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra lại trước khi nộp')
  await checkA11y()
  await page.getByLabel('Tôi đồng ý với lời cam đoan trên').check()
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã nộp hồ sơ')
  await checkA11y()
  const code = (await page.locator('.dossier-code').textContent())!.trim()
  expect(code).toMatch(/^[A-Z0-9]+-\d{6}-\d{4}$/)
  return code
}

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

  // The letter that was e-mailed can be read in the development mailbox.
  await page.goto('/dev/mailbox')
  const letter = page.getByRole('link', { name: `[Cổng Dịch vụ công] Hồ sơ ${code} đã được nộp trực tuyến` })
  // The worker sends it within seconds of the submission: reload until it is there.
  await expect(async () => {
    await page.reload()
    await expect(letter).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
  await checkA11y()
  await letter.click()
  await expect(page.getByText(`Mã hồ sơ: ${code}`)).toBeVisible()
  await checkA11y()

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
  await page.goto('/procedures?q=giay+phep+xay+dung')
  await checkA11y()
  await page.getByRole('link', { name: /Cấp giấy phép xây dựng/ }).click()
  await checkA11y()
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click()
  await checkA11y()
  await page.getByRole('button', { name: 'Bắt đầu' }).click()
  await checkA11y()

  await page.getByRole('link', { name: 'Chủ đầu tư' }).click()
  await checkA11y()
  await page.getByLabel('Họ, chữ đệm và tên').fill(person.fullName)
  await page.getByLabel('Ngày, tháng, năm sinh').fill('1985-01-20')
  await page.getByLabel('Số định danh cá nhân (số căn cước công dân)').fill(person.citizenId)
  await page.getByLabel('Số điện thoại di động').fill(person.phone)
  await fillAddress(page, 'Địa chỉ liên hệ', ['TP. Hồ Chí Minh', 'Quận 1', 'Bến Nghé', '5 Lê Lợi'])
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Địa điểm xây dựng')
  await checkA11y()
  await page.getByLabel('Thửa đất số').fill('125')
  await page.getByLabel('Tờ bản đồ số').fill('7')
  await page.getByLabel('Diện tích thửa đất (m²)').fill('80,5')
  await fillAddress(page, 'Địa chỉ công trình', ['TP. Hồ Chí Minh', 'Quận 1', 'Bến Nghé', '7 Lê Lợi'])
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nội dung đề nghị cấp phép')
  await checkA11y()
  await page.getByLabel('Số tầng (không kể tầng hầm)').fill('3')
  await page.getByRole('radio', { name: 'Không' }).first().check()
  await page.getByLabel('Diện tích xây dựng tầng 1 (m²)').fill('70')
  await page.getByLabel('Tổng diện tích sàn (m²)').fill('210')
  await page.getByLabel('Chiều cao công trình (m)').fill('12')
  for (const required of await page
    .locator('form input[aria-required="true"]:visible, form textarea[aria-required="true"]:visible')
    .all()) {
    if ((await required.inputValue()) === '') await required.fill('1')
  }
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()
  await expect(page.getByText(/Đã hoàn thành 3 trên 5 phần/)).toBeVisible()
  await checkA11y()

  await page.getByRole('link', { name: 'Giấy tờ đính kèm' }).click()
  await checkA11y()
  for (const input of await page.locator('input[type=file]').all()) {
    const label = await input.evaluate(
      (el) => document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '',
    )
    const required = await input.evaluate(
      (el) => el.closest('section')?.querySelector('.tag')?.textContent === 'Bắt buộc',
    )
    if (!required) continue
    await upload(
      page,
      checkA11y,
      new RegExp(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      `${label.length}-ban-ve.pdf`,
    )
  }
  await page.getByRole('link', { name: 'Tiếp tục' }).click()
  await page.getByRole('link', { name: 'Cách nhận kết quả' }).click()
  await checkA11y()
  await page.getByRole('radio', { name: 'Nhận trực tiếp tại bộ phận một cửa' }).check()
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()
  await checkA11y()

  const code = await submitAndConfirm(page, checkA11y)
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
