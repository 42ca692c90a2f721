import { sql, type Kysely } from 'kysely'
import type { Database, DossierStatus } from '../../../db/schema'
import type { FeePolicy, RequiredDocument } from '../catalogue/types'
import type { FormDefinition } from '../forms/definition'
import { nextDossierCode } from './codes.server'
import { completenessProblems } from './completeness'
import { IncompleteDossierError, NotADraftError } from './errors'
import { writeEvent } from './events.server'
import { feeAtSubmission } from './fees'

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
 * Submits the applicant's draft: one transaction that locks the draft row, checks it is complete, takes the next
 * dossier code, sets `submitted` (or `awaiting_payment` when a level-4 fee is due now), records the fee demand
 * and writes one audit event. Idempotent: concurrent or repeated calls with the same token make one dossier.
 */
export async function submitDraft(db: Kysely<Database>, input: SubmitInput): Promise<SubmitResult> {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx) => {
    const draft = await trx
      .selectFrom('dossiers as d')
      .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
      .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
      .innerJoin('agencies as a', 'a.id', 'd.agency_id')
      .select([
        'd.id',
        'd.form_data',
        'd.delivery_method',
        'v.form',
        'v.documents',
        'p.level',
        'p.fee_policy',
        'p.delivery',
        'p.name_vi',
        'p.name_en',
        'a.id as agency_id',
        'a.code as agency_code',
      ])
      .where('d.applicant_id', '=', input.applicantId)
      .where('d.procedure_id', '=', input.procedureId)
      .where('d.status', '=', 'draft')
      .forUpdate('d')
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

    const uploaded = await trx
      .selectFrom('dossier_files')
      .select('requirement_key')
      .distinct()
      .where('dossier_id', '=', draft.id)
      .execute()
    const problems = completenessProblems({
      form: draft.form as FormDefinition,
      documents: draft.documents as RequiredDocument[],
      formData: draft.form_data,
      uploadedKeys: new Set(uploaded.map((u) => u.requirement_key)),
      deliveryMethod: draft.delivery_method,
      allowedDelivery: draft.delivery,
      lng: input.lng,
    })
    if (!input.declared) problems.push({ key: 'dossier:check.declarationMissing', where: 'declaration' })
    if (problems.length) throw new IncompleteDossierError(problems)

    const fee = feeAtSubmission(draft.fee_policy as FeePolicy, draft.level, draft.form_data, {
      vi: draft.name_vi,
      en: draft.name_en,
    })
    const status: DossierStatus = fee?.kind === 'submission' ? 'awaiting_payment' : 'submitted'
    const code = await nextDossierCode(trx, { id: draft.agency_id, code: draft.agency_code }, now)
    await trx
      .updateTable('dossiers')
      .set({
        code,
        status,
        submit_token: input.token,
        submitted_at: now,
        declared_at: now,
        updated_at: now,
        version: sql`version + 1`,
      })
      .where('id', '=', draft.id)
      .execute()
    if (fee) {
      await trx
        .insertInto('fees')
        .values({
          dossier_id: draft.id,
          kind: fee.kind,
          amount: fee.amount,
          description: JSON.stringify(fee.description),
        })
        .execute()
    }
    await writeEvent(trx, {
      dossierId: draft.id,
      actorId: input.applicantId,
      actorRole: 'citizen',
      action: 'submit',
      from: 'draft',
      to: status,
      data: fee ? { fee: fee.amount } : {},
    })
    await input.afterSubmit?.(trx, { id: draft.id, code, status })
    return { code, status, created: true }
  })
}
