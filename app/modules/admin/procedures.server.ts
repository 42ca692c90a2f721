import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { feePolicyOf, unitFieldProblem } from '../catalogue/types'
import { parseFormDefinition, parseRequiredDocuments } from '../forms/definition'
import { inAdminScope, type AdminScope } from './access.server'
import { writeAudit } from './audit.server'
import { FeeUnitFieldError, InvalidDefinitionError, NotInScopeError } from './errors'

/**
 * Procedure versions: the e-form definition and the required documents as validated JSON. Publishing makes a
 * new version (max + 1) that new drafts use (the catalogue reads the latest published one); a dossier keeps the
 * version it was started under, so nothing already filed changes. Every function takes the administrator's
 * scope and filters inside its query: another agency's procedure is not found (NotInScopeError → 404), exactly
 * like one that does not exist.
 */
export async function listProcedures(db: Kysely<Database>, scope: AdminScope) {
  return db
    .selectFrom('procedures as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('procedure_versions')
          .select((vb) => [
            'procedure_id',
            vb.fn.max('version').as('version'),
            vb.fn.max('published_at').as('published_at'),
          ])
          .where('published_at', 'is not', null)
          .groupBy('procedure_id')
          .as('v'),
      (join) => join.onRef('v.procedure_id', '=', 'p.id'),
    )
    .select([
      'p.code',
      'p.name_vi',
      'p.name_en',
      'p.level',
      'p.published',
      'a.code as agency_code',
      'v.version',
      'v.published_at',
    ])
    .where(inAdminScope(scope, 'p.agency_id'))
    .orderBy('a.code')
    .orderBy('p.code')
    .execute()
}

/** One procedure for the publishing page: its versions and the latest one's JSON, pretty-printed. */
export async function procedureForAdmin(db: Kysely<Database>, scope: AdminScope, code: string) {
  const procedure = await db
    .selectFrom('procedures as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.id', 'p.code', 'p.name_vi', 'p.name_en', 'p.level', 'a.code as agency_code'])
    .where('p.code', '=', code)
    .where(inAdminScope(scope, 'p.agency_id'))
    .executeTakeFirst()
  if (!procedure) throw new NotInScopeError('procedure')
  const versions = await db
    .selectFrom('procedure_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select((eb) => [
      'v.id',
      'v.version',
      'v.published_at',
      'v.form',
      'v.documents',
      'v.required_identity_level',
      'u.full_name as created_by',
      eb
        .selectFrom('dossiers as d')
        .select((db2) => db2.fn.countAll<number>().as('n'))
        .whereRef('d.procedure_version_id', '=', 'v.id')
        .where('d.status', '!=', 'draft')
        .as('dossiers'),
    ])
    .where('v.procedure_id', '=', procedure.id)
    .orderBy('v.version', 'desc')
    .execute()
  const latest = versions[0]
  return {
    procedure,
    versions: versions.map(({ form: _f, documents: _d, ...v }) => ({ ...v, dossiers: v.dossiers ?? 0 })),
    form: latest ? JSON.stringify(latest.form, null, 2) : '',
    documents: latest ? JSON.stringify(latest.documents, null, 2) : '',
    identityLevel: latest?.required_identity_level ?? 1,
  }
}

/**
 * Publishes a new version from the JSON texts. Both are validated first: InvalidDefinitionError lists every
 * problem exactly as the forms module words it ("sections[0].fields[2].key: …", "documents[1].accept: …")
 * and nothing is written. Then one transaction locks the procedure row (two publishers queue), refuses a form
 * that a per-unit fee cannot count from (FeeUnitFieldError: its `unitField` must be a number field of the form),
 * inserts version = max + 1 with published_at = now and created_by, and writes the audit row (under the
 * procedure's agency). A procedure outside the scope: NotInScopeError, nothing written.
 */
export async function publishProcedureVersion(
  db: Kysely<Database>,
  scope: AdminScope,
  input: { code: string; form: string; documents: string; identityLevel?: '1' | '2' },
) {
  const form = parseFormDefinition(input.form)
  const documents = parseRequiredDocuments(input.documents)
  const errors = [...(form.ok ? [] : form.errors), ...(documents.ok ? [] : documents.errors)]
  if (!form.ok || !documents.ok) throw new InvalidDefinitionError(errors)
  return db.transaction().execute(async (trx) => {
    const procedure = await trx
      .selectFrom('procedures')
      .select(['id', 'code', 'fee_policy', 'agency_id'])
      .where('code', '=', input.code)
      .where(inAdminScope(scope, 'procedures.agency_id'))
      .forUpdate()
      .executeTakeFirst()
    if (!procedure) throw new NotInScopeError('procedure')
    const unit = unitFieldProblem(feePolicyOf(procedure.fee_policy), form.definition)
    if (unit) throw new FeeUnitFieldError(unit.unitField, unit.unit)
    const { max } = await trx
      .selectFrom('procedure_versions')
      .select((eb) => eb.fn.max<number | null>('version').as('max'))
      .where('procedure_id', '=', procedure.id)
      .executeTakeFirstOrThrow()
    const version = (max ?? 0) + 1
    await trx
      .insertInto('procedure_versions')
      .values({
        procedure_id: procedure.id,
        version,
        form: JSON.stringify(form.definition),
        documents: JSON.stringify(documents.documents),
        required_identity_level: input.identityLevel === '2' ? 2 : 1,
        published_at: sql<Date>`now()`,
        created_by: scope.actorId,
      })
      .execute()
    await trx
      .updateTable('procedures')
      .set({ updated_at: sql<Date>`now()` })
      .where('id', '=', procedure.id)
      .execute()
    await writeAudit(trx, {
      actorId: scope.actorId,
      agencyId: procedure.agency_id,
      action: 'procedure.publish',
      target: procedure.code,
      data: { version, identityLevel: input.identityLevel === '2' ? 2 : 1 },
    })
    return { version }
  })
}
