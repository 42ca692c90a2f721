import { expect, test } from './fixtures'

test('the home page explains the portal in Vietnamese and leads to the catalogue, lookup and login', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/')
  await checkA11y()
  await expect(page).toHaveTitle('Cổng Dịch vụ công Thành phố')
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dịch vụ công trực tuyến của Thành phố')
  const main = page.getByRole('main')
  await expect(main.getByRole('link', { name: 'Tìm thủ tục hành chính' })).toHaveAttribute(
    'href',
    '/procedures',
  )
  await expect(main.getByRole('link', { name: 'Tra cứu hồ sơ' })).toHaveAttribute('href', '/lookup')
  await expect(main.getByRole('link', { name: 'Đăng nhập hoặc đăng ký' })).toHaveAttribute('href', '/login')
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible()
})

test('the language switch turns the portal into English and back, and remembers the choice', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/login')
  await checkA11y()
  await page.getByRole('button', { name: 'Switch to English' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in')
  await checkA11y()
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("The city's online public services")
  await checkA11y()
  await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  await checkA11y()
})

test('?lng=en opens a page in English', async ({ page, checkA11y }) => {
  await page.goto('/register?lng=en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an account')
  await checkA11y()
})

test('the skip link is the first stop and moves to the main content', async ({
  page,
  checkA11y,
  javaScriptEnabled,
}) => {
  await page.goto('/')
  await checkA11y()
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Chuyển đến nội dung chính' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#main$/)
  if (javaScriptEnabled) await expect(page.locator('#main')).toBeFocused()
})

test('an unknown address shows a 404 page in the visitor language', async ({ page, checkA11y }) => {
  const res = await page.goto('/khong-ton-tai')
  expect(res?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang')
  await expect(page).toHaveTitle(/Không tìm thấy trang/)
  await checkA11y()
  const en = await page.goto('/does-not-exist?lng=en')
  expect(en?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found')
  await checkA11y()
})
