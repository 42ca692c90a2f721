/**
 * The printable forms of Circular 01/2018/TT-VPCP that the workflow produces, read from the audit trail (so a
 * form printed again later says what was decided then): Mẫu 01 receipt and appointment slip (the `receive`
 * event), 02 supplement request (the latest `request_supplement`), 03 refusal (`refuse_intake` or `refuse`),
 * 04 apology and new date (the latest `apologise`). Scoped like the officer's page.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { CurrentUser } from '../auth/permissions'
import { procedureVersionFromRow } from '../forms/definition'
import { supplementItemsOf } from '../forms/supplement-items'
import { actionsProducing, formNumbers, type FormNumber } from '../workflow/transitions'
import { nameItems, officerDossierRef } from './dossier.server'

export const printableFormNumbers = formNumbers
export type PrintableForm = FormNumber

const instant = (value: unknown): Date | null => {
  if (typeof value !== 'string' && !(value instanceof Date)) return null
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

/** The form's content, or null when the dossier is out of scope or has no such event yet (404). */
export async function getPrintableForm(
  db: Kysely<Database>,
  code: string,
  form: PrintableForm,
  user: CurrentUser,
) {
  const ref = await officerDossierRef(db, code, user)
  if (!ref) return null
  const event = await db
    .selectFrom('dossier_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'e.reason', 'e.data', 'e.at', 'u.full_name as officer_name'])
    .where('e.dossier_id', '=', ref.id)
    .where('e.action', 'in', actionsProducing(form))
    .orderBy('e.id', 'desc')
    .executeTakeFirst()
  if (!event) return null
  const d = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .innerJoin('users as u', 'u.id', 'd.applicant_id')
    .select([
      'd.id',
      'd.code',
      'd.submitted_at',
      'd.received_at',
      'd.delivery_method',
      'p.code as procedure_code',
      'p.name_vi',
      'p.name_en',
      'p.processing_days',
      'a.name_vi as agency_vi',
      'a.name_en as agency_en',
      'u.full_name as applicant_name',
      'u.phone as applicant_phone',
      'u.citizen_id as applicant_citizen_id',
      'v.form',
      'v.documents',
    ])
    .where('d.id', '=', ref.id)
    .executeTakeFirstOrThrow()
  const { form: definition, documents, ...dossier } = procedureVersionFromRow(d)
  // Mẫu 01 lists what was handed in: the files of the dossier at reception (supplements and results excluded).
  const files =
    form === '01'
      ? await db
          .selectFrom('dossier_files')
          .select(['id', 'requirement_key', 'original_name'])
          .where('dossier_id', '=', d.id)
          .where('supplement_request_id', 'is', null)
          .where(
            'requirement_key',
            'in',
            documents.map((doc) => doc.key),
          )
          .where('created_at', '<=', event.at)
          .orderBy('created_at')
          .execute()
      : []
  return {
    form,
    dossier,
    action: event.action,
    at: event.at,
    officerName: event.officer_name,
    reason: event.reason,
    dueAt: instant(event.data.dueAt),
    newAppointmentAt: instant(event.data.newAppointmentAt),
    legalDueAt: instant(event.data.legalDueAt),
    items: Array.isArray(event.data.items)
      ? nameItems(supplementItemsOf(event.data.items), definition, documents)
      : [],
    documents: files.map((f) => ({
      ...f,
      name: documents.find((doc) => doc.key === f.requirement_key)?.name ?? {
        vi: f.requirement_key,
        en: f.requirement_key,
      },
    })),
  }
}
export type PrintableFormData = NonNullable<Awaited<ReturnType<typeof getPrintableForm>>>
