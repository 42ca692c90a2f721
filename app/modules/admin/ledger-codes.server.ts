import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema'
import { inAdminScope, type AdminScope } from './access.server'
import { writeAudit } from './audit.server'
import { NotInScopeError } from './errors'

/**
 * Ledger codes (issue 10 §4): the accounts' code for each procedure and fee kind, set by the administrators of
 * the procedure's agency and printed on every exported row. Scoped like the other admin pages: another agency's
 * procedure is not found.
 */

export const feeKinds = ['submission', 'assessed', 'counter'] as const

export const ledgerCodeSchema = z.object({
  procedure: z.string().min(1).max(64),
  feeKind: z.enum(feeKinds),
  /** empty clears the code */
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z.-]{0,32}$/, 'admin:ledgerCodes.invalid'),
})
export type LedgerCodeInput = z.infer<typeof ledgerCodeSchema>

export async function listLedgerCodes(db: Kysely<Database>, scope: AdminScope) {
  const [procedures, codes] = await Promise.all([
    db
      .selectFrom('procedures as p')
      .innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .select(['p.id', 'p.code', 'p.name_vi', 'p.name_en', 'a.code as agency_code'])
      .where(inAdminScope(scope, 'p.agency_id'))
      .orderBy('a.code')
      .orderBy('p.code')
      .execute(),
    db
      .selectFrom('ledger_codes as l')
      .innerJoin('procedures as p', 'p.id', 'l.procedure_id')
      .select(['l.procedure_id', 'l.fee_kind', 'l.code'])
      .where(inAdminScope(scope, 'p.agency_id'))
      .execute(),
  ])
  return procedures.map((p) => ({
    ...p,
    codes: Object.fromEntries(
      codes.filter((c) => c.procedure_id === p.id).map((c) => [c.fee_kind, c.code]),
    ) as Partial<Record<(typeof feeKinds)[number], string>>,
  }))
}

/** Sets (or, with an empty code, clears) one ledger code; NotInScopeError for a procedure outside the scope. */
export async function setLedgerCode(
  db: Kysely<Database>,
  scope: AdminScope,
  actorId: string,
  input: LedgerCodeInput,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const procedure = await trx
      .selectFrom('procedures')
      .select(['id', 'code', 'agency_id'])
      .where('code', '=', input.procedure)
      .where(inAdminScope(scope, 'agency_id'))
      .executeTakeFirst()
    if (!procedure) throw new NotInScopeError('procedure')
    if (input.code === '') {
      await trx
        .deleteFrom('ledger_codes')
        .where('procedure_id', '=', procedure.id)
        .where('fee_kind', '=', input.feeKind)
        .execute()
    } else {
      await trx
        .insertInto('ledger_codes')
        .values({
          procedure_id: procedure.id,
          fee_kind: input.feeKind,
          code: input.code,
          updated_by: actorId,
        })
        .onConflict((oc) =>
          oc
            .columns(['procedure_id', 'fee_kind'])
            .doUpdateSet({ code: input.code, updated_by: actorId, updated_at: new Date() }),
        )
        .execute()
    }
    await writeAudit(trx, {
      actorId,
      agencyId: procedure.agency_id,
      action: 'ledger_code.set',
      target: `${procedure.code} · ${input.feeKind}`,
      data: { code: input.code },
    })
  })
}
