import { Readable } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importSettlementFile, type ImportFileResult } from '../../app/modules/finance/import-file.server'
import { createTestDb } from '../setup/db'

/**
 * The settlement file import reads a file by a fast path (cheap tests and casts, one statement) and falls back to
 * the checked path (every check, the per-line report) for anything the fast tests cannot vouch for. The two must
 * agree: the same lines, to the same values, for every file the checked path accepts; and the fast path must never
 * accept a file the checked path refuses.
 */

let t: Awaited<ReturnType<typeof createTestDb>>
beforeAll(async () => {
  t = await createTestDb()
})
afterAll(async () => {
  await t?.drop()
})

const header = 'TxnRef,TransactionNo,Amount,BankCode,PayDate,TransactionType,TransactionStatus'
const hex = (n: number) => n.toString(16).padStart(32, '0')

function upload(text: string, checkedPath = false): Promise<ImportFileResult> {
  return importSettlementFile(t.db, {
    provider: 'vnpay',
    fileName: 'vnpay.csv',
    body: Readable.from([Buffer.from(text)]),
    importedBy: null,
    checkedPath,
  })
}

/** The lines an import wrote, without what differs by construction (ids), then forgotten again. */
async function takeLines(importId: string) {
  const rows = await sql<Record<string, unknown>>`
    SELECT provider, line_id, our_reference, attempt_ref, transaction_id, refund_ref, type, gross, fee, net,
           currency, settled_at, payout_id, bank_code, raw, cells
      FROM settlement_lines WHERE import_id = ${importId} ORDER BY line_id`.execute(t.db)
  const imp = await sql<Record<string, unknown>>`
    SELECT line_count, new_lines, period_from, period_to, columns FROM settlement_imports WHERE id = ${importId}`.execute(
    t.db,
  )
  await sql`DELETE FROM settlement_lines WHERE import_id = ${importId}`.execute(t.db)
  await sql`DELETE FROM settlement_imports WHERE id = ${importId}`.execute(t.db)
  return { lines: rows.rows, import: imp.rows[0] }
}

async function bothPaths(text: string) {
  const checked = await upload(text, true)
  const checkedRows = checked.status === 'imported' ? await takeLines(checked.importId) : null
  if (checked.status === 'rejected') await sql`DELETE FROM settlement_imports`.execute(t.db)
  const fast = await upload(text)
  const fastRows = fast.status === 'imported' ? await takeLines(fast.importId) : null
  if (fast.status === 'rejected') await sql`DELETE FROM settlement_imports`.execute(t.db)
  return { checked, fast, checkedRows, fastRows }
}

describe('settlement file import: the fast path and the checked path agree', () => {
  it('a plain file takes the fast path and reads to the same lines as the checked path', async () => {
    const text = [
      header,
      `${hex(1)},81000001,200000,NCB,20261130101010,01,00`,
      // upper-case hex, a dashed uuid, cells with spaces around, a refund, an unknown short reference
      `${hex(2).toUpperCase()},81000002,150000,VCB,20261130235959,01,00`,
      `12345678-1234-4234-8234-123456789abc,81000003,90000, ,20260228000000,payment,00`,
      ` ${hex(4)} , 81000004 , 70000 ,NCB, 20261130101011 ,02,00`,
      `ORDER-77,81000005,50000,NCB,20261130101012,refund,00`,
      // listed, not settled (a failed payment): not a line, but still checked
      `${hex(6)},81000006,50000,NCB,20261130101013,01,24`,
    ].join('\r\n')
    const { checked, fast, checkedRows, fastRows } = await bothPaths(text)
    expect(checked).toMatchObject({ status: 'imported', lineCount: 5, skippedRows: 1, path: 'checked' })
    expect(fast).toMatchObject({ status: 'imported', lineCount: 5, skippedRows: 1, path: 'fast' })
    expect(fastRows).toEqual(checkedRows)
    expect(fastRows!.lines).toHaveLength(5)
    expect(fastRows!.lines.find((l) => l.transaction_id === '81000005')).toMatchObject({
      our_reference: 'ORDER-77',
      attempt_ref: null,
      type: 'refund',
      gross: -50000,
    })
    expect(fastRows!.lines.find((l) => l.transaction_id === '81000002')).toMatchObject({
      attempt_ref: '00000000-0000-0000-0000-000000000002',
    })
    expect(fastRows!.import).toMatchObject({ columns: header.split(','), line_count: 5, new_lines: 5 })
  })

  it('what the fast tests cannot vouch for goes to the checked path, which still imports a good file', async () => {
    for (const row of [
      // a leading zero (an integer to the checks), a 33-character reference, a 20-digit transaction number
      `${hex(11)},82000001,0200000,NCB,20261130101010,01,00`,
      `${hex(12)}-,82000002,200000,NCB,20261130101010,01,00`,
      `${hex(13)},82000003123456789012,200000,NCB,20261130101010,01,00`,
      // 32 characters that are not hex: not an attempt reference, just an unknown one
      `${'z'.repeat(32)},82000004,200000,NCB,20261130101010,01,00`,
    ]) {
      const { checked, fast, checkedRows, fastRows } = await bothPaths(`${header}\n${row}\n`)
      expect(checked, row).toMatchObject({ status: 'imported', path: 'checked' })
      expect(fast, row).toMatchObject({ status: 'imported', path: 'checked' })
      expect(fastRows, row).toEqual(checkedRows)
    }
  })

  it('never accepts what the checks refuse: each bad cell still reported at its line and column', async () => {
    const good = `${hex(21)},83000001,200000,NCB,20261130101010,01,00`
    for (const [row, column] of [
      [`${hex(22)},83000002,200000,NCB,20260230101010,01,00`, 'PayDate'], // 30 February
      [`${hex(22)},83000002,200000,NCB,20261301101010,01,00`, 'PayDate'], // month 13
      [`${hex(22)},83000002,200000,NCB,20261130241010,01,00`, 'PayDate'], // hour 24
      [`${hex(22)},83000002,200000,NCB,20261130101060,01,00`, 'PayDate'], // second 60
      [`${hex(22)},83000002,200000,NCB,19991130101010,01,00`, 'PayDate'], // not 20xx
      [`${hex(22)},83000002,200000,NCB,20260230101010,01,24`, 'PayDate'], // not settled, still checked
      [`${hex(22)},83000002,+200000,NCB,20261130101010,01,00`, 'Amount'],
      [`${hex(22)},83000002,0,NCB,20261130101010,01,00`, 'Amount'],
      [`${hex(22)},83000002,-5,NCB,20261130101010,01,00`, 'Amount'],
      [`${hex(22)},83000002,0x1F,NCB,20261130101010,01,00`, 'Amount'],
      [`${hex(22)},83000002,1_000,NCB,20261130101010,01,00`, 'Amount'],
      [`${hex(22)},8300000a,200000,NCB,20261130101010,01,00`, 'TransactionNo'],
      [`${hex(22)},83000002,200000,NCB,20261130101010,07,00`, 'TransactionType'],
      [`${hex(22)},83000002,200000,NCB,20261130101010,01,0`, 'TransactionStatus'],
      [`${hex(22)},83000002,200000,${'B'.repeat(21)},20261130101010,01,00`, 'BankCode'],
      [`,83000002,200000,NCB,20261130101010,01,00`, 'TxnRef'],
    ]) {
      const { checked, fast } = await bothPaths(`${header}\n${good}\n${row}\n`)
      expect(checked.status, row).toBe('rejected')
      expect(fast.status, row).toBe('rejected')
      if (fast.status !== 'rejected') continue
      expect(fast.errors[0], row).toMatchObject({ line: 3, column })
    }
  })
})
