import { expect, test } from './fixtures'

const password = 'CanBo@2026'

async function signIn(page: import('@playwright/test').Page, email: string, checkA11y: () => Promise<void>) {
  await page.goto('/login')
  await checkA11y()
  await page.getByLabel('Địa chỉ thư điện tử').fill(email)
  await page.getByLabel('Mật khẩu').fill(password)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
}

test('a reception officer lands on the officer area of their agency, and is refused the others', async ({
  page,
  checkA11y,
}) => {
  await signIn(page, 'reception.stp@example.gov.vn', checkA11y)
  await expect(page).toHaveURL(/\/officer$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xử lý hồ sơ')
  await expect(page.getByRole('row', { name: /Sở Tư pháp \(STP\)/ })).toContainText('Cán bộ một cửa')
  await checkA11y()
  const res = await page.goto('/admin')
  expect(res?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn không có quyền truy cập trang này')
  await checkA11y()
})

test('an administrator sees the holiday calendar', async ({ page, checkA11y }) => {
  await signIn(page, 'admin.ubq1@example.gov.vn', checkA11y)
  await expect(page).toHaveURL(/\/admin$/)
  await expect(page.getByRole('heading', { name: 'Ngày nghỉ lễ đã khai báo' })).toBeVisible()
  await expect(page.getByRole('cell', { name: /30 tháng 4, 2026|30 tháng 4 năm 2026/ })).toBeVisible()
  await checkA11y()
})

test('anonymous visitors to a staff area are sent to login and then back', async ({ page, checkA11y }) => {
  await page.goto('/finance')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Ffinance$/)
  await checkA11y()
  await page.getByLabel('Địa chỉ thư điện tử').fill('finance.stp@example.gov.vn')
  await page.getByLabel('Mật khẩu').fill(password)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await expect(page).toHaveURL(/\/finance$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tài chính')
  await checkA11y()
})
