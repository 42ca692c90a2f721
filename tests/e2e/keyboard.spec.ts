import type { Locator, Page } from '@playwright/test'
import { confirmationPath, expect, newPerson, test } from './fixtures'
import { pdf } from './journeys'

/**
 * Accessibility beyond axe (issue 13): the citizen journey — register → file the judicial-record certificate
 * (level 4, 200 000 ₫ due at submission) → pay on the mock gateway's page → follow the dossier — with the
 * keyboard alone. The test finds elements only to ask what has focus: it moves with Tab (and the skip link),
 * types with the keyboard, chooses with Space and the arrow keys, submits with Enter. Every element that takes
 * focus on the way must show it (an outline or a box shadow), and after every navigation the first Tab must land
 * on the skip link (focus is never left stranded in the page that went away). Axe checks every page.
 */
test.describe.configure({ timeout: 480_000 })

type Check = () => Promise<void>

/** What has focus must be an element (not <body>) that draws an outline or a shadow. */
async function expectFocusVisible(page: Page) {
  const focus = await page.evaluate(() => {
    const el = document.activeElement
    if (!el || el === document.body) return { body: true, visible: false, what: 'body' }
    const style = getComputedStyle(el)
    // Tab also stops inside a date field (day, month, year, the calendar button: the browser's own parts, whose
    // focus styles the page cannot reach); the field itself was checked when Tab first reached it.
    if (el instanceof HTMLInputElement && el.type === 'date' && !el.matches(':focus-visible')) {
      return { body: false, visible: true, what: 'date part' }
    }
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== ''
    return {
      body: false,
      visible: outline || shadow,
      what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`,
    }
  })
  expect(focus.body, 'focus lost to <body>').toBe(false)
  expect(focus.visible, `focus not visible on ${focus.what}`).toBe(true)
}

const isFocused = (target: Locator) =>
  target.evaluate((el) => el === document.activeElement).catch(() => false)

/** Presses Tab (or Shift+Tab) until `target` has focus, checking the focus is visible at every stop. */
async function tabTo(page: Page, target: Locator, { back = false, max = 40 } = {}) {
  await expect(target).toBeVisible()
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
    await expectFocusVisible(page)
    if (await isFocused(target)) {
      await expect(target).toBeFocused()
      return
    }
  }
  throw new Error(`${String(target)} not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`)
}

/**
 * After a page has loaded (or a client navigation ended): axe, then the first Tab must reach the skip link and
 * Enter on it must move focus to the main content, from where the next Tab goes on.
 */
async function arrive(page: Page, checkA11y: Check) {
  await checkA11y()
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Chuyển đến nội dung chính' })
  await expect(skip, 'the first Tab after a navigation reaches the skip link').toBeFocused()
  await expectFocusVisible(page)
  await page.keyboard.press('Enter')
  await expect(page.locator('#main')).toBeFocused()
}

/** Tabs to a text field, replaces what it holds with `value`, typed. */
async function type(page: Page, field: Locator, value: string) {
  await tabTo(page, field)
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('Delete')
  await page.keyboard.type(value)
  await expect(field).toHaveValue(value)
}

/** Tabs to a link or button and presses Enter. */
async function activate(page: Page, control: Locator) {
  await tabTo(page, control)
  await page.keyboard.press('Enter')
}

/** Tabs into the radio group of `radio` and moves with the arrow keys until it is chosen. */
async function choose(page: Page, radio: Locator) {
  const name = await radio.getAttribute('name')
  const count = await page.locator(`input[type=radio][name="${name}"]`).count()
  await expect(radio).toBeVisible()
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab')
    await expectFocusVisible(page)
    if (await page.evaluate((n) => (document.activeElement as HTMLInputElement).name === n, name)) break
  }
  for (let i = 0; i <= count && !(await isFocused(radio)); i++) {
    await page.keyboard.press('ArrowDown')
    await expectFocusVisible(page)
  }
  await expect(radio).toBeFocused()
  if (!(await radio.isChecked())) await page.keyboard.press('Space')
  await expect(radio).toBeChecked()
}

/** Tabs to a file input, opens the chooser with Space, picks a small PDF, then Tabs to its upload button. */
async function upload(page: Page, checkA11y: Check, label: RegExp, name: string) {
  const input = page.getByLabel(label)
  // from the upload button of the last file, the next slot is back up the form
  const before = await input.evaluate(
    (el) => !!document.activeElement && !!(document.activeElement.compareDocumentPosition(el) & 2),
  )
  await tabTo(page, input, { back: before })
  const chooser = page.waitForEvent('filechooser')
  await page.keyboard.press('Space')
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: pdf })
  await activate(page, input.locator('xpath=ancestor::form').getByRole('button', { name: 'Tải lên' }))
  await expect(page.getByText(name)).toBeVisible()
  // The same page, updated in place: focus stays on the button pressed (it is never disabled while sending).
  await checkA11y()
  await expect(input.locator('xpath=ancestor::form').getByRole('button', { name: 'Tải lên' })).toBeFocused()
  await expectFocusVisible(page)
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 })
const saveAndContinue = (page: Page) => page.getByRole('button', { name: 'Lưu và tiếp tục' })

test('the citizen journey with the keyboard alone: register, file, pay on the gateway page, follow', async ({
  page,
  checkA11y,
}, info) => {
  const person = newPerson(`kbd-${info.project.name}`)

  // Register, from the home page's header.
  await page.goto('/')
  await arrive(page, checkA11y)
  // The header comes before the main content: back from it.
  await tabTo(page, page.getByRole('link', { name: 'Đăng ký', exact: true }), { back: true })
  await page.keyboard.press('Enter')
  await expect(heading(page)).toHaveText(/Đăng ký/)
  await arrive(page, checkA11y)
  await type(page, page.getByLabel('Họ và tên'), person.fullName)
  await type(page, page.getByLabel('Địa chỉ thư điện tử'), person.email)
  await type(page, page.getByLabel('Số điện thoại di động'), person.phone)
  await type(page, page.getByLabel('Số căn cước công dân'), person.citizenId)
  await type(page, page.getByLabel('Mật khẩu'), person.password)
  await activate(page, page.getByRole('button', { name: 'Tạo tài khoản' }))
  await expect(heading(page)).toHaveText('Hãy kiểm tra hộp thư')
  await arrive(page, checkA11y)

  // The letter's link, opened as from the inbox; activate, then sign in.
  await page.goto(await confirmationPath(person.email))
  await arrive(page, checkA11y)
  await activate(page, page.getByRole('button', { name: 'Kích hoạt tài khoản' }))
  await expect(page.getByText('Địa chỉ thư điện tử đã được xác nhận')).toBeVisible()
  await arrive(page, checkA11y)
  await type(page, page.getByLabel('Địa chỉ thư điện tử'), person.email)
  await type(page, page.getByLabel('Mật khẩu'), person.password)
  await activate(page, page.getByRole('button', { name: 'Đăng nhập', exact: true }))
  await expect(page.getByText(`Đang đăng nhập: ${person.fullName}`)).toBeVisible()
  await arrive(page, checkA11y)

  // Find the procedure through the header's navigation and the search.
  await tabTo(page, page.getByRole('link', { name: 'Thủ tục hành chính', exact: true }), { back: true })
  await page.keyboard.press('Enter')
  await expect(heading(page)).toHaveText(/Thủ tục/)
  await arrive(page, checkA11y)
  await tabTo(page, page.getByRole('searchbox').or(page.getByRole('textbox')).first())
  await page.keyboard.type('ly lich tu phap')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/q=ly\+lich\+tu\+phap/)
  await arrive(page, checkA11y)
  await activate(page, page.getByRole('link', { name: 'Cấp Phiếu lý lịch tư pháp' }))
  await expect(heading(page)).toHaveText('Cấp Phiếu lý lịch tư pháp')
  await arrive(page, checkA11y)
  await activate(page, page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }))
  await expect(page.getByRole('button', { name: 'Bắt đầu' })).toBeVisible()
  await arrive(page, checkA11y)
  await activate(page, page.getByRole('button', { name: 'Bắt đầu' }))
  await expect(page.getByText('Đã hoàn thành 0 trên 4 phần.')).toBeVisible()
  await arrive(page, checkA11y)

  // The applicant.
  await activate(page, page.getByRole('link', { name: 'Người yêu cầu cấp Phiếu' }))
  await expect(page.getByLabel('Họ, chữ đệm và tên')).toBeVisible()
  await arrive(page, checkA11y)
  await type(page, page.getByLabel('Họ, chữ đệm và tên'), person.fullName)
  await choose(page, page.getByRole('radio', { name: 'Nữ' }))
  const born = page.getByLabel('Ngày, tháng, năm sinh')
  await tabTo(page, born)
  // Day and month equal: the same date whichever order the browser's date field takes them in.
  await page.keyboard.type('05051990')
  await expect(born).toHaveValue('1990-05-05')
  await type(page, page.getByLabel('Nơi sinh'), 'Hà Nội')
  await type(page, page.getByLabel('Quốc tịch'), 'Việt Nam')
  await type(page, page.getByLabel('Dân tộc'), 'Kinh')
  await type(page, page.getByLabel('Số định danh cá nhân (số căn cước công dân)'), person.citizenId)
  await type(page, page.getByLabel('Số điện thoại di động'), person.phone)
  const home = page.getByRole('group', { name: 'Nơi thường trú' })
  await type(page, home.getByLabel('Tỉnh/Thành phố'), 'Hà Nội')
  await type(page, home.getByLabel('Quận/Huyện'), 'Ba Đình')
  await type(page, home.getByLabel('Phường/Xã'), 'Phúc Xá')
  await type(page, home.getByLabel('Số nhà, tên đường'), '12 Hàng Gà')
  await activate(page, saveAndContinue(page))

  // What is asked.
  await expect(heading(page)).toHaveText('Nội dung yêu cầu')
  await arrive(page, checkA11y)
  await choose(page, page.getByRole('radio', { name: 'Phiếu lý lịch tư pháp số 1' }))
  await choose(
    page,
    page.getByRole('group', { name: /Yêu cầu xác nhận nội dung cấm/ }).getByRole('radio', { name: 'Không' }),
  )
  await type(page, page.getByLabel('Mục đích sử dụng Phiếu'), 'Bổ sung hồ sơ xin việc')
  await type(page, page.getByLabel('Số lượng Phiếu yêu cầu cấp'), '1')
  await choose(page, page.getByRole('radio', { name: 'Không', exact: true }).last())
  await activate(page, saveAndContinue(page))
  await expect(page.getByText('Đã hoàn thành 2 trên 4 phần.')).toBeVisible()
  await arrive(page, checkA11y)

  // The documents: the file chooser opened from the keyboard.
  await activate(page, page.getByRole('link', { name: 'Giấy tờ đính kèm' }))
  await expect(page.getByRole('button', { name: 'Tải lên' }).first()).toBeVisible()
  await arrive(page, checkA11y)
  await upload(page, checkA11y, /Chọn tệp cho: Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp/, 'to-khai.pdf')
  await upload(page, checkA11y, /Chọn tệp cho: .*(căn cước|CCCD|giấy tờ tùy thân)/i, 'can-cuoc.pdf')
  await activate(page, page.getByRole('link', { name: 'Tiếp tục' }))
  await expect(page.getByRole('link', { name: 'Cách nhận kết quả' })).toBeVisible()
  await arrive(page, checkA11y)

  // How the result is received.
  await activate(page, page.getByRole('link', { name: 'Cách nhận kết quả' }))
  await expect(page.getByRole('radio', { name: 'Nhận trực tuyến trên Cổng Dịch vụ công' })).toBeVisible()
  await arrive(page, checkA11y)
  await choose(page, page.getByRole('radio', { name: 'Nhận trực tuyến trên Cổng Dịch vụ công' }))
  await activate(page, saveAndContinue(page))
  await expect(page.getByText('Đã hoàn thành 4 trên 4 phần.')).toBeVisible()
  await arrive(page, checkA11y)

  // Check, declare, submit.
  await activate(page, page.getByRole('link', { name: 'Kiểm tra và nộp hồ sơ' }))
  await expect(heading(page)).toHaveText('Kiểm tra lại trước khi nộp')
  await arrive(page, checkA11y)
  const declare = page.getByLabel('Tôi đồng ý với lời cam đoan trên')
  await tabTo(page, declare)
  await page.keyboard.press('Space')
  await expect(declare).toBeChecked()
  await activate(page, page.getByRole('button', { name: 'Nộp hồ sơ' }))
  await expect(heading(page)).toHaveText('Đã nộp hồ sơ')
  await expect(page.getByText('Hồ sơ đang chờ thanh toán phí, lệ phí 200.000 ₫')).toBeVisible()
  await arrive(page, checkA11y)
  const code = (await page.locator('.dossier-code').textContent())!.trim()
  expect(code).toMatch(/^[A-Z0-9]+-\d{6}-\d{4}$/)

  // Pay: the dossier, the payment page, the gateway's card page.
  await activate(page, page.getByRole('link', { name: 'Xem hồ sơ' }))
  await expect(heading(page)).toHaveText(`Hồ sơ ${code}`)
  await arrive(page, checkA11y)
  await activate(page, page.getByRole('link', { name: 'Thanh toán trực tuyến' }))
  await expect(heading(page)).toHaveText('Thanh toán phí, lệ phí')
  await arrive(page, checkA11y)
  await choose(page, page.getByRole('radio', { name: /Thẻ ngân hàng/ }))
  await activate(page, page.getByRole('button', { name: /^Thanh toán 200\.000/ }))
  await expect(heading(page)).toHaveText('Thanh toán bằng thẻ')
  await arrive(page, checkA11y)
  const card = page.getByLabel('Số thẻ')
  await tabTo(page, card)
  await page.keyboard.type('4242 4242 4242 4242')
  await activate(page, page.getByRole('button', { name: /^Thanh toán 200\.000/ }))
  await expect(heading(page)).toHaveText('Kết quả thanh toán')
  // Paid once the gateway's verified webhook has arrived: reload (F5, which the page never sees) until then.
  await expect(async () => {
    if (!(await page.getByText('Thanh toán thành công.').isVisible())) await page.reload()
    await expect(page.getByText('Thanh toán thành công.')).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 30_000 })
  await arrive(page, checkA11y)

  // Follow: my dossiers, then the dossier, now waiting for reception with the fee paid.
  await tabTo(page, page.getByRole('link', { name: 'Hồ sơ của tôi', exact: true }).first(), { back: true })
  await page.keyboard.press('Enter')
  await expect(page.getByRole('row', { name: new RegExp(code) })).toContainText('Chờ tiếp nhận')
  await arrive(page, checkA11y)
  await activate(
    page,
    page
      .getByRole('row', { name: new RegExp(code) })
      .getByRole('link')
      .first(),
  )
  await expect(heading(page)).toHaveText(`Hồ sơ ${code}`)
  await expect(page.locator('.status').first()).toHaveText('Chờ tiếp nhận')
  await arrive(page, checkA11y)
  await activate(page, page.getByRole('link', { name: 'Xem biên lai' }))
  await expect(heading(page)).toHaveText('Biên lai thu phí, lệ phí')
  await arrive(page, checkA11y)
})
