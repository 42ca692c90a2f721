import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'

const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']
const key = (url: string) => url.replace(/#.*$/, '')

/**
 * Every page a test visits must be checked with axe (WCAG 2.0/2.1/2.2 A and AA, zero violations): the fixture
 * records each main-frame navigation and fails the test if one was never checked with `checkA11y`.
 */
export const test = base.extend<{ checkA11y: (page?: Page) => Promise<void> }>({
  checkA11y: async ({ page, browser, javaScriptEnabled }, use, testInfo) => {
    const visited = new Set<string>()
    const checked = new Set<string>()
    // A page that throws or logs an error fails the test (hydration errors would otherwise hide behind a 500 page).
    const errors: string[] = []
    // Content-Security-Policy violations on any page of the test's context fail it (issue 11: zero in the suite).
    // With JavaScript: a `securitypolicyviolation` listener, installed before any page script and reporting
    // through a binding (so reports survive navigations), gives the directive, the blocked URI and the source.
    // Without JavaScript no page script runs, so nothing can violate script-src, and the init script cannot run
    // either: there Chromium's own console report ("… violates the following Content Security Policy
    // directive …", logged by the browser, not by a script) catches the style, image, font and frame
    // violations that remain. That console report is collected in both projects.
    const csp: string[] = []
    const context = page.context()
    if (javaScriptEnabled) {
      await context.exposeBinding('__reportCspViolation', ({ page: from }, v: Record<string, string>) => {
        csp.push(
          `${v.violatedDirective} blocked ${v.blockedURI || '(inline)'} in ${v.sourceFile || from?.url()}`,
        )
      })
      await context.addInitScript(() => {
        const report = (window as unknown as { __reportCspViolation: (v: unknown) => void })
          .__reportCspViolation
        document.addEventListener('securitypolicyviolation', (e) =>
          report({
            violatedDirective: e.violatedDirective,
            blockedURI: e.blockedURI,
            sourceFile: `${e.sourceFile}:${e.lineNumber}`,
          }),
        )
      })
    }
    context.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(`console: ${m.text().slice(0, 500)}`)
    })
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
    page.on('console', (m) => {
      if (
        m.type() === 'error' &&
        !/Content Security Policy/i.test(m.text()) &&
        !/Failed to load resource: the server responded with a status of (4\d\d)/.test(m.text())
      ) {
        errors.push(`console.error: ${m.text().slice(0, 1000)}`)
      }
    })
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.add(key(frame.url()))
    })
    await use(async (target = page) => {
      await target.waitForLoadState('domcontentloaded')
      let results
      if (javaScriptEnabled) {
        results = await new AxeBuilder({ page: target }).withTags(wcag).analyze()
      } else {
        // axe runs as a script in the page, so check the very page this browser got (scripts removed, as
        // without JavaScript they never ran) in a scripted twin on the same origin, styles included.
        const html = (await target.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '')
        const context = await browser.newContext({ javaScriptEnabled: true })
        const twin = await context.newPage()
        await twin.goto(new URL('/healthz', target.url()).href)
        await twin.setContent(html, { waitUntil: 'load' })
        results = await new AxeBuilder({ page: twin }).withTags(wcag).analyze()
        await context.close()
      }
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      )
      expect(summary, `axe on ${target.url()}`).toEqual([])
      checked.add(key(target.url()))
    })
    expect(
      csp,
      'Content-Security-Policy violations (the page needs no inline style, script or foreign source)',
    ).toEqual([])
    expect(errors, 'errors in the page').toEqual([])
    const unchecked = [...visited].filter((u) => u !== 'about:blank' && !checked.has(u))
    if (testInfo.status === testInfo.expectedStatus) {
      expect(unchecked, 'pages visited without an axe check').toEqual([])
    }
  },
})

export { expect }

let counter = 0
/** Unique, valid registration details for one test. */
export function newPerson(tag: string) {
  const n = `${Date.now()}${process.pid}${counter++}`.slice(-9)
  return {
    fullName: 'Lê Thị Hoa',
    email: `hoa.${tag}.${n}@example.vn`,
    phone: `09${n.slice(-8)}`,
    citizenId: `079${n}`,
    password: 'sen hong ho tay 2026',
  }
}

/** Registers a new person through the real form and checks the pages on the way. */
export async function register(page: Page, checkA11y: () => Promise<void>, tag: string) {
  // A whole journey (form, letter, activation, sign-in, axe on each page): give the test three times the time.
  test.slow()
  const person = newPerson(tag)
  await page.goto('/register')
  await checkA11y()
  await page.getByLabel('Họ và tên').fill(person.fullName)
  await page.getByLabel('Địa chỉ thư điện tử').fill(person.email)
  await page.getByLabel('Số điện thoại di động').fill(person.phone)
  await page.getByLabel('Số căn cước công dân').fill(person.citizenId)
  await page.getByLabel('Mật khẩu').fill(person.password)
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click()
  // The account is active only once the letter's link is opened: the same answer whatever already exists.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hãy kiểm tra hộp thư')
  await checkA11y()
  await page.goto(await confirmationPath(person.email))
  await checkA11y()
  await page.getByRole('button', { name: 'Kích hoạt tài khoản' }).click()
  await expect(page.getByText('Địa chỉ thư điện tử đã được xác nhận')).toBeVisible()
  await checkA11y()
  await page.getByLabel('Địa chỉ thư điện tử').fill(person.email)
  await page.getByLabel('Mật khẩu').fill(person.password)
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
  await expect(page.getByText(`Đang đăng nhập: ${person.fullName}`)).toBeVisible()
  await checkA11y()
  return person
}

/**
 * The path of the confirmation link in the latest letter to `email`, read from the e2e server's mailbox table
 * (its notification worker delivers there), as the person would read it in their inbox.
 */
export async function confirmationPath(email: string, timeoutMs = 15_000): Promise<string> {
  const { testServer } = await import('../setup/pg')
  const { withDatabase } = await import('../../db/embedded')
  const { createDb } = await import('../../db/create-db')
  const { adminUrl } = await testServer()
  const db = createDb(withDatabase(adminUrl, `portal_e2e_${process.env.E2E_PORT ?? 3100}`), { max: 1 })
  try {
    const end = Date.now() + timeoutMs
    for (;;) {
      const mail = await db
        .selectFrom('mailbox')
        .select('body')
        .where('to_address', '=', email)
        .orderBy('created_at', 'desc')
        .executeTakeFirst()
      const link = mail && /https?:\/\/[^\s/]+(\/register\/confirm\/[A-Za-z0-9_-]+)/.exec(mail.body)
      if (link) return link[1]
      if (Date.now() > end) throw new Error(`no confirmation letter to ${email}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  } finally {
    await db.destroy()
  }
}
