import { expect, register, test } from './fixtures'

test('a person registers, is signed in, signs out and signs in again', async ({ page, checkA11y }, info) => {
  const person = await register(page, checkA11y, info.project.name)

  await page.getByRole('button', { name: 'Đăng xuất' }).click()
  await expect(page.getByRole('link', { name: 'Đăng nhập', exact: true })).toBeVisible()
  await checkA11y()

  await page.getByRole('link', { name: 'Đăng nhập', exact: true }).click()
  await checkA11y()
  await page.getByLabel('Địa chỉ thư điện tử').fill(person.email)
  await page.getByLabel('Mật khẩu').fill(person.password)
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
  await expect(page.getByText(`Đang đăng nhập: ${person.fullName}`)).toBeVisible()
  await checkA11y()
})

test('mistakes in the registration form are listed in an error summary that links to each field', async ({
  page,
  checkA11y,
  javaScriptEnabled,
}) => {
  await page.goto('/register')
  await checkA11y()
  await page.getByLabel('Họ và tên').fill('Phạm Văn Tú')
  await page.getByLabel('Số điện thoại di động').fill('12345')
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click()
  const summary = page.getByRole('alert')
  await expect(summary.getByRole('heading', { name: 'Có lỗi cần sửa' })).toBeVisible()
  if (javaScriptEnabled) await expect(summary).toBeFocused()
  await expect(
    summary.getByRole('link', { name: /Số điện thoại di động: Nhập số di động Việt Nam/ }),
  ).toBeVisible()
  await expect(
    summary.getByRole('link', { name: /Số căn cước công dân: Vui lòng nhập thông tin này/ }),
  ).toBeVisible()
  await checkA11y()
  // What was typed is kept; the field says what is wrong and is marked invalid.
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Phạm Văn Tú')
  const phone = page.getByLabel('Số điện thoại di động')
  await expect(phone).toHaveAttribute('aria-invalid', 'true')
  await summary.getByRole('link', { name: /Số điện thoại di động/ }).click()
  await expect(phone).toBeFocused()
})

test('a wrong password gets one clear message, the same as for an unknown account', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/login')
  await checkA11y()
  await page.getByLabel('Địa chỉ thư điện tử').fill('congdan@example.vn')
  await page.getByLabel('Mật khẩu').fill('khong-dung-mat-khau')
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Thư điện tử hoặc mật khẩu không đúng.')
  await checkA11y()
})
