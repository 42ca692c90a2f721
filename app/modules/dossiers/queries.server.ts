import type { Kysely } from 'kysely'
import type { Database, DossierStatus } from '../../../db/schema'
import type { SupplementItem } from '../../../db/schema'
import {
  allFields,
  procedureVersionFromRow,
  type FormDefinition,
  type RequiredDocument,
} from '../forms/definition'
import { loadFacts } from '../workflow/facts.server'
import { availableActions } from '../workflow/transitions'
import type { CitizenAction } from './citizen-paths'
import { citizenStatuses } from './progress'

export { citizenStatuses }

/** Dossiers on one page of the citizen's list. */
export const APPLICANT_PAGE_SIZE = 20

/**
 * One page of the applicant's dossiers (drafts included), newest first, optionally of one status, with the total.
 * Scoped: only their own. One query (the total is a window count); a page past the last answers the last page.
 */
export async function listForApplicant(
  db: Kysely<Database>,
  applicantId: string,
  status?: DossierStatus,
  page = 1,
  perPage = APPLICANT_PAGE_SIZE,
) {
  const pageOf = (n: number) => {
    let q = db
      .selectFrom('dossiers as d')
      .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
      .select((eb) => [
        'd.id',
        'd.code',
        'd.status',
        'd.submitted_at',
        'd.due_at',
        'd.created_at',
        'p.code as procedure_code',
        'p.name_vi',
        'p.name_en',
        eb.fn.countAll<number>().over().as('total'),
      ])
      .where('d.applicant_id', '=', applicantId)
    if (status) q = q.where('d.status', '=', status)
    return q
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id')
      .limit(perPage)
      .offset((n - 1) * perPage)
      .execute()
  }
  const wanted = Math.max(1, Math.floor(page) || 1)
  let rows = await pageOf(wanted)
  let current = wanted
  if (rows.length === 0 && wanted > 1) {
    // Past the end: the count, then the last page.
    const counted = await db
      .selectFrom('dossiers as d')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('d.applicant_id', '=', applicantId)
      .$if(!!status, (q) => q.where('d.status', '=', status!))
      .executeTakeFirstOrThrow()
    current = Math.max(1, Math.ceil(Number(counted.n) / perPage))
    rows = current === wanted ? [] : await pageOf(current)
  }
  const total = rows.length ? Number(rows[0].total) : 0
  const items = rows.map(({ total: _total, ...row }) => row)
  return { items, total, page: current, pages: Math.max(1, Math.ceil(total / perPage)) }
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
      'd.postal_tracking_number',
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
      .select([
        'id',
        'requirement_key',
        'original_name',
        'mime',
        'size',
        'created_at',
        'supplement_request_id',
        'source_file_id',
      ])
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
      .selectFrom('supplement_requests as r')
      .innerJoin('users as u', 'u.id', 'r.requested_by')
      .select(['r.id', 'r.items', 'r.requested_at', 'u.full_name as requested_by_name'])
      .where('r.dossier_id', '=', d.id)
      .where('r.answered_at', 'is', null)
      .orderBy('r.requested_at', 'desc')
      .executeTakeFirst(),
    loadFacts(db, d, { userId: applicantId, now }),
  ])
  // The engine says what the citizen may do now (the page shows only these; the use cases check again).
  const actions = availableActions({ status: d.status, roles: ['citizen'], facts })
    .filter((a) => a.surface === 'citizen')
    .map((a) => a.action as CitizenAction)
  const version = procedureVersionFromRow(d)
  const marked = markReplaced(files)
  return {
    actions,
    ...version,
    events: withDateMoves(events),
    // The result is shown on its own ("Kết quả giải quyết"), not among the documents the citizen filed.
    files: marked.filter((f) => f.requirement_key !== RESULT),
    result: resultOf(marked, events, await signedResultOf(db, files)),
    delivery: deliveryOf(d, events),
    messages,
    fees,
    rating: rating ?? null,
    supplement: supplement
      ? openSupplement(supplement, version, events, { pausedSince: d.paused_since })
      : null,
  }
}

const RESULT = 'result'

/**
 * The dossier's result once approved (the query shows the result file only then): the file in force, and the
 * day it was issued (signed, or else the approval that made it ready), and its number in the agency's register when
 * the approval signed it (results/).
 */
function resultOf(
  files: {
    id: string
    requirement_key: string
    original_name: string
    size: number
    replacedAt: Date | null
  }[],
  events: { action: string; to_status: string | null; at: Date }[],
  signed: { file_id: string | null; number_text: string; signed_at: Date } | undefined,
) {
  const file = files.find((f) => f.requirement_key === RESULT && !f.replacedAt)
  if (!file) return null
  const issued = events.findLast((e) => e.to_status === 'result_ready')
  const mine = signed?.file_id === file.id ? signed : undefined
  return {
    fileId: file.id,
    fileName: file.original_name,
    size: file.size,
    issuedAt: mine?.signed_at ?? issued?.at ?? null,
    number: mine?.number_text ?? null,
  }
}

/** The signed result (results/) behind the dossier's result file, when the approval signed one. */
async function signedResultOf(db: Kysely<Database>, files: { id: string; requirement_key: string }[]) {
  const ids = files.filter((f) => f.requirement_key === RESULT).map((f) => f.id)
  if (!ids.length) return undefined
  return db
    .selectFrom('results')
    .select(['file_id', 'number_text', 'signed_at'])
    .where('file_id', 'in', ids)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

/**
 * How the result comes back: the method the citizen chose, and once reception returned it, how (from the audit
 * row of `deliver`), when, and by post the postal item number.
 */
function deliveryOf(
  d: { delivery_method: string | null; postal_tracking_number: string | null },
  events: { action: string; data: Record<string, unknown>; at: Date }[],
) {
  const delivered = events.findLast((e) => e.action === 'deliver')
  const method = typeof delivered?.data.method === 'string' ? delivered.data.method : null
  return {
    chosen: d.delivery_method,
    deliveredAt: delivered?.at ?? null,
    method,
    trackingNumber: d.postal_tracking_number,
  }
}

/**
 * What the citizen is asked while a supplement request is open: each item named as the procedure names it
 * (never an internal key), its reason, who asked (the officer's name, as printed on Mẫu 02, and the role they
 * acted in, read from the request's audit row), when, and since when the legal clock is paused. `answerBy` is
 * the answer deadline: no procedure of the catalogue sets one (procedure versions carry no such field), so it
 * is null and the page says the dossier waits, paused, until the citizen answers (decision of 2026-12-01).
 */
function openSupplement(
  request: { id: string; items: SupplementItem[]; requested_at: Date; requested_by_name: string },
  version: { form: FormDefinition; documents: RequiredDocument[] },
  events: { action: string; actor_role: string; data: Record<string, unknown> }[],
  clock: { pausedSince: Date | null },
) {
  const asked = events.findLast(
    (e) => e.action === 'request_supplement' && e.data.supplementRequestId === request.id,
  )
  const fields = allFields(version.form)
  return {
    id: request.id,
    requestedAt: request.requested_at,
    requestedBy: { name: request.requested_by_name, role: asked?.actor_role ?? null },
    items: request.items.map((item) => ({
      ...item,
      name: (item.kind === 'document'
        ? version.documents.find((doc) => doc.key === item.key)?.name
        : fields.find((f) => f.key === item.key)?.label) ?? { vi: item.key, en: item.key },
    })),
    pausedSince: clock.pausedSince ?? request.requested_at,
    answerBy: null as Date | null,
  }
}

/**
 * Each event with the appointment date it moved (`dateMove`: from, to, and the working days paused that moved
 * it), when it moved it or could have — the answer to a supplement request, a fee paid after a pause. The audit rows' data
 * hold the date each set (`dueAt`); the previous one is the last date set before.
 */
function withDateMoves<E extends { action: string; data: Record<string, unknown> }>(events: E[]) {
  let current: string | null = null
  return events.map((e) => {
    const set = e.action === 'deliver' ? null : dateIn(e.data.dueAt)
    let dateMove: { from: string; to: string; pausedWorkingDays: number | null } | null = null
    // An answered supplement always says what became of the date (kept, when it was paused for no working day).
    if (set && current && (set !== current || e.action === 'supplement')) {
      const days = e.data.pausedWorkingDays
      dateMove = { from: current, to: set, pausedWorkingDays: typeof days === 'number' ? days : null }
    }
    if (set) current = set
    return { ...e, dateMove }
  })
}
const dateIn = (v: unknown) =>
  (typeof v === 'string' || v instanceof Date) && !Number.isNaN(new Date(v).getTime())
    ? new Date(v).toISOString()
    : null

/**
 * Files with the date each was replaced (`replacedAt`), oldest first: a requirement keeps every file the
 * applicant gave (the original stays on record when a supplement brings a new one), and all but its latest are
 * replaced — so the page marks them instead of listing two files under one document's name.
 */
function markReplaced<F extends { requirement_key: string; created_at: Date }>(files: F[]) {
  return files.map((f, i) => {
    const next = files.slice(i + 1).find((g) => g.requirement_key === f.requirement_key)
    return { ...f, replacedAt: next ? next.created_at : null }
  })
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
