import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, newPerson, test } from './fixtures'
import { e2eDatabase, submitAndConfirm, upload } from './journeys'

/**
 * The citizen's document store (issue 15 §3) in the browser, in both projects (with and without JavaScript), axe
 * on every page: the citizen finds the driving licence issued to them in /documents, and a second exchange of
 * the licence takes it from the store instead of an upload and is filed. The first dossier, completed with its
 * result, and the second draft's e-form answers are set up in the e2e server's database (the officers' steps
 * and the e-form are tested elsewhere).
 */
test.describe.configure({ timeout: 300_000 })
test.use({ actionTimeout: 20_000 })

const DRIVING = '1.002804.000.00.00.H56'

test('the citizen finds their result in /documents, and a second dossier reuses it instead of an upload', async ({
  page,
  checkA11y,
}) => {
  const { hashPassword } = await import('../../app/modules/auth/password.server')
  const { drivingDraft, issuedLicence } = await import('../setup/document-store')
  const person = newPerson('store')
  const db = await e2eDatabase()
  const root = path.resolve('.data/e2e-uploads')
  const put = async (key: string, bytes: Buffer) => {
    const file = path.join(root, ...key.split('/'))
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, bytes)
  }
  const issued = await (async () => {
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
    const licence = await issuedLicence(db, put, user.id)
    await drivingDraft(db, user.id)
    return licence
  })().finally(() => db.destroy())

  // The store lists the licence issued to them, as a result, with the dossier it came from.
  await page.goto(`/login?redirectTo=${encodeURIComponent('/documents')}`)
  await checkA11y()
  await page.getByLabel('Địa chỉ thư điện tử').fill(person.email)
  await page.getByLabel('Mật khẩu').fill(person.password)
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
  await expect(page).toHaveURL(/\/documents$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kho dữ liệu của tôi')
  const row = page.getByRole('row').filter({ hasText: 'giay-phep-lai-xe.pdf' })
  await expect(row).toContainText('Kết quả giải quyết: Cấp đổi giấy phép lái xe')
  await expect(row).toContainText(issued.code)
  await expect(page.getByRole('link', { name: 'Kho dữ liệu của tôi' })).toHaveAttribute(
    'aria-current',
    'page',
  )
  await checkA11y()

  // The second exchange: the current licence comes from the store, no upload.
  await page.goto(`/procedures/${DRIVING}/apply/documents`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Giấy tờ đính kèm')
  await checkA11y()
  const slot = page.getByRole('region', { name: /Giấy phép lái xe đang sử dụng/ })
  const fromStore = slot.getByRole('group', { name: 'Dùng từ kho dữ liệu của tôi' })
  await fromStore.getByRole('radio', { name: /giay-phep-lai-xe\.pdf — Kết quả giải quyết/ }).check()
  await slot.getByRole('button', { name: 'Dùng giấy tờ đã chọn từ kho' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'Đã dùng giấy tờ từ kho dữ liệu của bạn.' }),
  ).toBeVisible()
  await expect(slot.getByText('giay-phep-lai-xe.pdf (', { exact: false })).toContainText(
    'dùng lại từ kho dữ liệu của bạn',
  )
  await checkA11y()

  // The request form has no kind: it is uploaded as always.
  await upload(page, checkA11y, /Chọn tệp cho: Đơn đề nghị đổi giấy phép lái xe/, 'don-de-nghi-doi-gplx.pdf')
  await page.getByRole('link', { name: 'Tiếp tục' }).click()
  await expect(page.getByText(/Đã hoàn thành 5 trên 5 phần/)).toBeVisible()
  await checkA11y()
  const code = await submitAndConfirm(page, checkA11y)
  expect(code).not.toBe(issued.code)

  // The filed dossier lists the licence as taken from the store.
  await page.goto(`/dossiers/${code}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hồ sơ ${code}`)
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Giấy phép lái xe đang sử dụng' }).first(),
  ).toContainText('dùng lại từ kho dữ liệu của bạn')
  await checkA11y()
})
