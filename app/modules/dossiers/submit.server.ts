import { sql, type Kysely } from 'kysely'
import type { Database, DossierStatus } from '../../../db/schema'
import { procedureVersionFromRow } from '../forms/definition'
import { completenessProblems } from './completeness'
import { IncompleteDossierError, NotADraftError } from './errors'
import { performTransition } from '../workflow/perform.server'

export interface SubmitInput {
  applicantId: string
  procedureId: string
  /** rendered with the check page; the same token again (double click, retry, replay) returns the same dossier */
  token: string
  declared: boolean
  lng: 'vi' | 'en'
  now?: Date
  /** called inside the transaction, to enqueue notifications atomically with the submission */
  afterSubmit?: (
    trx: Kysely<Database>,
    dossier: { id: string; code: string; status: DossierStatus },
  ) => Promise<void>
}

export interface SubmitResult {
  code: string
  status: DossierStatus
  /** false when this call found the dossier already submitted with the same token (a replay) */
  created: boolean
}

/**
 * Submits the applicant's draft: one transaction that locks the draft row, checks it is complete, then performs
 * the workflow's `submit` (the next dossier code, `submitted` or `awaiting_payment` when a level-4 fee is due now,
 * the fee demand, one audit event). Idempotent: concurrent or repeated calls with the same token make one dossier.
 */
export async function submitDraft(db: Kysely<Database>, input: SubmitInput): Promise<SubmitResult> {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx) => {
    // The draft, locked and stamped with this submission's token and declaration in one statement (an UPDATE locks
    // the row as FOR UPDATE would), with what the completeness check reads: its version's form and documents, the
    // procedure's delivery channels and the requirements that have a file. A check that fails below throws, and
    // the transaction takes the stamp back with everything else.
    const draft = await trx
      .updateTable('dossiers as d')
      .from('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .set({ submit_token: input.token, declared_at: now })
      .whereRef('v.id', '=', 'd.procedure_version_id')
      .whereRef('p.id', '=', 'd.procedure_id')
      .where('d.applicant_id', '=', input.applicantId)
      .where('d.procedure_id', '=', input.procedureId)
      .where('d.status', '=', 'draft')
      .returning((eb) => [
        'd.id',
        'd.form_data',
        'd.delivery_method',
        'v.form',
        'v.documents',
        'p.delivery',
        eb.fn
          .coalesce(
            eb
              .selectFrom('dossier_files as f')
              .select(sql<string[]>`array_agg(DISTINCT f.requirement_key)`.as('keys'))
              .whereRef('f.dossier_id', '=', 'd.id'),
            sql<string[]>`'{}'::text[]`,
          )
          .as('uploaded_keys'),
      ])
      .executeTakeFirst()

    if (!draft) {
      // Already submitted by an earlier call carrying this token: answer with the same dossier.
      const done = await trx
        .selectFrom('dossiers')
        .select(['code', 'status'])
        .where('submit_token', '=', input.token)
        .where('applicant_id', '=', input.applicantId)
        .executeTakeFirst()
      if (done?.code) return { code: done.code, status: done.status, created: false }
      throw new NotADraftError()
    }

    const { form, documents } = procedureVersionFromRow(draft)
    const problems = completenessProblems({
      form,
      documents,
      formData: draft.form_data,
      uploadedKeys: new Set(draft.uploaded_keys),
      deliveryMethod: draft.delivery_method,
      allowedDelivery: draft.delivery,
      lng: input.lng,
    })
    if (!input.declared) problems.push({ key: 'dossier:check.declarationMissing', where: 'declaration' })
    if (problems.length) throw new IncompleteDossierError(problems)

    // The submission itself is the workflow's `submit`: the code, the fee demand, the target status chosen by the
    // table (a level-4 fee due now → awaiting_payment), the audit row — through the one door.
    const { code, to: status } = await performTransition(trx, {
      dossierId: draft.id,
      applicantId: input.applicantId,
      action: 'submit',
      actor: { id: input.applicantId, roles: [] },
      performedBy: 'submitDraft',
      now,
    })
    await input.afterSubmit?.(trx, { id: draft.id, code, status })
    return { code, status, created: true }
  })
}
