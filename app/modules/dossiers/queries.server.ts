import type { Kysely } from 'kysely'
import type { Database, DossierStatus } from '../../../db/schema'
import { procedureVersionFromRow } from '../forms/definition'
import { loadFacts } from '../workflow/facts.server'
import { availableActions } from '../workflow/transitions'
import type { CitizenAction } from './citizen-paths'
import { citizenStatuses } from './progress'

export { citizenStatuses }

/** The applicant's dossiers, newest first, optionally of one status. Scoped: only their own. */
export async function listForApplicant(db: Kysely<Database>, applicantId: string, status?: DossierStatus) {
  let q = db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.submitted_at',
      'd.due_at',
      'd.created_at',
      'p.code as procedure_code',
      'p.name_vi',
      'p.name_en',
    ])
    .where('d.applicant_id', '=', applicantId)
  if (status) q = q.where('d.status', '=', status)
  return q.orderBy('d.created_at', 'desc').limit(200).execute()
}

/**
 * One submitted dossier of this applicant, with what the citizen may see. Another applicant's code finds
 * nothing (the caller answers 404), exactly like a code that does not exist.
 */
export async function getForApplicant(
  db: Kysely<Database>,
  code: string,
  applicantId: string,
  now: Date = new Date(),
) {
  const d = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.form_data',
      'd.delivery_method',
      'd.submitted_at',
      'd.received_at',
      'd.due_at',
      'd.completed_at',
      'd.version',
      'd.paused_since',
      'd.assignee_id',
      'p.level',
      'p.code as procedure_code',
      'p.name_vi',
      'p.name_en',
      'p.processing_days',
      'a.name_vi as agency_vi',
      'a.name_en as agency_en',
      'v.form',
      'v.documents',
    ])
    .where('d.code', '=', code)
    .where('d.applicant_id', '=', applicantId)
    .executeTakeFirst()
  if (!d) return null
  const [events, files, messages, fees, rating, supplement, { facts }] = await Promise.all([
    db
      .selectFrom('dossier_events')
      .select(['id', 'action', 'from_status', 'to_status', 'reason', 'data', 'actor_role', 'at'])
      .where('dossier_id', '=', d.id)
      .where('citizen_visible', '=', true)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('dossier_files')
      .select(['id', 'requirement_key', 'original_name', 'mime', 'size', 'created_at'])
      .where('dossier_id', '=', d.id)
      // The specialist's draft result is the citizen's only once it is approved.
      .$if(!['result_ready', 'completed'].includes(d.status), (q) =>
        q.where('requirement_key', '<>', 'result'),
      )
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('messages')
      .select(['id', 'body', 'created_at'])
      .where('dossier_id', '=', d.id)
      .where('internal', '=', false)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('fees as f')
      .leftJoin('receipts as r', 'r.fee_id', 'f.id')
      .select(['f.id', 'f.kind', 'f.amount', 'f.status', 'f.description', 'r.id as receipt_id'])
      .where('f.dossier_id', '=', d.id)
      .orderBy('f.created_at')
      .execute(),
    db.selectFrom('ratings').select(['score', 'comment']).where('dossier_id', '=', d.id).executeTakeFirst(),
    db
      .selectFrom('supplement_requests')
      .select(['id', 'items', 'requested_at'])
      .where('dossier_id', '=', d.id)
      .where('answered_at', 'is', null)
      .orderBy('requested_at', 'desc')
      .executeTakeFirst(),
    loadFacts(db, d, { userId: applicantId, now }),
  ])
  // The engine says what the citizen may do now (the page shows only these; the use cases check again).
  const actions = availableActions({ status: d.status, roles: ['citizen'], facts })
    .filter((a) => a.surface === 'citizen')
    .map((a) => a.action as CitizenAction)
  return {
    actions,
    ...procedureVersionFromRow(d),
    events,
    files,
    messages,
    fees,
    rating: rating ?? null,
    supplement: supplement ?? null,
  }
}
export type CitizenDossier = NonNullable<Awaited<ReturnType<typeof getForApplicant>>>

/** A file of a dossier, only if the dossier is this applicant's (downloads are scoped like reads). */
export async function fileForApplicant(
  db: Kysely<Database>,
  code: string,
  fileId: string,
  applicantId: string,
) {
  return db
    .selectFrom('dossier_files as f')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .select(['f.storage_key', 'f.original_name', 'f.mime', 'f.size'])
    .where('d.code', '=', code)
    .where('d.applicant_id', '=', applicantId)
    .where('f.id', '=', fileId)
    .where((eb) =>
      eb.or([eb('f.requirement_key', '<>', 'result'), eb('d.status', 'in', ['result_ready', 'completed'])]),
    )
    .executeTakeFirst()
}

/**
 * The code of the dossier this applicant submitted with `token` (the check page's one-time token), or null: a
 * replayed submission finds its dossier; another applicant's token finds nothing.
 */
export async function codeForSubmitToken(db: Kysely<Database>, applicantId: string, token: string) {
  const row = await db
    .selectFrom('dossiers')
    .select('code')
    .where('submit_token', '=', token)
    .where('applicant_id', '=', applicantId)
    .executeTakeFirst()
  return row?.code ?? null
}
