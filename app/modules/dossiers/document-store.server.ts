/**
 * The citizen's document store ("kho quản lý dữ liệu điện tử" of Decree 45/2020, issue 15 §3): every result
 * issued to them and every document they filed before, each stored once, and the way a later dossier takes one
 * of them instead of a new upload (the state does not ask twice for what it holds).
 *
 * The store is a view of `dossier_files`, not a copy: a file is in it when its dossier is the citizen's and was
 * filed (drafts are not), it is the file in force of its requirement (not one a supplement replaced), it is not
 * itself taken from the store (the source is listed instead), and, for a result, the dossier's result was
 * approved (result_ready or completed; the specialist's draft is never the citizen's). Every query is scoped by
 * the applicant inside the SQL: another citizen's file id finds nothing (the routes answer 404).
 *
 * A document's kind is its requirement's `kind` in the procedure version it was filed under, or, for a result,
 * the version's `result_kind`. A later draft's required document of the same kind offers the store's files of
 * that kind that its rule accepts (type and size).
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../db/schema'
import type { FileStorage } from '../files/storage.server'
import { requiredDocumentsOf, type Bilingual, type RequiredDocument } from '../forms/definition'
import { NotADraftError, StoreChoiceError } from './errors'
import { keepUploads, replaceFileRow } from './file-records.server'

/** The requirement key of a dossier's result (the officer module's RESULT_KEY; kept here to keep arrows one way). */
const RESULT = 'result'

export interface StoreDocument {
  id: string
  /** 'result': issued by an agency; 'upload': filed by the citizen with an earlier dossier */
  source: 'result' | 'upload'
  /** the document's name as its procedure names it (for a result: the procedure's own name) */
  title: Bilingual
  kind: string | null
  fileName: string
  mime: string
  size: number
  sha256: string
  storageKey: string
  dossierCode: string
  /** when it was filed, or when the result was issued (signed) */
  at: Date
  /** a signed result's number in its agency's register, e.g. '12/2026/LLTP-STP' */
  number: string | null
}

type Db = Kysely<Database> | Transaction<Database>

/** The store's rows of one applicant (optionally one file), newest first. */
function storeRows(db: Db, applicantId: string, fileId?: string) {
  return (
    db
      .selectFrom('dossier_files as f')
      .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
      .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
      .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
      // A signed result (results/): its number and signing time; the file row of a revoked one is removed.
      .leftJoin('results as r', (j) => j.onRef('r.file_id', '=', 'f.id').on('r.revoked_at', 'is', null))
      .select((eb) => [
        'f.id',
        'f.requirement_key',
        'f.original_name',
        'f.mime',
        'f.size',
        'f.sha256',
        'f.storage_key',
        'f.created_at',
        'd.code',
        'v.id as version_id',
        'v.result_kind',
        'p.name_vi',
        'p.name_en',
        'r.number_text',
        'r.signed_at',
        eb
          .selectFrom('dossier_events as e')
          .select((e) => e.fn.max('e.at').as('at'))
          .whereRef('e.dossier_id', '=', 'd.id')
          .where('e.to_status', '=', 'result_ready')
          .as('issued_at'),
      ])
      .where('d.applicant_id', '=', applicantId)
      .where('d.status', '<>', 'draft')
      .where('f.source_file_id', 'is', null)
      .where((eb) =>
        eb.or([eb('f.requirement_key', '<>', RESULT), eb('d.status', 'in', ['result_ready', 'completed'])]),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('dossier_files as later')
              .select('later.id')
              .whereRef('later.dossier_id', '=', 'f.dossier_id')
              .whereRef('later.requirement_key', '=', 'f.requirement_key')
              .whereRef('later.created_at', '>', 'f.created_at'),
          ),
        ),
      )
      .$if(fileId !== undefined, (q) => q.where('f.id', '=', fileId!))
  )
}

type StoreRow = Awaited<ReturnType<ReturnType<typeof storeRows>['execute']>>[number]

/** Rows → documents, each version's documents parsed once by their schema. */
async function toDocuments(db: Db, rows: StoreRow[]): Promise<StoreDocument[]> {
  const versionIds = [...new Set(rows.filter((r) => r.requirement_key !== RESULT).map((r) => r.version_id))]
  const versions = versionIds.length
    ? await db
        .selectFrom('procedure_versions')
        .select(['id', 'documents'])
        .where('id', 'in', versionIds)
        .execute()
    : []
  const docsOf = new Map(versions.map((v) => [v.id, requiredDocumentsOf(v.documents)]))
  return rows.map((r) => {
    const result = r.requirement_key === RESULT
    const doc = result ? undefined : docsOf.get(r.version_id)?.find((d) => d.key === r.requirement_key)
    return {
      id: r.id,
      source: result ? 'result' : 'upload',
      title: result
        ? { vi: r.name_vi, en: r.name_en }
        : (doc?.name ?? { vi: r.requirement_key, en: r.requirement_key }),
      kind: result ? r.result_kind : (doc?.kind ?? null),
      fileName: r.original_name,
      mime: r.mime,
      size: r.size,
      sha256: r.sha256,
      storageKey: r.storage_key,
      dossierCode: r.code!,
      at: result ? (r.signed_at ?? (r.issued_at ? new Date(r.issued_at) : r.created_at)) : r.created_at,
      number: result ? r.number_text : null,
    }
  })
}

export const STORE_PAGE_SIZE = 20

/** One page (1-based; past the end: the last page) of the applicant's store, newest first, with the total. */
export async function listStore(
  db: Kysely<Database>,
  applicantId: string,
  page = 1,
  perPage = STORE_PAGE_SIZE,
) {
  const counted = await db
    .selectFrom(storeRows(db, applicantId).as('s'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  const total = Number(counted.n)
  const pages = Math.max(1, Math.ceil(total / perPage))
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages)
  const rows = await db
    .selectFrom(storeRows(db, applicantId).as('s'))
    .selectAll()
    .orderBy((eb) => eb.fn.coalesce('s.signed_at', 's.issued_at', 's.created_at'), 'desc')
    .orderBy('s.id')
    .limit(perPage)
    .offset((current - 1) * perPage)
    .execute()
  return { items: await toDocuments(db, rows as StoreRow[]), total, page: current, pages }
}

/** One document of the applicant's store, or null (another citizen's, a draft's, an unapproved result). */
export async function storeDocument(db: Db, applicantId: string, fileId: string) {
  if (!UUID.test(fileId)) return null
  const rows = await storeRows(db, applicantId, fileId).execute()
  return rows.length ? (await toDocuments(db, rows))[0] : null
}

/** Whether the requirement `doc` may take the store's document `s`: same kind, a type and size it accepts. */
export function fits(doc: RequiredDocument, s: StoreDocument): boolean {
  return !!doc.kind && s.kind === doc.kind && doc.accept.includes(s.mime) && s.size <= doc.maxBytes
}

/**
 * For each required document of a draft that has a kind, the store's documents it may take (newest first);
 * documents without a candidate are left out.
 */
export async function storeChoices(
  db: Kysely<Database>,
  applicantId: string,
  documents: readonly RequiredDocument[],
): Promise<Record<string, StoreDocument[]>> {
  const kinds = documents.filter((d) => d.kind)
  if (!kinds.length) return {}
  const rows = await storeRows(db, applicantId).orderBy('f.created_at', 'desc').limit(500).execute()
  const all = await toDocuments(db, rows)
  const out: Record<string, StoreDocument[]> = {}
  for (const doc of kinds) {
    const fitting = all.filter((s) => fits(doc, s))
    if (fitting.length) out[doc.key] = fitting
  }
  return out
}

/**
 * Attaches documents from the applicant's store to their draft, one per requirement (replacing what was there):
 * a row that names the same storage object as its source (`source_file_id`), no bytes copied. All or nothing,
 * like an upload: one transaction that locks the draft; a choice of a document not in the store, of another
 * kind, or of a type or size the requirement refuses → StoreChoiceError naming it, and nothing changes. Replaced
 * objects are deleted after the commit when nothing else names them. Not a draft → NotADraftError.
 */
export async function attachFromStore(
  db: Kysely<Database>,
  storage: FileStorage,
  input: { draftId: string; applicantId: string; choices: readonly { key: string; fileId: string }[] },
) {
  await keepUploads(storage, [], () =>
    db.transaction().execute(async (trx) => {
      const draft = await trx
        .selectFrom('dossiers as d')
        .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
        .select(['d.id', 'v.documents'])
        .where('d.id', '=', input.draftId)
        .where('d.applicant_id', '=', input.applicantId)
        .where('d.status', '=', 'draft')
        .forUpdate('d')
        .executeTakeFirst()
      if (!draft) throw new NotADraftError()
      const documents = requiredDocumentsOf(draft.documents)
      const replaced: string[] = []
      for (const choice of input.choices) {
        const doc = documents.find((d) => d.key === choice.key && d.kind)
        if (!doc) throw new StoreChoiceError(choice.key, 'unknownDocument')
        const source = await storeDocument(trx, input.applicantId, choice.fileId)
        if (!source) throw new StoreChoiceError(choice.key, 'notInStore')
        if (!fits(doc, source)) throw new StoreChoiceError(choice.key, 'doesNotFit')
        replaced.push(
          ...(await replaceFileRow(trx, {
            dossierId: draft.id,
            upload: {
              field: doc.key,
              originalName: source.fileName,
              storageKey: source.storageKey,
              mime: source.mime,
              size: source.size,
              sha256: source.sha256,
            },
            uploadedBy: input.applicantId,
            supplementRequestId: null,
            sourceFileId: source.id,
          })),
        )
      }
      return replaced
    }),
  )
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
