/**
 * The forms of Circular 01/2018/TT-VPCP, filled from the audit trail (so a form printed again later says what was
 * decided then): Mẫu 01 receipt and appointment slip (the `receive` event), 02 supplement request (the latest
 * `request_supplement`), 03 refusal (`refuse_intake` or `refuse`), 04 apology and new date (the latest
 * `apologise`), 05 the process-control slip (every hand-over since reception). Scoped like the officer's page.
 * Mẫu 06, the agency's tracking book, is `trackingBook` below. Each returns the document model of
 * ./circular-forms.ts, which the print page and the PDF both draw.
 */
import type { Kysely } from 'kysely'
import QRCode from 'qrcode'
import type { Database } from '../../../db/schema'
import type { CurrentUser } from '../auth/permissions'
import { loadHolidays } from '../calendar/holidays.server'
import { vnDay } from '../calendar/vietnam-time'
import { allFields, procedureVersionFromRow, type FormDefinition } from '../forms/definition'
import { supplementItemsOf } from '../forms/supplement-items'
import { classify, receptionDeadline } from '../workflow/clock'
import { actionsProducing, formNumbers, type FormNumber } from '../workflow/transitions'
import {
  form01,
  form02,
  form03,
  form04,
  form05,
  form06,
  type AgencyLines,
  type BookEntry,
  type DossierFacts,
  type FormDocument,
  type HandOver,
} from './circular-forms'
import { nameItems, officerDossierRef } from './dossier.server'

export const printableFormNumbers = formNumbers
export type PrintableForm = FormNumber

const instant = (value: unknown): Date | null => {
  if (typeof value !== 'string' && !(value instanceof Date)) return null
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

const addressText = (value: unknown) => {
  if (!value || typeof value !== 'object') return null
  const a = value as Record<string, unknown>
  const text = [a.street, a.ward, a.district, a.province].filter((p) => typeof p === 'string' && p).join(', ')
  return text || null
}

/** The applicant's address as declared in the e-form (its first address field), for the forms' "Địa chỉ". */
function declaredAddress(definition: FormDefinition, data: Record<string, unknown>) {
  for (const field of allFields(definition))
    if (field.type === 'address') {
      const text = addressText(data[field.key])
      if (text) return text
    }
  return null
}

/** The agency's lines for a form's heading: its parent authority (the column, else the parent's name). */
async function agencyLines(db: Kysely<Database>, agencyId: string): Promise<AgencyLines> {
  const a = await db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parent_id')
    .select(['a.name_vi', 'a.address_vi', 'a.phone', 'a.parent_authority_vi', 'p.name_vi as parent_vi'])
    .where('a.id', '=', agencyId)
    .executeTakeFirstOrThrow()
  return {
    authority: a.parent_authority_vi ?? a.parent_vi ?? null,
    name: a.name_vi,
    address: a.address_vi,
    phone: a.phone,
  }
}

async function dossierFacts(db: Kysely<Database>, id: string) {
  const d = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .innerJoin('users as u', 'u.id', 'd.applicant_id')
    .select([
      'd.id',
      'd.code',
      'd.agency_id',
      'd.applicant_id',
      'd.submitted_at',
      'd.received_at',
      'd.due_at',
      'd.delivery_method',
      'd.delivery_address',
      'd.form_data',
      'd.book_year',
      'd.book_number',
      'p.code as procedure_code',
      'p.name_vi',
      'p.processing_days',
      'u.full_name as applicant_name',
      'u.phone as applicant_phone',
      'u.email as applicant_email',
      'u.citizen_id as applicant_citizen_id',
      'v.form',
      'v.documents',
    ])
    .where('d.id', '=', id)
    .executeTakeFirstOrThrow()
  const { form: definition, documents, ...row } = procedureVersionFromRow(d)
  const facts: DossierFacts = {
    code: row.code ?? '',
    procedure: row.name_vi,
    procedureCode: row.procedure_code,
    processingDays: Number(row.processing_days),
    applicant: {
      name: row.applicant_name,
      citizenId: row.applicant_citizen_id,
      phone: row.applicant_phone,
      email: row.applicant_email,
      address: declaredAddress(definition, row.form_data),
    },
    submittedAt: row.submitted_at,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    delivery: row.delivery_method,
    deliveryAddress: addressText(row.delivery_address),
    book:
      row.book_year !== null && row.book_number !== null
        ? { year: row.book_year, number: row.book_number }
        : null,
  }
  return { row, facts, definition, documents }
}

export interface PrintContext {
  /** the portal's public origin, for the lookup address in Mẫu 01's QR code */
  origin: string
}

/** The form's document, or null when the dossier is out of scope or has no such event yet (404). */
export async function getPrintableForm(
  db: Kysely<Database>,
  code: string,
  form: PrintableForm,
  user: CurrentUser,
  ctx: PrintContext,
): Promise<FormDocument | null> {
  const ref = await officerDossierRef(db, code, user)
  if (!ref) return null
  const event = await db
    .selectFrom('dossier_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'e.reason', 'e.data', 'e.at', 'u.full_name as officer_name'])
    .where('e.dossier_id', '=', ref.id)
    .where('e.action', 'in', actionsProducing(form))
    .orderBy('e.id', form === '05' ? 'asc' : 'desc')
    .executeTakeFirst()
  if (!event) return null
  const [{ row, facts, definition, documents }, agency] = await Promise.all([
    dossierFacts(db, ref.id),
    agencyLines(db, ref.agency_id),
  ])
  const base = { agency, dossier: facts, at: event.at, officer: event.officer_name }

  switch (form) {
    case '01': {
      // What was handed in: the files of the dossier at reception (supplements and results excluded).
      const files = await db
        .selectFrom('dossier_files')
        .select(['requirement_key', 'original_name'])
        .where('dossier_id', '=', row.id)
        .where('supplement_request_id', 'is', null)
        .where(
          'requirement_key',
          'in',
          documents.map((doc) => doc.key),
        )
        .where('created_at', '<=', event.at)
        .orderBy('created_at')
        .execute()
      const dueAt = instant(event.data.dueAt)
      const lookupUrl = `${ctx.origin}/lookup?code=${encodeURIComponent(facts.code)}`
      return form01({
        ...base,
        dossier: { ...facts, receivedAt: instant(event.data.receivedAt) ?? event.at, dueAt },
        documents: documents
          .map((doc) => ({
            name: doc.name.vi,
            asked: doc.copies.vi,
            files: files.filter((f) => f.requirement_key === doc.key).map((f) => f.original_name),
          }))
          .filter((doc) => doc.files.length > 0),
        lookupUrl,
        qrSvg: await QRCode.toString(lookupUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
      })
    }
    case '02':
      return form02({
        ...base,
        items: Array.isArray(event.data.items)
          ? nameItems(supplementItemsOf(event.data.items), definition, documents).map((i) => ({
              name: i.name.vi,
              reason: i.reason,
            }))
          : [],
      })
    case '03':
      return form03({ ...base, atIntake: event.action === 'refuse_intake', reason: event.reason ?? '' })
    case '04':
      return form04({
        ...base,
        legalDueAt: instant(event.data.legalDueAt),
        newAppointmentAt: instant(event.data.newAppointmentAt),
        reason: event.reason ?? '',
      })
    case '05':
      return form05({ ...base, at: new Date(), handOvers: await handOvers(db, row) })
  }
}

// -------------------------------------------------------------------------------------------------------------
// Mẫu 05: the hand-overs, from the audit trail
// -------------------------------------------------------------------------------------------------------------

const DESK_UNIT = 'Bộ phận tiếp nhận và trả kết quả'
const sideUnit = {
  applicant: 'Người nộp hồ sơ',
  reception: DESK_UNIT,
  specialist: 'Chuyên viên xử lý',
  approver: 'Lãnh đạo phê duyệt',
} as const
type Side = keyof typeof sideUnit

/** Who gives the dossier up and who takes it, for each action that moves it between hands. */
const handOverSides: Partial<Record<string, { to: Side; unit: Side }>> = {
  receive: { to: 'reception', unit: 'reception' },
  assign: { to: 'specialist', unit: 'specialist' },
  request_supplement: { to: 'applicant', unit: 'applicant' },
  supplement: { to: 'specialist', unit: 'specialist' },
  assess_fee: { to: 'applicant', unit: 'applicant' },
  pay: { to: 'specialist', unit: 'specialist' },
  propose: { to: 'approver', unit: 'approver' },
  return_rework: { to: 'specialist', unit: 'specialist' },
  approve: { to: 'reception', unit: 'reception' },
  refuse: { to: 'reception', unit: 'reception' },
  deliver: { to: 'applicant', unit: 'applicant' },
}

/**
 * Every hand-over since reception: who gave the dossier, who took it (the next person of the receiving side who
 * acted on it, the assignee for an assignment, the applicant by name), when, the deadline in force then (the
 * reception deadline of 8 working hours for the first; afterwards the due date as last set by the clock) and
 * whether the step was early, on time or late. The applicant's turns (a supplement, a fee) carry no verdict: the
 * clock is paused.
 */
async function handOvers(
  db: Kysely<Database>,
  d: { id: string; applicant_name: string; submitted_at: Date | null },
): Promise<HandOver[]> {
  const events = await db
    .selectFrom('dossier_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.action',
      'e.actor_role',
      'e.from_status',
      'e.to_status',
      'e.data',
      'e.at',
      'u.full_name',
    ])
    .where('e.dossier_id', '=', d.id)
    .orderBy('e.id')
    .execute()
  const start = events.findIndex((e) => e.action === 'receive')
  if (start < 0) return []
  const assigneeIds = events.map((e) => e.data.assigneeId).filter((v): v is string => typeof v === 'string')
  const names = new Map(
    assigneeIds.length
      ? (
          await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', assigneeIds).execute()
        ).map((u) => [u.id, u.full_name])
      : [],
  )
  const year = Number(vnDay(events[start].at).slice(0, 4))
  const holidays = await loadHolidays(db, year - 1, year + 1)

  let dueAt: Date | null = null
  let assignee: string | null = null
  const rows: HandOver[] = []
  for (let i = start; i < events.length; i++) {
    const e = events[i]
    const sides = handOverSides[e.action]
    const due = instant(e.data.dueAt)
    if (typeof e.data.assigneeId === 'string') assignee = names.get(e.data.assigneeId) ?? null
    if (!sides) {
      if (due) dueAt = due
      continue
    }
    // The taker: the next person of the receiving side who acted (or the assignee, or the side's name).
    const next = events
      .slice(i + 1)
      .find((n) => n.actor_role === (sides.to === 'applicant' ? 'citizen' : sides.to))
    const taker =
      e.action === 'receive'
        ? (e.full_name ?? sideUnit.reception)
        : sides.to === 'applicant'
          ? d.applicant_name
          : sides.to === 'specialist' && assignee
            ? assignee
            : (next?.full_name ?? sideUnit[sides.to])
    const giver =
      e.action === 'receive' || e.actor_role === 'citizen'
        ? d.applicant_name
        : e.actor_role === 'system'
          ? `${d.applicant_name} (thanh toán trực tuyến)`
          : (e.full_name ?? '…')
    const applicantsTurn = e.actor_role === 'citizen' || e.actor_role === 'system'
    const deadline =
      e.action === 'receive' ? (d.submitted_at ? receptionDeadline(d.submitted_at, holidays) : null) : dueAt
    rows.push({
      unit: e.action === 'receive' ? DESK_UNIT : sideUnit[sides.unit],
      from: giver,
      to: taker,
      at: e.at,
      deadline: applicantsTurn ? null : deadline,
      timeliness: applicantsTurn || !deadline ? null : classify(e.at, deadline),
      note: handOverNote[e.action] ?? '',
    })
    if (due) dueAt = due
  }
  return rows
}

const handOverNote: Record<string, string> = {
  receive: 'Tiếp nhận hồ sơ (Mẫu 01)',
  assign: 'Chuyển xử lý',
  request_supplement: 'Yêu cầu bổ sung (Mẫu 02); tạm dừng thời hạn',
  supplement: 'Đã bổ sung; tiếp tục tính thời hạn',
  assess_fee: 'Thông báo phí; tạm dừng thời hạn',
  pay: 'Đã nộp phí; tiếp tục tính thời hạn',
  propose: 'Trình phê duyệt',
  return_rework: 'Trả lại để xử lý lại',
  approve: 'Đã phê duyệt; chuyển trả kết quả',
  refuse: 'Từ chối giải quyết (Mẫu 03)',
  deliver: 'Trả kết quả',
}

// -------------------------------------------------------------------------------------------------------------
// Mẫu 06: the tracking book of an agency for a period
// -------------------------------------------------------------------------------------------------------------

const statusNote: Partial<Record<string, string>> = {
  refused_at_intake: 'Từ chối tiếp nhận (Mẫu 03)',
  refused: 'Từ chối giải quyết (Mẫu 03)',
  withdrawn: 'Người nộp rút hồ sơ',
  supplement_requested: 'Đang chờ bổ sung',
  awaiting_payment: 'Chờ nộp phí',
}

/**
 * Every dossier that reached the agency's desk in the period (Vietnamese days `from`–`to`, inclusive): received
 * then, or refused at the desk then. In the book's order (year and number; refusals at intake, which have no
 * number, after, by time). Dates from the audit trail's hand-overs.
 */
export async function trackingBook(
  db: Kysely<Database>,
  agencyId: string,
  period: { from: string; to: string },
): Promise<{ doc: FormDocument; entries: BookEntry[] }> {
  const start = new Date(`${period.from}T00:00:00+07:00`)
  const end = new Date(Date.parse(`${period.to}T00:00:00+07:00`) + 86_400_000)
  const rows = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('users as u', 'u.id', 'd.applicant_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .select((eb) => [
      'd.id',
      'd.code',
      'd.status',
      'd.received_at',
      'd.due_at',
      'd.completed_at',
      'd.timeliness',
      'd.delivery_method',
      'd.book_year',
      'd.book_number',
      'p.name_vi as procedure',
      'u.full_name as applicant',
      'u.phone',
      'u.email',
      'a.name_vi as agency',
      eb
        .selectFrom('dossier_events as e')
        .select((x) => x.fn.min('e.at').as('at'))
        .whereRef('e.dossier_id', '=', 'd.id')
        .where('e.action', '=', 'assign')
        .as('transferred_at'),
      eb
        .selectFrom('dossier_events as e')
        .select((x) => x.fn.max('e.at').as('at'))
        .whereRef('e.dossier_id', '=', 'd.id')
        .where('e.action', 'in', ['approve', 'refuse'])
        .as('result_at'),
      eb
        .selectFrom('dossier_events as e')
        .select((x) => x.fn.max('e.at').as('at'))
        .whereRef('e.dossier_id', '=', 'd.id')
        .where('e.action', '=', 'apologise')
        .as('apologised_at'),
    ])
    .where('d.agency_id', '=', agencyId)
    .where((eb) =>
      eb.or([
        eb.and([eb('d.received_at', '>=', start), eb('d.received_at', '<', end)]),
        eb.and([
          eb('d.status', '=', 'refused_at_intake'),
          eb('d.completed_at', '>=', start),
          eb('d.completed_at', '<', end),
        ]),
      ]),
    )
    .orderBy('d.book_year')
    .orderBy('d.book_number')
    .orderBy('d.completed_at')
    .execute()
  const entries: BookEntry[] = rows.map((r) => {
    const notes = [
      statusNote[r.status],
      r.timeliness ? { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' }[r.timeliness] : null,
      r.apologised_at ? 'Đã xin lỗi, hẹn lại (Mẫu 04)' : null,
    ].filter(Boolean)
    return {
      book:
        r.book_year !== null && r.book_number !== null ? { year: r.book_year, number: r.book_number } : null,
      code: r.code ?? '',
      procedure: r.procedure,
      applicant: r.applicant,
      contact: [r.phone, r.email].filter(Boolean).join(', '),
      lead: r.agency,
      receivedAt: r.received_at,
      dueAt: r.due_at,
      transferredAt: instant(r.transferred_at),
      resultAt: instant(r.result_at),
      returnedAt: r.status === 'completed' ? r.completed_at : null,
      signedFor:
        r.status !== 'completed'
          ? ''
          : r.delivery_method === 'online'
            ? 'Trả trực tuyến'
            : r.delivery_method === 'post'
              ? 'Gửi bưu chính'
              : 'Ký nhận tại quầy',
      note: notes.join('; '),
    }
  })
  return {
    doc: form06({ agency: await agencyLines(db, agencyId), ...period, at: new Date(), entries }),
    entries,
  }
}

export type PrintableFormData = FormDocument
