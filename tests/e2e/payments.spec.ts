import { randomUUID } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, register, test } from './fixtures'
import { e2eDatabase, signInAs } from './journeys'

/**
 * Paying fees in the browser through the mock gateway (the default PAYMENT_PROVIDER), with axe on every page,
 * with and without JavaScript. The judicial-record dossier (STP, level 4, 200 000 ₫ due at submission) is
 * filed straight into the e2e server's database for a citizen registered through the real form: filing it
 * through the pages is apply.spec's job.
 */
test.describe.configure({ timeout: 480_000 })
test.use({ actionTimeout: 20_000 })

const staff = (email: string) => ({ email, password: 'CanBo@2026' })

async function dossierAwaitingPayment(email: string): Promise<string> {
  const db = await e2eDatabase()
  try {
    const { completeJudicialDraft } = await import('../setup/factories')
    const { submitDraft } = await import('../../app/modules/dossiers/submit.server')
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    const { procedure } = await completeJudicialDraft(db, user.id)
    const { code, status } = await submitDraft(db, {
      applicantId: user.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
    expect(status).toBe('awaiting_payment')
    return code
  } finally {
    await db.destroy()
  }
}

/** From the dossier page to the payment page, choosing the provider, on to the gateway's page. */
async function startPaying(page: Page, checkA11y: () => Promise<void>, code: string, provider: RegExp) {
  await page.goto(`/dossiers/${code}`)
  await expect(page.getByText('Hồ sơ đang chờ thanh toán phí, lệ phí 200.000')).toBeVisible()
  await checkA11y()
  await page.getByRole('link', { name: 'Thanh toán trực tuyến' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thanh toán phí, lệ phí')
  await checkA11y()
  await page.getByLabel(provider).check()
  await page.getByRole('button', { name: /^Thanh toán 200\.000/ }).click()
}

async function enterCard(page: Page, checkA11y: () => Promise<void>, card: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thanh toán bằng thẻ')
  await checkA11y()
  await page.getByLabel('Số thẻ').fill(card)
  await page.getByRole('button', { name: /^Thanh toán 200\.000/ }).click()
}

/** The return page shows "paid" once the verified webhook or IPN has arrived (it refreshes, or we check again). */
async function waitUntilPaid(page: Page, checkA11y: () => Promise<void>) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kết quả thanh toán')
  await expect(async () => {
    if (!(await page.getByText('Thanh toán thành công.').isVisible())) {
      await page.reload()
    }
    await expect(page.getByText('Thanh toán thành công.')).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 30_000 })
  await checkA11y()
}

async function openReceipt(page: Page, checkA11y: () => Promise<void>, code: string) {
  await page.getByRole('link', { name: 'Xem biên lai điện tử' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Biên lai thu phí, lệ phí')
  await expect(page.getByText(code).first()).toBeVisible()
  await expect(page.getByRole('img', { name: 'Mã QR dẫn đến trang xác minh biên lai' })).toBeVisible()
  await checkA11y()
  const verify = page.getByRole('link', { name: /\/verify\// })
  await verify.click()
  await expect(page.getByText('Biên lai hợp lệ, do Cổng Dịch vụ công phát hành.')).toBeVisible()
  await expect(page.getByText('200.000')).toBeVisible()
  await checkA11y()
}

test('a citizen pays the judicial-record fee with 4242… and gets the receipt, verified by its QR link', async ({
  page,
  checkA11y,
}, info) => {
  const person = await register(page, checkA11y, `pay-${info.project.name}`)
  const code = await dossierAwaitingPayment(person.email)
  await startPaying(page, checkA11y, code, /Thẻ ngân hàng/)
  await enterCard(page, checkA11y, '4242 4242 4242 4242')
  await waitUntilPaid(page, checkA11y)
  await page.goto(`/dossiers/${code}`)
  await expect(page.locator('.status').first()).toHaveText('Chờ tiếp nhận')
  await expect(page.getByRole('link', { name: 'Thanh toán trực tuyến' })).toHaveCount(0)
  await checkA11y()
  await page.getByRole('link', { name: 'Xem biên lai' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Biên lai thu phí, lệ phí')
  await checkA11y()
  await page.goBack()
  await page.goto(`/dossiers/${code}/pay`)
  await expect(page.getByText('Phí, lệ phí của hồ sơ đã được thanh toán. Cảm ơn bạn.')).toBeVisible()
  await expect(page.getByRole('button', { name: /^Thanh toán/ })).toHaveCount(0)
  await checkA11y()
})

test('a declined card is explained, then a good card pays', async ({ page, checkA11y }, info) => {
  const person = await register(page, checkA11y, `decl-${info.project.name}`)
  const code = await dossierAwaitingPayment(person.email)
  await startPaying(page, checkA11y, code, /Thẻ ngân hàng/)
  await enterCard(page, checkA11y, '4000 0000 0000 0002')
  await expect(page.getByRole('alert')).toContainText('thẻ bị ngân hàng từ chối')
  await checkA11y()
  await page.getByLabel('Số thẻ').fill('4242 4242 4242 4242')
  await page.getByRole('button', { name: /^Thanh toán 200\.000/ }).click()
  await waitUntilPaid(page, checkA11y)
  await openReceipt(page, checkA11y, code)
})

test('the 3-D Secure card asks for authentication before it pays', async ({ page, checkA11y }, info) => {
  const person = await register(page, checkA11y, `3ds-${info.project.name}`)
  const code = await dossierAwaitingPayment(person.email)
  await startPaying(page, checkA11y, code, /Thẻ ngân hàng/)
  await enterCard(page, checkA11y, '4000 0027 6000 3184')
  await expect(page.getByRole('heading', { name: 'Xác thực 3-D Secure' })).toBeVisible()
  await checkA11y()
  await page.getByRole('button', { name: 'Xác thực thành công' }).click()
  await waitUntilPaid(page, checkA11y)
})

test('a citizen pays through VNPay: the bank page, the Return URL, the IPN, the receipt', async ({
  page,
  checkA11y,
}, info) => {
  const person = await register(page, checkA11y, `vnp-${info.project.name}`)
  const code = await dossierAwaitingPayment(person.email)
  await startPaying(page, checkA11y, code, /VNPay/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thanh toán qua VNPay')
  await expect(page).toHaveURL(/vnp_SecureHash=[0-9a-f]{128}/)
  await checkA11y()
  await page.getByLabel('Quét mã VNPAY-QR').check()
  await page.getByRole('button', { name: 'Xác nhận thanh toán' }).click()
  await waitUntilPaid(page, checkA11y)
  await openReceipt(page, checkA11y, code)
})

test('a refund after refusal: one finance clerk requests it, a second approves it', async ({
  page,
  checkA11y,
}, info) => {
  const person = await register(page, checkA11y, `ref-${info.project.name}`)
  const code = await dossierAwaitingPayment(person.email)
  await startPaying(page, checkA11y, code, /Thẻ ngân hàng/)
  await enterCard(page, checkA11y, '4242 4242 4242 4242')
  await waitUntilPaid(page, checkA11y)

  // Reception refuses the dossier at intake.
  await signInAs(page, checkA11y, staff('reception.stp@example.gov.vn'), `/officer/dossiers/${code}`)
  await checkA11y()
  await page.getByLabel('Lý do từ chối tiếp nhận').fill('Hồ sơ không thuộc thẩm quyền giải quyết')
  await page.getByRole('button', { name: 'Từ chối tiếp nhận', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Đã từ chối tiếp nhận hồ sơ.' })).toBeVisible()
  await expect(page.locator('.status').first()).toHaveText('Từ chối tiếp nhận')
  await checkA11y()

  // The first clerk requests the refund.
  await signInAs(page, checkA11y, staff('finance.stp@example.gov.vn'), '/finance/refunds')
  const card = page.locator('section', {
    has: page.getByRole('heading', { name: `${code} – Hồ sơ bị từ chối` }),
  })
  await expect(card.getByText('Chờ đề nghị')).toBeVisible()
  await checkA11y()
  await card.getByLabel('Lý do hoàn tiền').fill('Hồ sơ bị từ chối tiếp nhận')
  await card.getByRole('button', { name: 'Đề nghị hoàn tiền' }).click()
  await expect(card.getByText('Bạn là người đề nghị; cần một kế toán khác phê duyệt.')).toBeVisible()
  await expect(card.getByRole('button', { name: /Phê duyệt/ })).toHaveCount(0)
  await checkA11y()

  // A second clerk approves it; the gateway refunds.
  await signInAs(page, checkA11y, staff('finance2.stp@example.gov.vn'), '/finance/refunds')
  await checkA11y()
  await card.getByRole('button', { name: 'Phê duyệt hoàn 200.000 ₫' }).click()
  await expect(card.getByText('Đã hoàn tiền', { exact: true })).toBeVisible()
  await checkA11y()

  // The citizen sees the fee refunded.
  await signInAs(page, checkA11y, { email: person.email, password: person.password }, `/dossiers/${code}`)
  await expect(page.getByText(/Đã hoàn tiền/)).toBeVisible()
  await checkA11y()
})
