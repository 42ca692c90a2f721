import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { expect, test } from './fixtures'
import { e2eDatabase, signInAs } from './journeys'

const password = 'CanBo@2026'
const clerk = { email: 'finance.stp@example.gov.vn', password }
const second = { email: 'finance2.stp@example.gov.vn', password }

/** Today's VNPay merchant report with one line for an order the portal never opened (a fresh reference each run). */
function vnpayReport() {
  const ref = crypto.randomUUID().replaceAll('-', '')
  const no = String(Date.now()).slice(-8)
  const payDate = new Date(Date.now() + 7 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14)
  return {
    no,
    text: `TxnRef,TransactionNo,Amount,BankCode,PayDate,TransactionType,TransactionStatus\n${ref},${no},150000,NCB,${payDate},01,00\n`,
  }
}

test('a finance clerk imports the VNPay report, resolves an exception with a second clerk, closes a day and exports it', async ({
  page,
  checkA11y,
}) => {
  test.setTimeout(300_000)
  // Reflow (WCAG 1.4.10): each page at 320 CSS px has no sideways scrolling; axe runs at the default width.
  const noSideways = async () => {
    const size = page.viewportSize()!
    await page.setViewportSize({ width: 320, height: 800 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    await page.setViewportSize(size)
  }

  await signInAs(page, checkA11y, clerk, '/finance')
  await noSideways()
  await checkA11y()
  await page.getByRole('link', { name: 'Mở trang đối soát' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đối soát')
  await noSideways()
  await checkA11y()

  const report = vnpayReport()
  await page.getByLabel('Báo cáo giao dịch merchant VNPay').check()
  await page.getByLabel('Tệp báo cáo (CSV)').setInputFiles({
    name: 'vnpay-today.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(report.text),
  })
  await page.getByRole('button', { name: 'Nhập tệp' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Đã nhập 1 dòng quyết toán' })).toBeVisible()
  await checkA11y()
  await page.getByRole('button', { name: 'Đối soát ngay' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Đã đối soát' })).toBeVisible()
  await checkA11y()

  await page.goto('/finance/reconciliation/exceptions?class=missing_in_portal')
  await noSideways()
  await checkA11y()
  const rows = page.getByRole('row').filter({ hasText: '150.000' })
  await expect(rows.first()).toBeVisible()
  await page.goto('/finance/reconciliation/exceptions?class=missing_in_portal&provider=vnpay')
  await checkA11y()
  // Our line's exception (found through the e2e database: the queue lists every clerk's earlier runs too).
  const db = await e2eDatabase()
  const item = await db
    .selectFrom('reconciliation_items as i')
    .innerJoin('settlement_lines as l', 'l.id', 'i.settlement_line_id')
    .select('i.id')
    .where('l.line_id', 'like', `%${report.no}%`)
    .executeTakeFirstOrThrow()
  await db.destroy()
  await page.goto(`/finance/reconciliation/exceptions/${item.id}`)
  const exceptionUrl = page.url()
  await noSideways()
  await checkA11y()
  await page.getByLabel('Xóa sổ (kèm ghi chú)').check()
  await page
    .getByLabel('Lý do (lưu trong nhật ký)')
    .fill('Giao dịch của điểm bán khác, đã đối chiếu với VNPay')
  await page.getByRole('button', { name: 'Xử lý', exact: true }).click()
  await expect(page.getByText('Cán bộ tài chính khác phải duyệt đề nghị của bạn.')).toBeVisible()
  await checkA11y()

  await signInAs(page, checkA11y, second, new URL(exceptionUrl).pathname)
  await checkA11y()
  await page.getByRole('button', { name: 'Duyệt và thực hiện' }).click()
  await expect(page.getByText(/^Đã xử lý: /)).toBeVisible()
  await expect(page.getByRole('list').filter({ hasText: 'duyệt' }).last()).toContainText('đề nghị')
  await checkA11y()

  // A past day of STP (a different one each run: a closed day stays closed).
  const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(Math.random() * 600) * 86_400_000)
    .toISOString()
    .slice(0, 10)
  await page.goto(`/finance/reconciliation/days/${day}?agency=STP`)
  await noSideways()
  await checkA11y()
  await page.getByRole('link', { name: 'Khóa sổ ngày…' }).click()
  await checkA11y()
  await page.getByRole('button', { name: 'Đồng ý khóa sổ' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Đã khóa sổ bởi' })).toBeVisible()
  await checkA11y()

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải dữ liệu ngày (CSV)' }).click(),
  ])
  const csvBytes = await readFile((await csv.path())!)
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(csvBytes.toString('utf8')).toContain('Ngày làm việc')
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải dữ liệu ngày (XLSX)' }).click(),
  ])
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await readFile((await xlsx.path())!)).buffer as ArrayBuffer)
  expect(book.worksheets[0].getRow(1).getCell(1).value).toBe('Ngày làm việc')
})
