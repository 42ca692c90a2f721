/**
 * A dossier's result (issue 15): drafts proposed by the specialist, the signed result issued when the approver
 * approves, its revocation and correction, and what the public verification pages read.
 *
 * API other modules build on (kept stable):
 * - `issueResult(trx, deps, input)`: inside the approval's transaction, numbers, renders, signs and stores the
 *   result; writes the `results` row and the dossier's 'result' file row (dossier_files, requirement_key 'result',
 *   the signed PDF), and returns the storage keys it replaced (delete them after commit).
 * - `resultsOfDossier(db, dossierId)`: every result of a dossier, newest first, with `valid` (not revoked).
 * - `readResultFile(db, storage, resultId)`: the signed PDF's bytes as a stream with its name and size.
 */
import { createHash, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema'
import type { FileStorage } from '../files/storage.server'
import { newStorageKey } from '../files/storage.server'
import type { StoredUpload } from '../files/upload.server'
import { vnDay } from '../calendar/vietnam-time'
import { allFields, formDefinitionOf, type FormDefinition } from '../forms/definition'
import { readablePdf, signPdf } from '../signing/pdf-sign.server'
import type { SigningRuntime } from '../signing/runtime.server'
import { nameText } from '../signing/verify.server'
import { InvalidActionInputError } from '../workflow/errors'
import { resultDefinitionOf, resultFieldName, resultNumberText, type ResultDefinition } from './definition'
import { renderResultPdf } from './document.server'
import * as pkijs from 'pkijs'

export const RESULT_FILE_KEY = 'result'
export const SIGNER_TITLE = 'Lãnh đạo cơ quan (người phê duyệt)'

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(Buffer.from(c))
  return Buffer.concat(chunks)
}

async function putBytes(storage: FileStorage, prefix: string, bytes: Buffer, now: Date) {
  const key = newStorageKey(prefix, now)
  await storage.put(key, Readable.from([bytes]))
  return key
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** The dossier facts a result prints. */
async function dossierFacts(db: Kysely<Database>, dossierId: string) {
  const d = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .leftJoin('agencies as pa', 'pa.id', 'a.parent_id')
    .innerJoin('users as u', 'u.id', 'd.applicant_id')
    .select([
      'd.id',
      'd.code',
      'd.form_data',
      'd.agency_id',
      'a.code as agency_code',
      'a.name_vi as agency_vi',
      'a.parent_authority_vi',
      'pa.name_vi as parent_vi',
      'p.name_vi as procedure_vi',
      'u.full_name as applicant_name',
      'v.form',
      'v.result',
    ])
    .where('d.id', '=', dossierId)
    .executeTakeFirstOrThrow()
  return {
    ...d,
    definition: resultDefinitionOf(d.result),
    formDef: formDefinitionOf(d.form),
    authority: d.parent_authority_vi ?? d.parent_vi ?? null,
  }
}

/** The printed lines: the answers the template names (with their form labels), then the specialist's fields. */
function linesOf(
  def: ResultDefinition,
  form: FormDefinition,
  answers: Record<string, unknown>,
  fields: Record<string, string>,
) {
  if (def.kind !== 'template') return []
  const byKey = new Map(allFields(form).map((f) => [f.key, f]))
  const lines: { label: string; value: string }[] = []
  for (const key of def.answers) {
    const f = byKey.get(key)
    if (!f) continue
    const raw = answers[key]
    let value = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : ''
    if ('options' in f && Array.isArray(f.options)) {
      const o = (f.options as { value: string; label: { vi: string } }[]).find((x) => x.value === value)
      if (o) value = o.label.vi
    }
    if (f.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) value = value.split('-').reverse().join('/')
    lines.push({ label: f.label.vi, value })
  }
  for (const f of def.fields) {
    const v = fields[f.key] ?? ''
    if (!v && !f.required) continue
    lines.push({ label: f.label.vi, value: f.type === 'date' && v ? v.split('-').reverse().join('/') : v })
  }
  return lines
}

/** Reads and checks the specialist's template fields (`rf_<key>` on the form) for a definition. */
export function readResultFields(
  def: ResultDefinition,
  posted: Record<string, unknown>,
  action: 'propose' | 'correct_result',
  requireAll: boolean,
): Record<string, string> {
  const out: Record<string, string> = {}
  if (def.kind !== 'template') return out
  for (const f of def.fields) {
    const raw = posted[f.key]
    const v = typeof raw === 'string' ? raw.trim() : ''
    if (v.length > 2000) throw new InvalidActionInputError(action, resultFieldName(f.key), 'tooLong')
    if (f.type === 'date' && v && !/^\d{4}-\d{2}-\d{2}$/.test(v))
      throw new InvalidActionInputError(action, resultFieldName(f.key), 'invalidDate')
    if (requireAll && f.required && !v)
      throw new InvalidActionInputError(action, resultFieldName(f.key), 'required')
    if (v) out[f.key] = v
  }
  return out
}

// -------------------------------------------------------------------------------------------------------------
// Drafts
// -------------------------------------------------------------------------------------------------------------

export interface DraftInput {
  dossierId: string
  userId: string
  /** the template fields as posted (keys without the rf_ prefix) */
  fields: Record<string, unknown>
  /** an uploaded PDF (or image) made elsewhere; for a template procedure it replaces the template */
  upload?: StoredUpload
  note: string | null
  now: Date
}

/**
 * Prepares a draft before the propose transition: renders the template (or takes the upload), stores its PDF and
 * returns the row to insert inside the transition (`insertDraft`) and the storage key to delete if it fails.
 */
export async function prepareDraft(db: Kysely<Database>, storage: FileStorage, input: DraftInput) {
  const f = await dossierFacts(db, input.dossierId)
  if (input.upload) {
    const bytes = await bytesOf(await storage.get(input.upload.storageKey))
    const key = await putBytes(storage, 'results-drafts', bytes, input.now)
    return {
      key,
      row: {
        kind: 'upload' as const,
        fields: {},
        original_name: input.upload.originalName,
        mime: input.upload.mime,
        size: bytes.length,
        sha256: sha256(bytes),
        storage_key: key,
      },
    }
  }
  if (f.definition.kind !== 'template')
    throw new InvalidActionInputError('propose', RESULT_FILE_KEY, 'required')
  const fields = readResultFields(f.definition, input.fields, 'propose', true)
  const { pdf } = await renderResultPdf({
    authority: f.authority,
    agency: f.agency_vi,
    title: f.definition.title.vi,
    number: null,
    dossierCode: f.code!,
    procedure: f.procedure_vi,
    applicant: f.applicant_name,
    lines: linesOf(f.definition, f.formDef, f.form_data, fields),
    signedAt: null,
    signer: null,
    verifyUrl: null,
  })
  const key = await putBytes(storage, 'results-drafts', pdf, input.now)
  return {
    key,
    row: {
      kind: 'template' as const,
      fields,
      original_name: `du-thao-${f.code}.pdf`,
      mime: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      storage_key: key,
    },
  }
}

export async function insertDraft(
  trx: Transaction<Database>,
  input: {
    dossierId: string
    userId: string
    note: string | null
    row: Awaited<ReturnType<typeof prepareDraft>>['row']
  },
) {
  const seq = await trx
    .selectFrom('result_drafts')
    .select(sql<number>`coalesce(max(seq), 0) + 1`.as('n'))
    .where('dossier_id', '=', input.dossierId)
    .executeTakeFirstOrThrow()
  return trx
    .insertInto('result_drafts')
    .values({
      ...input.row,
      fields: JSON.stringify(input.row.fields),
      dossier_id: input.dossierId,
      seq: seq.n,
      note: input.note,
      created_by: input.userId,
    })
    .returning(['id', 'seq'])
    .executeTakeFirstOrThrow()
}

/** Return for rework: the proposed draft stays in the history, marked returned with the approver's reason. */
export async function returnDraft(trx: Transaction<Database>, dossierId: string, reason: string | null) {
  await trx
    .updateTable('result_drafts')
    .set({ status: 'returned', returned_reason: reason })
    .where('dossier_id', '=', dossierId)
    .where('status', '=', 'proposed')
    .execute()
}

export async function draftsOfDossier(db: Kysely<Database>, dossierId: string) {
  return db
    .selectFrom('result_drafts as r')
    .innerJoin('users as u', 'u.id', 'r.created_by')
    .select([
      'r.id',
      'r.seq',
      'r.kind',
      'r.fields',
      'r.original_name',
      'r.size',
      'r.status',
      'r.note',
      'r.returned_reason',
      'r.created_at',
      'u.full_name as author',
    ])
    .where('r.dossier_id', '=', dossierId)
    .orderBy('r.seq', 'desc')
    .execute()
}

/** A draft's stored file, for the officers of the dossier's agency (the caller has checked the dossier's scope). */
export async function draftOfDossier(db: Kysely<Database>, dossierId: string, draftId: string) {
  if (!UUID.test(draftId)) return null
  return (
    (await db
      .selectFrom('result_drafts')
      .select(['storage_key', 'original_name', 'mime', 'size'])
      .where('id', '=', draftId)
      .where('dossier_id', '=', dossierId)
      .executeTakeFirst()) ?? null
  )
}

// -------------------------------------------------------------------------------------------------------------
// Issuing
// -------------------------------------------------------------------------------------------------------------

export interface IssueDeps {
  storage: FileStorage
  signing: SigningRuntime
  /** the portal's public origin: the QR code's /verify/:id */
  origin: string
}

export interface IssueInput {
  dossierId: string
  approver: { id: string }
  now: Date
  /** a correction: the result it replaces (revoked in the same transaction) and the corrected fields */
  replaces?: { id: string; numberText: string; fields: Record<string, string>; draftId: string | null }
}

export interface IssuedResult {
  id: string
  numberText: string
  sha256: string
  fileId: string
  /** storage keys of the file rows replaced (delete after commit) */
  replacedKeys: string[]
  /** the new object (delete if the transaction rolls back) */
  storageKey: string
}

/**
 * Issues the dossier's signed result inside the approval's (or the correction's) transaction: the next number of
 * the agency's register for the Vietnamese year (a counter row, race-free), the document rendered from the
 * approved draft, signed by the agency's signer (PAdES), stored, and recorded as a `results` row and the
 * dossier's 'result' file. Throws InvalidActionInputError('approve', 'result', 'noDraft') without a draft to
 * approve, and SignerError when the signer refuses (the transaction then rolls back: nothing is approved).
 */
export async function issueResult(
  trx: Transaction<Database>,
  deps: IssueDeps,
  input: IssueInput,
): Promise<IssuedResult> {
  const f = await dossierFacts(trx, input.dossierId)
  const draft = input.replaces
    ? input.replaces.draftId
      ? await trx
          .selectFrom('result_drafts')
          .selectAll()
          .where('id', '=', input.replaces.draftId)
          .executeTakeFirst()
      : undefined
    : await trx
        .selectFrom('result_drafts')
        .selectAll()
        .where('dossier_id', '=', input.dossierId)
        .where('status', '=', 'proposed')
        .orderBy('seq', 'desc')
        .executeTakeFirst()
  if (!draft && !(input.replaces && f.definition.kind === 'template'))
    throw new InvalidActionInputError(
      input.replaces ? 'correct_result' : 'approve',
      RESULT_FILE_KEY,
      'noDraft',
    )
  const approver = await trx
    .selectFrom('users')
    .select('full_name')
    .where('id', '=', input.approver.id)
    .executeTakeFirstOrThrow()

  const signer = await deps.signing.signerFor(trx, { id: f.agency_id, code: f.agency_code })
  const chain = await signer.certificates()
  const own = pkijs.Certificate.fromBER(
    chain[0].buffer.slice(chain[0].byteOffset, chain[0].byteOffset + chain[0].byteLength) as ArrayBuffer,
  )

  const year = Number(vnDay(input.now).slice(0, 4))
  const register = f.definition.register
  const counter = await trx
    .insertInto('result_counters')
    .values({ agency_id: f.agency_id, year, register, last: 1 })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'year', 'register']).doUpdateSet({ last: sql`result_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow()
  const numberText = resultNumberText({ number: counter.last, year, register, agencyCode: f.agency_code })
  const id = randomUUID()
  const verifyUrl = `${deps.origin}/verify/${id}`
  const fields =
    input.replaces?.fields ?? (draft?.kind === 'template' ? (draft.fields as Record<string, string>) : {})
  const title =
    f.definition.kind === 'template'
      ? f.definition.title.vi
      : (f.definition.title?.vi ?? `KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH`)

  let appendPdf: Buffer | null = null
  let attachment: { name: string; mime: string; bytes: Buffer } | null = null
  if (draft?.kind === 'upload') {
    const bytes = await bytesOf(await deps.storage.get(draft.storage_key))
    attachment = { name: draft.original_name, mime: draft.mime, bytes }
    if (draft.mime === 'application/pdf' && (await readablePdf(bytes))) appendPdf = bytes
  }
  const signerName = approver.full_name
  const rendered = await renderResultPdf({
    authority: f.authority,
    agency: f.agency_vi,
    title,
    number: numberText,
    dossierCode: f.code!,
    procedure: f.procedure_vi,
    applicant: f.applicant_name,
    lines: linesOf(f.definition, f.formDef, f.form_data, fields),
    attached: draft?.kind === 'upload' ? { name: draft.original_name, sha256: draft.sha256 } : null,
    signedAt: input.now,
    signer: { name: signerName, title: SIGNER_TITLE },
    verifyUrl,
    replaces: input.replaces?.numberText ?? null,
  })
  const signed = await signPdf({
    pdf: rendered.pdf,
    signer,
    signingTime: input.now,
    reason: `${title} số ${numberText}`,
    name: `${f.agency_vi} — ${signerName}`,
    location: 'Việt Nam',
    contactInfo: verifyUrl,
    widgetRect: rendered.widgetRect,
    appendPdf,
    attachments: attachment ? [attachment] : [],
    cms: deps.signing.cms,
  })
  const hash = sha256(signed.pdf)
  const storageKey = await putBytes(deps.storage, 'results', signed.pdf, input.now)
  try {
    const removed = await trx
      .deleteFrom('dossier_files')
      .where('dossier_id', '=', input.dossierId)
      .where('requirement_key', '=', RESULT_FILE_KEY)
      .where('supplement_request_id', 'is', null)
      .returning('storage_key')
      .execute()
    const file = await trx
      .insertInto('dossier_files')
      .values({
        dossier_id: input.dossierId,
        requirement_key: RESULT_FILE_KEY,
        original_name: `ket-qua-${numberText.replaceAll('/', '-')}.pdf`,
        mime: 'application/pdf',
        size: signed.pdf.length,
        sha256: hash,
        storage_key: storageKey,
        uploaded_by: input.approver.id,
        supplement_request_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (input.replaces)
      await trx.updateTable('results').set({ file_id: null }).where('id', '=', input.replaces.id).execute()
    await trx
      .insertInto('results')
      .values({
        id,
        dossier_id: input.dossierId,
        agency_id: f.agency_id,
        draft_id: draft?.id ?? null,
        register,
        year,
        number: counter.last,
        number_text: numberText,
        title,
        fields: JSON.stringify(fields),
        file_id: file.id,
        storage_key: storageKey,
        size: signed.pdf.length,
        sha256: hash,
        signature_format: signed.level === 'B-T' ? 'PAdES-B-T' : 'PAdES-B-B',
        signer_id: input.approver.id,
        signer_name: signerName,
        signer_title: SIGNER_TITLE,
        certificate_subject: nameText(own.subject),
        certificate_issuer: nameText(own.issuer),
        certificate_serial: Buffer.from(own.serialNumber.valueBlock.valueHexView)
          .toString('hex')
          .toUpperCase(),
        signed_at: input.now,
        replaces_id: input.replaces?.id ?? null,
      })
      .execute()
    if (draft && !input.replaces)
      await trx.updateTable('result_drafts').set({ status: 'approved' }).where('id', '=', draft.id).execute()
    // The removed rows' objects go after commit, except the draft copies the history still holds.
    return {
      id,
      numberText,
      sha256: hash,
      fileId: file.id,
      replacedKeys: removed.map((r) => r.storage_key),
      storageKey,
    }
  } catch (error) {
    await deps.storage.delete(storageKey).catch(() => {})
    throw error
  }
}

/** Streams a signed result's PDF (for delivery; the caller checks who may read it). */
export async function readResultFile(db: Kysely<Database>, storage: FileStorage, resultId: string) {
  if (!UUID.test(resultId)) return null
  const r = await db
    .selectFrom('results')
    .select(['storage_key', 'number_text', 'size', 'dossier_id', 'sha256'])
    .where('id', '=', resultId)
    .executeTakeFirst()
  if (!r) return null
  return {
    name: `ket-qua-${r.number_text.replaceAll('/', '-')}.pdf`,
    size: r.size,
    dossierId: r.dossier_id,
    sha256: r.sha256,
    body: await storage.get(r.storage_key),
  }
}

export async function resultsOfDossier(db: Kysely<Database>, dossierId: string) {
  const rows = await db
    .selectFrom('results as r')
    .leftJoin('results as n', 'n.replaces_id', 'r.id')
    .leftJoin('results as o', 'o.id', 'r.replaces_id')
    .select([
      'r.id',
      'r.number_text',
      'r.title',
      'r.fields',
      'o.number_text as replaces_number',
      'r.file_id',
      'r.sha256',
      'r.size',
      'r.signature_format',
      'r.signer_name',
      'r.signed_at',
      'r.revoked_at',
      'r.revoke_reason',
      'r.replaces_id',
      'n.id as replaced_by_id',
      'n.number_text as replaced_by_number',
    ])
    .where('r.dossier_id', '=', dossierId)
    .orderBy('r.signed_at', 'desc')
    .execute()
  return rows.map((r) => ({ ...r, valid: r.revoked_at === null }))
}

export type DossierResult = Awaited<ReturnType<typeof resultsOfDossier>>[number]

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What the officer's dossier page shows of the result: the template's fields, the drafts' history, the results. */
export async function officerResultsView(db: Kysely<Database>, dossierId: string) {
  const v = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .select('v.result')
    .where('d.id', '=', dossierId)
    .executeTakeFirstOrThrow()
  const definition = resultDefinitionOf(v.result)
  const [drafts, results] = await Promise.all([
    draftsOfDossier(db, dossierId),
    resultsOfDossier(db, dossierId),
  ])
  return {
    kind: definition.kind,
    register: definition.register,
    fields: definition.kind === 'template' ? definition.fields : [],
    drafts,
    results,
  }
}
