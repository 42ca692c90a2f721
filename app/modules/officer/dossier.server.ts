/**
 * One dossier as an officer sees it. Scoped inside the query: only dossiers of an agency where the user holds an
 * officer role (reception, specialist, approver); any other code finds nothing, exactly like an unknown one, so
 * the route answers 404 and another agency's dossier does not seem to exist.
 */
import { identitySourcesOf, verifiedLevelOf } from '../auth/vneid/claims'
import type { Kysely } from 'kysely'
import type { Database, SupplementItem } from '../../../db/schema'
import { agenciesFor, type CurrentUser } from '../auth/permissions'
import { loadHolidays } from '../calendar/holidays.server'
import { workingDaysLeft } from '../calendar/working-days'
import {
  allFields,
  procedureVersionFromRow,
  type Bilingual,
  type FormDefinition,
  type RequiredDocument,
} from '../forms/definition'
import { supplementItemsOf } from '../forms/supplement-items'
import { dueDate, receptionDeadline } from '../workflow/clock'
import { loadFacts } from '../workflow/facts.server'
import { availableActions, formsOfHistory, roles as workflowRoles, type Role } from '../workflow/transitions'
import { officerPageRoles } from './action-forms'

/** The id and agency of a dossier this officer may see; null otherwise (the caller answers 404). */
export async function officerDossierRef(db: Kysely<Database>, code: string, user: CurrentUser) {
  const agencyIds = agenciesFor(user, officerPageRoles)
  if (!agencyIds.length || !code) return null
  return (
    (await db
      .selectFrom('dossiers')
      .select(['id', 'agency_id', 'procedure_id'])
      .where('code', '=', code)
      .where('status', '!=', 'draft')
      .where('agency_id', 'in', agencyIds)
      .executeTakeFirst()) ?? null
  )
}

/** The workflow roles the user holds in one agency (what `availableActions` and performTransition count). */
export function rolesIn(user: CurrentUser, agencyId: string): Role[] {
  return [
    ...new Set(
      user.roles
        .filter((g) => g.agencyId === agencyId && (workflowRoles as readonly string[]).includes(g.role))
        .map((g) => g.role as Role),
    ),
  ]
}

/** A supplement item with the name the citizen recognises (the document's or field's label). */
export interface NamedItem extends SupplementItem {
  name: Bilingual
}

export function nameItems(
  items: SupplementItem[],
  form: FormDefinition,
  documents: RequiredDocument[],
): NamedItem[] {
  const fields = allFields(form)
  return items.map((item) => ({
    ...item,
    name: (item.kind === 'document'
      ? documents.find((d) => d.key === item.key)?.name
      : fields.find((f) => f.key === item.key)?.label) ?? { vi: item.key, en: item.key },
  }))
}

/** Everything the officer's page shows, with the actions this user may take now; null when out of scope. */
export async function getForOfficer(
  db: Kysely<Database>,
  code: string,
  user: CurrentUser,
  now: Date = new Date(),
) {
  const ref = await officerDossierRef(db, code, user)
  if (!ref) return null
  const d = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .innerJoin('users as u', 'u.id', 'd.applicant_id')
    .leftJoin('users as s', 's.id', 'd.assignee_id')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.version',
      'd.form_data',
      'd.delivery_method',
      'd.delivery_address',
      'd.submitted_at',
      'd.received_at',
      'd.due_at',
      'd.paused_since',
      'd.completed_at',
      'd.timeliness',
      'd.postal_tracking_number',
      'd.assignee_id',
      'd.agency_id',
      'd.applicant_id',
      's.full_name as assignee_name',
      'p.code as procedure_code',
      'p.name_vi',
      'p.name_en',
      'p.level',
      'p.processing_days',
      'p.delivery as delivery_options',
      'a.code as agency_code',
      'a.name_vi as agency_vi',
      'a.name_en as agency_en',
      'u.full_name as applicant_name',
      'u.phone as applicant_phone',
      'u.email as applicant_email',
      'u.citizen_id as applicant_citizen_id',
      'd.identity_claims',
      'v.form',
      'v.documents',
    ])
    .where('d.id', '=', ref.id)
    .executeTakeFirstOrThrow()
  const { form, documents } = procedureVersionFromRow(d)
  const year = Number(now.toISOString().slice(0, 4))

  const [events, files, messages, fees, openRequest, specialists, holidays, { facts }, checks] =
    await Promise.all([
      db
        .selectFrom('dossier_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_id')
        .select([
          'e.id',
          'e.action',
          'e.from_status',
          'e.to_status',
          'e.reason',
          'e.data',
          'e.actor_role',
          'e.citizen_visible',
          'e.at',
          'u.full_name as actor_name',
        ])
        .where('e.dossier_id', '=', d.id)
        .orderBy('e.id')
        .execute(),
      // A file taken from the citizen's store names its source: the officer sees it came from there, and from
      // which earlier dossier (of the same applicant: the store is scoped by applicant).
      db
        .selectFrom('dossier_files as f')
        .leftJoin('dossier_files as src', 'src.id', 'f.source_file_id')
        .leftJoin('dossiers as sd', 'sd.id', 'src.dossier_id')
        .select([
          'f.id',
          'f.requirement_key',
          'f.original_name',
          'f.mime',
          'f.size',
          'f.supplement_request_id',
          'f.created_at',
          'f.source_file_id',
          'sd.code as source_dossier_code',
        ])
        .where('f.dossier_id', '=', d.id)
        .orderBy('f.created_at')
        .execute(),
      db
        .selectFrom('messages as m')
        .innerJoin('users as u', 'u.id', 'm.author_id')
        .select([
          'm.id',
          'm.body',
          'm.internal',
          'm.created_at',
          'u.full_name as author_name',
          'u.kind as author_kind',
        ])
        .where('m.dossier_id', '=', d.id)
        .orderBy('m.created_at')
        .execute(),
      db
        .selectFrom('fees as f')
        .leftJoin('receipts as r', 'r.fee_id', 'f.id')
        .select([
          'f.id',
          'f.kind',
          'f.amount',
          'f.status',
          'f.description',
          'f.paid_at',
          'f.paid_method',
          'r.id as receipt_id',
        ])
        .where('f.dossier_id', '=', d.id)
        .orderBy('f.created_at')
        .execute(),
      db
        .selectFrom('supplement_requests')
        .select(['id', 'items', 'return_status', 'requested_at'])
        .where('dossier_id', '=', d.id)
        .where('answered_at', 'is', null)
        .orderBy('requested_at', 'desc')
        .executeTakeFirst(),
      db
        .selectFrom('staff_roles as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select(['u.id', 'u.full_name'])
        .where('r.agency_id', '=', d.agency_id)
        .where('r.role', '=', 'specialist')
        .where('u.disabled_at', 'is', null)
        .orderBy('u.full_name')
        .execute(),
      loadHolidays(db, year - 1, year + 2),
      loadFacts(db, d, { userId: user.id, now }),
      db
        .selectFrom('dossier_file_checks as c')
        .innerJoin('users as u', 'u.id', 'c.checked_by')
        .select(['c.file_id', 'c.verdict', 'c.reason', 'c.checked_at', 'u.full_name as checked_by_name'])
        .where('c.dossier_id', '=', d.id)
        .execute(),
    ])

  const feeDue = facts.feeDue === true
  // No officer acts on a dossier they applied for: the workflow refuses it (perform.server.ts rolesFor); the
  // page says why instead of offering buttons.
  const ownDossier = d.applicant_id === user.id
  const roles = ownDossier ? [] : rolesIn(user, d.agency_id)
  const actions = availableActions({ status: d.status, roles, facts }).map((a) => a.action)

  // Names for what events refer to by id (the specialist assigned).
  const assigneeIds = [
    ...new Set(events.map((e) => e.data.assigneeId).filter((v): v is string => typeof v === 'string')),
  ]
  const names = assigneeIds.length
    ? await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', assigneeIds).execute()
    : []

  const { identity_claims: identityClaims, ...row } = d
  const identitySources = identitySourcesOf(identityClaims)
  return {
    ...row,
    // "Identity verified by VNeID at level N" (issue 16 §4): the lowest level among the fields it filled.
    identityVerifiedLevel: verifiedLevelOf(identitySources),
    identityFields: Object.keys(identitySources),
    form,
    documents,
    fields: allFields(form)
      .filter((f) => f.type !== 'group')
      .map((f) => ({ key: f.key, label: f.label })),
    roles,
    ownDossier,
    actions,
    overdue: facts.overdue === true,
    feeDue,
    events: events.map((e) => ({
      ...e,
      items: Array.isArray(e.data.items) ? nameItems(supplementItemsOf(e.data.items), form, documents) : [],
      assigneeName:
        typeof e.data.assigneeId === 'string'
          ? (names.find((n) => n.id === e.data.assigneeId)?.full_name ?? null)
          : null,
    })),
    files: files.map((f) => ({ ...f, check: checks.find((c) => c.file_id === f.id) ?? null })),
    /** whoever may ask for a supplement now may mark the documents (document-checks.server.ts) */
    mayCheck: actions.includes('request_supplement'),
    supplementMarks: supplementMarks(files, checks),
    messages: messages.filter((m) => !m.internal),
    notes: messages.filter((m) => m.internal),
    fees,
    openRequest: openRequest
      ? { ...openRequest, items: nameItems(openRequest.items, form, documents) }
      : null,
    specialists,
    /** the appointment date if reception happened now (shown before confirming) */
    appointmentIfReceivedNow: d.status === 'submitted' ? dueDate(now, d.processing_days, holidays) : null,
    receptionDeadline:
      d.status === 'submitted' && d.submitted_at ? receptionDeadline(d.submitted_at, holidays) : null,
    daysLeft: d.due_at && !d.completed_at ? workingDaysLeft(now, d.due_at, holidays) : null,
    forms: formsOfHistory(events.map((e) => e.action)),
  }
}
export type OfficerDossier = NonNullable<Awaited<ReturnType<typeof getForOfficer>>>

/**
 * The documents the officers marked as needing a supplement, by requirement key, with the reason: only the latest
 * file of each requirement counts (an answered supplement's new file supersedes the one marked before).
 */
export function supplementMarks(
  files: readonly { id: string; requirement_key: string; created_at: Date }[],
  checks: readonly { file_id: string; verdict: string; reason: string | null }[],
): Record<string, string> {
  const latest = new Map<string, { id: string; created_at: Date }>()
  for (const f of files) {
    const seen = latest.get(f.requirement_key)
    if (!seen || seen.created_at <= f.created_at) latest.set(f.requirement_key, f)
  }
  const marks: Record<string, string> = {}
  for (const [key, f] of latest) {
    const c = checks.find((x) => x.file_id === f.id)
    if (c?.verdict === 'needs_supplement' && c.reason) marks[key] = c.reason
  }
  return marks
}

/** A file of a dossier this officer may see (downloads are scoped like the page). */
export async function fileForOfficer(db: Kysely<Database>, code: string, fileId: string, user: CurrentUser) {
  const ref = await officerDossierRef(db, code, user)
  if (!ref) return null
  return (
    (await db
      .selectFrom('dossier_files')
      .select(['storage_key', 'original_name', 'mime', 'size'])
      .where('dossier_id', '=', ref.id)
      .where('id', '=', fileId)
      .executeTakeFirst()) ?? null
  )
}
