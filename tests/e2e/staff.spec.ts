import { expect, test } from './fixtures'

const password = 'CanBo@2026'

async function signIn(page: import('@playwright/test').Page, email: string, checkA11y: () => Promise<void>) {
  await page.goto('/login')
  await checkA11y()
  await page.getByLabel('Địa chỉ thư điện tử').fill(email)
  await page.getByLabel('Mật khẩu').fill(password)
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
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

/** The translation chunks this document loaded (resources-vi-…, resources-vi-staff-…), by their names. */
const translationChunks = (page: import('@playwright/test').Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => /resources-(?:vi|en)(?:-staff)?-/.exec(e.name)?.[0])
      .filter((name): name is string => !!name),
  )

test('anonymous visitors to a staff area are sent to login and then back', async ({
  page,
  checkA11y,
  javaScriptEnabled,
}) => {
  await page.goto('/finance')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Ffinance$/)
  await checkA11y()
  // The login page is a public page: the staff areas' translations are not sent to it.
  if (javaScriptEnabled) await expect.poll(() => translationChunks(page)).toEqual(['resources-vi-'])
  await page.getByLabel('Địa chỉ thư điện tử').fill('finance.stp@example.gov.vn')
  await page.getByLabel('Mật khẩu').fill(password)
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
  await expect(page).toHaveURL(/\/finance$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tài chính')
  // A staff sign-in ends with a full page load, which brings the staff areas' translations before hydration: the
  // page stays translated once React has taken over (a missing namespace would show its keys).
  if (javaScriptEnabled) {
    await expect.poll(() => translationChunks(page)).toEqual(['resources-vi-', 'resources-vi-staff-'])
    await page.waitForLoadState('networkidle')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tài chính')
  }
  await checkA11y()
})

test('a reception officer checks a dossier at the desk: previews a document inline, marks one as needing a supplement and sends the request pre-filled', async ({
  page,
  checkA11y,
}) => {
  const { deskDossier } = await import('./desk-dossier')
  const { e2eDatabase } = await import('./journeys')
  const db = await e2eDatabase()
  const { code, files } = await deskDossier(db).finally(() => db.destroy())
  const [first] = files
  await signIn(page, 'reception.stp@example.gov.vn', checkA11y)
  await expect(page).toHaveURL(/\/officer$/)
  await checkA11y()
  await page.goto(`/officer/dossiers/${code}`)
  await checkA11y()

  // The preview opens in the page: the browser's own PDF viewer in a frame, from the file route's inline variant.
  const doc = page.locator(`#file-${first.id}`)
  await doc.getByRole('link', { name: /^Xem trước / }).click()
  const frame = page.locator('iframe.preview__frame')
  await expect(frame).toHaveAttribute('src', `/officer/dossiers/${code}/files/${first.id}?inline`)
  await expect(frame).toHaveAttribute('title', /request_form\.pdf|\.pdf$/)
  const inline = await page.request.get(`/officer/dossiers/${code}/files/${first.id}?inline`)
  expect(inline.headers()['content-disposition']).toMatch(/^inline;/)
  expect(inline.headers()['content-type']).toBe('application/pdf')
  await checkA11y()

  // The check: needs a supplement, with the reason.
  // Clicked before React has hydrated the page, the radio can be set back by the first render: try again until
  // it holds (it fails if it never does).
  await expect(async () => {
    await doc.getByRole('radio', { name: 'Cần bổ sung' }).check({ timeout: 2000 })
  }).toPass({ timeout: 15_000 })
  await doc.getByRole('textbox', { name: 'Lý do cần bổ sung' }).fill('Bản chụp mờ, không đọc được')
  await doc.getByRole('button', { name: 'Lưu kết quả kiểm tra' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu kết quả kiểm tra giấy tờ.' })).toBeVisible()
  await expect(page.locator(`#file-${first.id} .doc__check`)).toContainText(
    'Cần bổ sung: Bản chụp mờ, không đọc được',
  )
  await checkA11y()

  // The supplement request comes pre-filled from the mark; the other items are folded away.
  const request = page.getByRole('region', { name: 'Yêu cầu bổ sung hồ sơ' })
  await expect(request.locator(`input[name="items"][value="document:${first.key}"]`)).toBeChecked()
  await expect(request.locator(`input[name="reason:document:${first.key}"]`)).toHaveValue(
    'Bản chụp mờ, không đọc được',
  )
  await expect(request.locator('details.supplement-more')).not.toHaveAttribute('open', /.*/)
  await request.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'Đã gửi yêu cầu bổ sung hồ sơ cho công dân.' }),
  ).toBeVisible()
  await expect(page.getByText('Bản chụp mờ, không đọc được').first()).toBeVisible()
  await checkA11y()
})

test('pages reflow at 320 CSS px without sideways scrolling', async ({
  page,
  checkA11y,
  javaScriptEnabled,
}) => {
  // Layout does not depend on JavaScript: the staff pages are measured with it, the public and citizen pages
  // without it (each project measures its half). Nine pages, each with axe: three times the time.
  test.slow()
  const { deskDossier } = await import('./desk-dossier')
  const { e2eDatabase, signInAs } = await import('./journeys')
  const db = await e2eDatabase()
  const { code, files } = await deskDossier(db).finally(() => db.destroy())
  await page.setViewportSize({ width: 320, height: 640 })
  const measure = async (urls: string[]) => {
    for (const url of urls) {
      await page.goto(url)
      await checkA11y()
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width, `${url} is ${width} px wide at 320`).toBeLessThanOrEqual(320)
    }
  }
  if (javaScriptEnabled) {
    const pages: [string, string[]][] = [
      [
        'reception.stp@example.gov.vn',
        ['/officer', `/officer/dossiers/${code}`, `/officer/dossiers/${code}?preview=${files[0].id}`],
      ],
      ['finance.stp@example.gov.vn', ['/finance']],
      ['admin.stp@example.gov.vn', ['/admin', '/admin/procedures']],
    ]
    for (const [email, urls] of pages) {
      await page.context().clearCookies()
      await signIn(page, email, checkA11y)
      await page.waitForURL((u) => !u.pathname.startsWith('/login'))
      await measure(urls)
    }
  } else {
    const judicial = '2.001417.000.00.00.H56'
    await measure(['/', '/procedures?q=ly+lich', `/procedures/${judicial}`, '/lookup', '/register'])
    await signInAs(page, checkA11y, { email: 'congdan@example.vn', password: 'CongDan@2026' }, '/dossiers')
    await measure(['/dossiers', `/procedures/${judicial}/apply`, `/procedures/${judicial}/apply/documents`])
  }
})
