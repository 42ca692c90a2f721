import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const password = 'CanBo@2026'

/** Signs in through the real form, going straight to `to`. */
async function signIn(page: Page, checkA11y: () => Promise<void>, email: string, to: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`)
  await checkA11y()
  await page.getByLabel('Địa chỉ thư điện tử').fill(email)
  await page.getByLabel('Mật khẩu').fill(password)
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`${to.replace(/[?]/g, '\\?')}$`))
}

test('an administrator adds a public holiday through the form, then removes it', async ({
  page,
  checkA11y,
}, testInfo) => {
  // One day per project: both run at once against the same database.
  const day = testInfo.project.name === 'js' ? '15' : '16'
  const date = `2027-06-${day}`
  const name = `Ngày nghỉ thử ${testInfo.project.name}`

  // The calendar is city-wide: only the city's administrator edits it (README decision 26).
  await signIn(page, checkA11y, 'admin.city@example.gov.vn', '/admin')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quản trị')
  await checkA11y()
  await page.getByRole('link', { name: 'Ngày nghỉ lễ', exact: true }).click()
  await expect(page).toHaveURL(/\/admin\/holidays$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ngày nghỉ lễ')
  await checkA11y()

  // Nothing typed: the errors are listed, and nothing is added.
  await page.getByRole('button', { name: 'Thêm ngày nghỉ' }).click()
  await expect(page.getByRole('alert')).toContainText('Có lỗi cần sửa')
  await expect(page.getByRole('alert')).toContainText('Ngày nghỉ: Vui lòng nhập thông tin này.')
  await checkA11y()

  await page.getByLabel('Ngày nghỉ', { exact: true }).fill(date)
  await page.getByLabel('Tên tiếng Việt').fill(name)
  await page.getByLabel('Tên tiếng Anh').fill('Test holiday')
  await page.getByRole('button', { name: 'Thêm ngày nghỉ' }).click()
  await expect(page).toHaveURL(new RegExp(`/admin/holidays\\?year=2027&added=${date}$`))
  await expect(page.getByRole('status')).toContainText(`Đã thêm ngày nghỉ ${day} tháng 6`)
  const row = page.getByRole('row', { name: new RegExp(name) })
  await expect(row).toContainText('Test holiday')
  await checkA11y()

  // Removing asks first (a page of its own, so it works without JavaScript).
  await row.getByRole('link', { name: /^Xoá/ }).click()
  await expect(page.getByRole('heading', { level: 2, name: /khỏi lịch\?$/ })).toBeVisible()
  await checkA11y()
  await page.getByRole('button', { name: 'Xoá khỏi lịch' }).click()
  await expect(page).toHaveURL(new RegExp(`/admin/holidays\\?year=2027&removed=${date}$`))
  await expect(page.getByRole('status')).toContainText(`Đã xoá ngày nghỉ ${day} tháng 6`)
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0)
  await checkA11y()
})

test('an administrator adds a swap (a Friday off, a Saturday worked) after a confirmation step', async ({
  page,
  checkA11y,
}, testInfo) => {
  // One swap per project: both run at once against the same database.
  const [dayOff, makeUpDay] =
    testInfo.project.name === 'js' ? ['2027-10-22', '2027-10-30'] : ['2027-10-29', '2027-11-06']
  const name = `Hoán đổi thử ${testInfo.project.name}`
  await signIn(page, checkA11y, 'admin.city@example.gov.vn', '/admin/holidays?year=2027')
  await checkA11y()
  const swapForm = page.getByRole('region', { name: 'Thêm hoán đổi ngày làm việc (làm bù)' })
  await swapForm.getByLabel('Ngày nghỉ hoán đổi', { exact: true }).fill(dayOff)
  await swapForm.getByLabel('Ngày làm bù', { exact: true }).fill(makeUpDay)
  await swapForm.getByLabel('Tên lần hoán đổi (tiếng Việt)').fill(name)
  await swapForm.getByLabel('Tên lần hoán đổi (tiếng Anh)').fill('Test swap')
  await page.getByRole('button', { name: 'Tiếp tục' }).click()
  await expect(
    page.getByRole('heading', { level: 2, name: 'Kiểm tra trước khi thêm hoán đổi' }),
  ).toBeVisible()
  await checkA11y()
  await page.getByRole('button', { name: 'Xác nhận hoán đổi' }).click()
  await expect(page).toHaveURL(new RegExp(`/admin/holidays\\?year=2027&swapped=${dayOff}$`))
  await expect(page.getByRole('status')).toContainText('Đã thêm hoán đổi')
  const swapRows = page.getByRole('row', { name: new RegExp(name) })
  await expect(swapRows).toHaveCount(2)
  await checkA11y()
  // Removing one half removes the swap (after the question).
  await swapRows.first().getByRole('link', { name: /^Xoá/ }).click()
  await expect(page.getByText('Ngày này thuộc một lần hoán đổi')).toBeVisible()
  await checkA11y()
  await page.getByRole('button', { name: 'Xoá khỏi lịch' }).click()
  await expect(page).toHaveURL(/&removed=/)
  await expect(swapRows).toHaveCount(0)
  await checkA11y()
})

test('the administration pages pass axe', async ({ page, checkA11y }) => {
  await signIn(page, checkA11y, 'admin.stp@example.gov.vn', '/admin/staff')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cán bộ và phân quyền (STP)')
  await expect(page.getByRole('group', { name: 'Vai trò của Đỗ Thanh Lâm' })).toBeVisible()
  await checkA11y()
  for (const [path, heading] of [
    ['/admin/agencies', 'Cơ quan'],
    ['/admin/agencies?edit=STP', 'Cơ quan'],
    ['/admin/procedures', 'Thủ tục và biểu mẫu'],
    ['/admin/procedures/2.001417.000.00.00.H56', 'Cấp Phiếu lý lịch tư pháp'],
  ]) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading)
    await checkA11y()
  }
})

test('the leaders’ dashboard and the list behind a figure pass axe', async ({ page, checkA11y }) => {
  await signIn(page, checkA11y, 'approver.stp@example.gov.vn', '/dashboard?month=2026-11')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bảng theo dõi kết quả giải quyết hồ sơ')
  await expect(page.getByRole('heading', { name: 'Sở Tư pháp (STP)' })).toBeVisible()
  await checkA11y()
  await page
    .getByRole('row', { name: /Tổng cộng/ })
    .getByRole('link')
    .first()
    .click()
  await expect(page).toHaveURL(/\/dashboard\/dossiers\?month=2026-11&agency=STP&metric=received$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ tiếp nhận, tháng 2026-11')
  await expect(page.getByRole('status')).toHaveText('0 hồ sơ')
  await checkA11y()
})
