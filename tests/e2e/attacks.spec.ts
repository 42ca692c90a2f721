import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { buildWorld, evil, openDb, password, payloads, port, staffPassword } from './attack-world'

/**
 * Stored and reflected XSS, checked in Chromium (issue 11): every free-text field a person can type and some page
 * renders holds every payload below; each page showing it must render it as text. A page fails if a dialog opens,
 * if `window.__xss` (what the payloads set before alerting) is defined, or if the payload's markup became
 * elements (an `img[src=x]`, an `svg` with `onload`, a script without the page's nonce) — the last check holds
 * without JavaScript too. Preconditions are written straight into the e2e database (fast, and our own rows only:
 * the demo citizen is shared by other specs).
 */

let cases = 0
type World = Awaited<ReturnType<typeof buildWorld>>
let world: Promise<World> | undefined

async function setUp() {
  const db = await openDb()
  try {
    return await buildWorld(db)
  } finally {
    await db.destroy()
  }
}

/** Fails the test on any dialog; `visit` checks one page for executed or injected markup. */
function guard(page: Page, checkA11y: () => Promise<void>) {
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()} on ${page.url()}`)
    void d.dismiss()
  })
  const inert = async (expectText: string[] = []) => {
    await page.waitForLoadState('load')
    for (const text of expectText) {
      await expect(page.locator('body'), `${text} shown as text on ${page.url()}`).toContainText(evil(text))
      cases += payloads.length
    }
    expect(dialogs, 'dialogs opened by a payload').toEqual([])
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
      `window.__xss on ${page.url()}`,
    ).toBe(undefined)
    const injected = await page
      .locator(
        'img[src="x"], svg[onload], [onerror], [onload], script:not([nonce]):not([type="application/json"])',
      )
      .count()
    expect(injected, `elements made from a payload on ${page.url()}`).toBe(0)
    const hrefs = await page.locator('a[href^="javascript:" i], form[action^="javascript:" i]').count()
    expect(hrefs, `javascript: links on ${page.url()}`).toBe(0)
    await checkA11y()
  }
  const visit = async (path: string, expectText: string[] = []) => {
    await page.goto(path)
    await inert(expectText)
  }
  return { visit, inert }
}

async function signIn(page: Page, email: string, secret: string, checkA11y: () => Promise<void>) {
  await page.goto('/login')
  await checkA11y()
  await page.getByLabel('Địa chỉ thư điện tử').fill(email)
  await page.getByLabel('Mật khẩu').fill(secret)
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
  await expect(page).not.toHaveURL(/\/login/)
  await checkA11y()
}

// Many pages per test, each checked with axe (without JavaScript, in a scripted twin): more than the default 60 s.
test.describe.configure({ timeout: 420_000 })

test.beforeEach(() => {
  world ??= setUp()
})

test.afterAll(() => {
  console.log(`XSS attack cases checked in this worker (payload × field × page): ${cases}`)
})

test('stored payloads are inert on the applicant’s pages, the receipt and its verification', async ({
  page,
  checkA11y,
}) => {
  const w = await world!
  const { visit } = guard(page, checkA11y)
  await signIn(page, w.applicant.email, password, checkA11y)
  await visit('/dossiers', ['applicant'])
  await visit(`/dossiers/${w.supplement.code}`, ['message', 'reply'])
  await visit(`/dossiers/${w.refused.code}`, ['refusal'])
  await visit(`/dossiers/${w.withdrawn.code}`, ['withdraw'])
  await visit(`/dossiers/${w.completed.code}`, ['rating'])
  await visit(`/dossiers/${w.supplement.code}/supplement`, ['supplement.field'])
  if (w.refused.receiptId) {
    await visit(`/receipts/${w.refused.receiptId}`, ['payer'])
    await page.context().clearCookies()
    await visit(`/verify/${w.refused.receiptId}`)
  }
})

test('stored payloads are inert on the officer’s queue, dossier pages and printable forms', async ({
  page,
  checkA11y,
}) => {
  const w = await world!
  const { visit } = guard(page, checkA11y)
  await signIn(page, 'reception.stp@example.gov.vn', staffPassword, checkA11y)
  await visit(`/officer?q=${encodeURIComponent(w.supplement.code)}`)
  await visit(`/officer/dossiers/${w.supplement.code}`, [
    'applicant',
    'answer.fullName',
    'answer.placeOfBirth',
    'answer.purpose',
    'answer.street',
    'supplement.field',
    'message',
    'note',
    'reply',
    'staff',
  ])
  await visit(`/officer/dossiers/${w.refused.code}`, ['refusal'])
  await visit(`/officer/dossiers/${w.withdrawn.code}`, ['withdraw'])
  await visit(`/officer/dossiers/${w.completed.code}`)
  await visit(`/officer/dossiers/${w.supplement.code}/print/01`, ['applicant', 'staff', 'file'])
  await visit(`/officer/dossiers/${w.supplement.code}/print/02`, ['supplement.field'])
  await visit(`/officer/dossiers/${w.refused.code}/print/03`, ['refusal'])
  await visit(`/officer/dossiers/${w.completed.code}/print/05`, ['applicant'])
  await visit('/officer/tracking-book', ['applicant'])
})

test('stored payloads are inert in finance, administration, the dashboard and the demo mailbox', async ({
  page,
  checkA11y,
}) => {
  const w = await world!
  const { visit } = guard(page, checkA11y)
  await signIn(page, 'finance2.stp@example.gov.vn', staffPassword, checkA11y)
  await visit('/finance/refunds', ['refund.requested', 'refund.rejected', 'refund.note'])
  await visit('/finance')
  await page.context().clearCookies()
  await signIn(page, 'admin.stp@example.gov.vn', staffPassword, checkA11y)
  await visit('/admin/staff', ['staff'])
  await visit('/dashboard/dossiers?kind=received')
  await page.context().clearCookies()
  await signIn(page, 'admin.city@example.gov.vn', staffPassword, checkA11y)
  await visit('/admin/agencies', ['agency'])
  await visit('/dev/mailbox', ['subject'])
  await visit(`/dev/mailbox/${w.letterId}`, ['subject', 'body'])
})

test('reflected payloads are inert: search, officer search, lookup, a 404 path, and a javascript: redirect', async ({
  page,
  checkA11y,
}) => {
  const { visit, inert } = guard(page, checkA11y)
  for (const p of payloads) await visit(`/procedures?q=${encodeURIComponent(p)}`)
  cases += payloads.length
  for (const p of payloads) {
    const res = await page.goto(`/${encodeURIComponent(p)}`)
    expect(res?.status(), 'an unknown path').toBe(404)
    await inert()
  }
  cases += payloads.length
  for (const p of payloads) {
    await page.goto('/lookup')
    await checkA11y()
    await page.getByLabel('Mã hồ sơ').fill(p)
    await page.getByLabel('4 số cuối số điện thoại hoặc căn cước công dân').fill('1234')
    await page.getByRole('button', { name: 'Tra cứu' }).click()
    await expect(page.getByText('Nhập mã hồ sơ đúng dạng, ví dụ STP-261127-0001.').first()).toBeVisible()
    await inert()
  }
  cases += payloads.length
  // Sign-in with a javascript: (and a foreign) redirect lands on the person's own landing page.
  for (const target of ['javascript:window.__xss=1;alert(1)', '//evil.example/', 'https://evil.example/']) {
    await page.context().clearCookies()
    await page.goto(`/login?redirectTo=${encodeURIComponent(target)}`)
    await inert()
    await page.getByLabel('Địa chỉ thư điện tử').fill('reception.stp@example.gov.vn')
    await page.getByLabel('Mật khẩu').fill(staffPassword)
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
    await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${port}/officer$`))
    await inert()
    cases += 1
  }
  for (const p of payloads) await visit(`/officer?q=${encodeURIComponent(p)}`)
  cases += payloads.length
})
