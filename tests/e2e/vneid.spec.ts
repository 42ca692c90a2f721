import { expect, test } from './fixtures'
import { submitAndConfirm, upload } from './journeys'

// A whole journey with an axe check on every page, the provider's pages included.
test.describe.configure({ timeout: 240_000 })

const JUDICIAL = '2.001417.000.00.00.H56'

test('a citizen signs in with VNeID (demo) and the judicial-record e-form fills itself', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/login')
  await checkA11y()
  await page.getByRole('button', { name: 'Đăng nhập bằng VNeID' }).click()

  // The provider's own sign-in and consent page (VNeID (demo), oidc-provider on its loopback port).
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Đăng nhập bằng tài khoản định danh điện tử',
  )
  await checkA11y()
  await page.getByRole('radio', { name: 'Trần Thị Bình — số định danh 001192004567 — mức 2' }).check()
  await expect(page.getByText('Số định danh cá nhân và mức định danh')).toBeVisible()
  await page.getByRole('button', { name: 'Đồng ý và đăng nhập' }).click()

  // Back on the portal, signed in: the account says how, and at which level.
  await expect(page).toHaveURL(/\/$/)
  await checkA11y()
  await page.goto('/account')
  await expect(page.getByText('VNeID, định danh điện tử mức 2')).toBeVisible()
  await checkA11y()

  await page.goto(`/procedures/${JUDICIAL}/apply`)
  await checkA11y()
  await page.getByRole('button', { name: 'Bắt đầu' }).click()
  await expect(page.getByText('Đã hoàn thành 0 trên 4 phần.')).toBeVisible()
  await checkA11y()

  await page.getByRole('link', { name: 'Người yêu cầu cấp Phiếu' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Người yêu cầu cấp Phiếu')
  // Name, identification number, date of birth and address: filled from VNeID and locked, with the source said.
  const locked = [
    [page.getByLabel('Họ, chữ đệm và tên'), 'Trần Thị Bình'],
    [page.getByLabel('Số định danh cá nhân (số căn cước công dân)'), '001192004567'],
    [page.getByLabel('Ngày, tháng, năm sinh'), '1992-03-15'],
    [page.getByLabel('Tỉnh/Thành phố').first(), 'Thành phố Hà Nội'],
    [page.getByLabel('Quận/Huyện').first(), 'Quận Ba Đình'],
    [page.getByLabel('Phường/Xã').first(), 'Phường Phúc Xá'],
    [page.getByLabel('Số nhà, tên đường').first(), '5 Hàng Gà'],
  ] as const
  for (const [input, value] of locked) {
    await expect(input).toHaveValue(value)
    await expect(input).toHaveAttribute('readonly', '')
  }
  await expect(page.getByText(/Lấy từ VNeID \(định danh điện tử mức 2, xác thực lúc/).first()).toBeVisible()
  await checkA11y()
  await page.getByLabel('Nơi sinh').fill('Hà Nội')
  await page.getByLabel('Quốc tịch').fill('Việt Nam')
  await page.getByLabel('Dân tộc').fill('Kinh')
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nội dung yêu cầu')
  await checkA11y()
  await page.getByRole('radio', { name: 'Phiếu lý lịch tư pháp số 1' }).check()
  await page
    .getByRole('group', { name: /Yêu cầu xác nhận nội dung cấm/ })
    .getByRole('radio', { name: 'Không' })
    .check()
  await page.getByLabel('Mục đích sử dụng Phiếu').fill('Bổ sung hồ sơ xin việc')
  await page.getByLabel('Số lượng Phiếu yêu cầu cấp').fill('1')
  await page.getByRole('radio', { name: 'Không', exact: true }).last().check()
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()
  await expect(page.getByText('Đã hoàn thành 2 trên 4 phần.')).toBeVisible()
  await checkA11y()

  await page.getByRole('link', { name: 'Giấy tờ đính kèm' }).click()
  await checkA11y()
  await upload(page, checkA11y, /Chọn tệp cho: Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp/, 'to-khai.pdf')
  await upload(page, checkA11y, /Chọn tệp cho: .*(căn cước|CCCD|giấy tờ tùy thân)/i, 'can-cuoc.pdf')
  await page.getByRole('link', { name: 'Tiếp tục' }).click()
  await page.getByRole('link', { name: 'Cách nhận kết quả' }).click()
  await checkA11y()
  await page.getByRole('radio', { name: 'Nhận trực tuyến trên Cổng Dịch vụ công' }).check()
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()
  await expect(page.getByText('Đã hoàn thành 4 trên 4 phần.')).toBeVisible()
  await checkA11y()

  // The check page shows the verified answers; the dossier is filed.
  const code = await submitAndConfirm(page, checkA11y)
  expect(code).toMatch(/^STP-/)
})
