import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { writeAudit } from '../admin/audit.server'

/**
 * Ledger codes: the accounts' code for each procedure and fee kind, set by administrators (audited) and printed
 * on every finance export line. A code is 1–32 letters, digits, dots or dashes (checked by the database too).
 */
export type FeeKind = 'submission' | 'assessed' | 'counter'
export const ledgerCodePattern = /^[0-9A-Za-z.-]{1,32}$/

export async function ledgerCodes(db: Kysely<Database>) {
  return db
    .selectFrom('procedures as p')
    .leftJoin('ledger_codes as lc', 'lc.procedure_id', 'p.id')
    .select(['p.id as procedure_id', 'p.code as procedure_code', 'lc.fee_kind', 'lc.code', 'lc.updated_at'])
    .orderBy('p.code')
    .orderBy('lc.fee_kind')
    .execute()
}

/** Sets (or replaces) one code; `code` null removes it. Throws RangeError on a code outside the pattern. */
export async function setLedgerCode(
  db: Kysely<Database>,
  input: { actorId: string; procedureId: string; feeKind: FeeKind; code: string | null },
): Promise<void> {
  const code = input.code?.trim() || null
  if (code !== null && !ledgerCodePattern.test(code)) throw new RangeError(`ledger code ${code} not allowed`)
  await db.transaction().execute(async (trx) => {
    const procedure = await trx
      .selectFrom('procedures')
      .select(['code', 'agency_id'])
      .where('id', '=', input.procedureId)
      .executeTakeFirstOrThrow()
    if (code === null) {
      await trx
        .deleteFrom('ledger_codes')
        .where('procedure_id', '=', input.procedureId)
        .where('fee_kind', '=', input.feeKind)
        .execute()
    } else {
      await trx
        .insertInto('ledger_codes')
        .values({ procedure_id: input.procedureId, fee_kind: input.feeKind, code, updated_by: input.actorId })
        .onConflict((oc) =>
          oc
            .columns(['procedure_id', 'fee_kind'])
            .doUpdateSet({ code, updated_by: input.actorId, updated_at: new Date() }),
        )
        .execute()
    }
    await writeAudit(trx, {
      actorId: input.actorId,
      agencyId: procedure.agency_id,
      action: 'ledger_code.set',
      target: `${procedure.code} · ${input.feeKind}`,
      data: { code },
    })
  })
}
