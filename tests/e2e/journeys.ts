import type { Page } from '@playwright/test'
import { expect } from './fixtures'

/** Steps shared by the browser journeys (filing a dossier, signing in as someone else). */

type Check = () => Promise<void>

export const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

export async function fillAddress(page: Page, legend: string, parts: [string, string, string, string]) {
  const group = page.getByRole('group', { name: legend })
  await group.getByLabel('Tỉnh/Thành phố').fill(parts[0])
  await group.getByLabel('Quận/Huyện').fill(parts[1])
  await group.getByLabel('Phường/Xã').fill(parts[2])
  await group.getByLabel('Số nhà, tên đường').fill(parts[3])
}

/** Uploads a small PDF through the document slot labelled `label`, and waits for it to be listed. */
export async function upload(page: Page, checkA11y: Check, label: RegExp, name: string) {
  await page.getByLabel(label).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf })
  await page
    .getByLabel(label)
    .locator('xpath=ancestor::form')
    .getByRole('button', { name: 'Tải lên' })
    .click()
  // In the slot's list of uploaded files (the name may also stand among the document store's offers).
  await expect(page.locator('.file-list li').filter({ hasText: name }).first()).toBeVisible()
  await checkA11y()
}

/** From the task list: check answers, declare, submit; returns the dossier code from the confirmation. */
export async function submitAndConfirm(page: Page, checkA11y: Check) {
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

/**
 * The signed-in citizen files the house building permit (UBQ1, level 3: the fee is paid at the counter, so the
 * dossier goes straight to `submitted`), result collected at the counter. Ends on the confirmation page.
 */
export async function fileBuildingPermit(
  page: Page,
  checkA11y: Check,
  person: { fullName: string; citizenId: string; phone: string },
) {
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

  return submitAndConfirm(page, checkA11y)
}

/**
 * Signs in as someone else in the same browser (the previous session's cookie is dropped) and lands on
 * `redirectTo`, checking the login page on the way.
 */
export async function signInAs(
  page: Page,
  checkA11y: Check,
  account: { email: string; password: string },
  redirectTo: string,
) {
  await page.context().clearCookies()
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`)
  await checkA11y()
  await page.getByLabel('Địa chỉ thư điện tử').fill(account.email)
  await page.getByLabel('Mật khẩu').fill(account.password)
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`${redirectTo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
}

/** The e2e server's own database (tests/e2e/server.ts names it after the port), to set up or let time pass. */
export async function e2eDatabase() {
  const { testServer } = await import('../setup/pg')
  const { withDatabase } = await import('../../db/embedded')
  const { createDb } = await import('../../db/create-db')
  const { adminUrl } = await testServer()
  return createDb(withDatabase(adminUrl, `portal_e2e_${process.env.E2E_PORT ?? 3100}`), { max: 1 })
}
