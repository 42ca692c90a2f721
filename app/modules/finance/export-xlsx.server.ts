import ExcelJS from 'exceljs'
import { safeCell, type ExportColumn } from '../../utils/csv'

/** The same export as an XLSX workbook (exceljs), one sheet; text cells made formula-safe as in the CSV. */
export async function toXlsx<Row>(
  rows: readonly Row[],
  columns: readonly ExportColumn<Row>[],
  sheetName: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.created = new Date(0)
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || 'Sheet1')
  sheet.addRow(columns.map((c) => safeCell(c.header)))
  sheet.getRow(1).font = { bold: true }
  for (const row of rows) sheet.addRow(columns.map((c) => safeCell(c.value(row))))
  sheet.columns.forEach((column) => {
    column.width = 18
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
