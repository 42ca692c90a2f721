import { randomUUID } from 'node:crypto'
import { expect, newPerson, test } from './fixtures'
import type { Page } from '@playwright/test'
import { e2eDatabase } from './journeys'

/**
 * The signed result in the browser (issue 15), in both projects (with and without JavaScript), axe on every
 * page: the specialist drafts the judicial-record certificate from its template, the approver opens the draft
 * and approves (the portal numbers and signs it), the citizen downloads the signed PDF from their dossier page,
 * and the public verification page accepts that file and rejects a copy with one byte changed. The dossier is
 * set up in the e2e server's database, received and assigned (those steps are tested elsewhere).
 */
test.describe.configure({ timeout: 300_000 })
test.use({ actionTimeout: 20_000 })

const staffPassword = 'CanBo@2026'

/** Signs in as someone else in the same browser and lands on `redirectTo` (the login page checked on the way). */
async function signInAs(
  page: Page,
  checkA11y: () => Promise<void>,
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

async function assignedJudicial(person: ReturnType<typeof newPerson>) {
  const { hashPassword } = await import('../../app/modules/auth/password.server')
  const { completeJudicialDraft } = await import('../setup/factories')
  const { submitDraft } = await import('../../app/modules/dossiers/submit.server')
  const { performTransition, systemActor } = await import('../../app/modules/workflow/perform.server')
  const db = await e2eDatabase()
  try {
    const user = await db
      .insertInto('users')
      .values({
        kind: 'citizen',
        email: person.email,
        full_name: person.fullName,
        phone: person.phone,
        citizen_id: person.citizenId,
        password_hash: await hashPassword(person.password),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const { procedure, draftId } = await completeJudicialDraft(db, user.id)
    const { code } = await submitDraft(db, {
      applicantId: user.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
    await db
      .updateTable('fees')
      .set({ status: 'paid', paid_at: new Date() })
      .where('dossier_id', '=', draftId)
      .execute()
    await performTransition(db, { dossierCode: code, action: 'pay', actor: systemActor })
    const actor = async (email: string) => {
      const s = await db
        .selectFrom('users as u')
        .innerJoin('staff_roles as r', 'r.user_id', 'u.id')
        .select(['u.id', 'r.role', 'r.agency_id'])
        .where('u.email', '=', email)
        .execute()
      return { id: s[0].id, roles: s.map((g) => ({ role: g.role, agencyId: g.agency_id })) }
    }
    await performTransition(db, {
      dossierCode: code,
      action: 'receive',
      actor: await actor('reception.stp@example.gov.vn'),
    })
    const specialist = await actor('specialist.stp@example.gov.vn')
    await performTransition(db, {
      dossierCode: code,
      action: 'assign',
      actor: await actor('reception.stp@example.gov.vn'),
      data: { assigneeId: specialist.id },
    })
    return code!
  } finally {
    await db.destroy()
  }
}

test('the specialist drafts, the approver signs, the citizen downloads it, and the public check tells a genuine file from a changed one', async ({
  page,
  checkA11y,
}, info) => {
  const person = newPerson(`result-${info.project.name}`)
  const code = await assignedJudicial(person)
  const dossierPath = `/officer/dossiers/${code}`

  // The specialist fills the template's fields and proposes.
  await signInAs(
    page,
    checkA11y,
    { email: 'specialist.stp@example.gov.vn', password: staffPassword },
    dossierPath,
  )
  await checkA11y()
  await page.getByLabel('Tình trạng án tích').fill('Không có án tích')
  await page.getByLabel('Ý kiến đề xuất').fill('Đủ điều kiện cấp Phiếu số 1')
  await page.getByRole('button', { name: 'Trình phê duyệt' }).click()
  await expect(page.getByText('Đã trình lãnh đạo phê duyệt.')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Xem dự thảo 1 (PDF)' })).toBeVisible()
  await checkA11y()

  // The approver sees the draft before deciding, and approves: the result is numbered and signed.
  await signInAs(
    page,
    checkA11y,
    { email: 'approver.stp@example.gov.vn', password: staffPassword },
    dossierPath,
  )
  await checkA11y()
  const draftLink = page.getByRole('link', { name: 'Xem dự thảo 1 (PDF)' }).first()
  const draft = await page.request.get((await draftLink.getAttribute('href'))!)
  expect(draft.headers()['content-type']).toBe('application/pdf')
  await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click()
  await expect(page.locator('.notice--success').getByText(/^Đã phê duyệt\./)).toBeVisible()
  const results = page.getByRole('region', { name: 'Kết quả giải quyết' })
  await expect(results.getByText(/^\d{6}\/\d{4}\/LLTP-STP$/)).toBeVisible()
  await expect(results.getByText('Còn hiệu lực')).toBeVisible()
  await checkA11y()

  // The citizen downloads the signed result from their dossier page.
  await signInAs(page, checkA11y, { email: person.email, password: person.password }, `/dossiers/${code}`)
  await checkA11y()
  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: /^Tải xuống Kết quả giải quyết/ }).click()
  const download = await downloading
  const file = await download.path()
  const { readFile } = await import('node:fs/promises')
  const signed = await readFile(file)
  expect(signed.subarray(0, 5).toString()).toBe('%PDF-')

  // Anyone checks it on the public page: the genuine file is valid, a changed one is not.
  await page.context().clearCookies()
  await page.goto('/verify')
  await checkA11y()
  await page
    .getByLabel('Tệp PDF')
    .setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: signed })
  await page.getByRole('button', { name: 'Kiểm tra' }).click()
  await expect(page.getByRole('status')).toHaveText(/^Hợp lệ: chữ ký số đúng/)
  await checkA11y()
  await page.getByRole('link', { name: 'Xem trang xác thực của kết quả' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Xác thực kết quả giải quyết thủ tục hành chính',
  )
  await expect(page.getByText('Kết quả này do Cổng Dịch vụ công cấp và còn hiệu lực.')).toBeVisible()
  await expect(page.getByText(code, { exact: true })).toBeVisible()
  await checkA11y()

  const changed = Buffer.from(signed)
  changed[changed.indexOf('/Producer') + 3] ^= 1
  await page.goto('/verify')
  await page
    .getByLabel('Tệp PDF')
    .setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: changed })
  await page.getByRole('button', { name: 'Kiểm tra' }).click()
  await expect(page.getByRole('status')).toHaveText(
    'Không hợp lệ: Tệp đã bị thay đổi sau khi ký: nội dung không khớp với chữ ký số.',
  )
  await checkA11y()
})
