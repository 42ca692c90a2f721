import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { procedureVersionFromRow } from '../forms/definition'
import { feePolicyOf, procedureTextsOf } from './types'

export const PAGE_SIZE = 10

export interface CatalogueQuery {
  q?: string
  agency?: string
  field?: string
  level?: 3 | 4
  page?: number
}

/** Escapes LIKE wildcards in user input. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * How close (pg_trgm similarity, 0–1) a known word of the catalogue must be to a search word found nowhere, to
 * stand in for it: "phapp" → "phap" (0.57), "sihn" → "sinh"; "qwerty" finds no stand-in and so nothing.
 */
export const CORRECTION_THRESHOLD = 0.4

/**
 * The search words with each one found nowhere in the catalogue (and made of letters and digits only: a code
 * fragment such as "1.0103" is left as typed) replaced by the closest known word (one query on
 * the catalogue_words table, through its trigram index); `corrected` is true when any word was replaced.
 */
async function correctWords(db: Kysely<Database>, words: string[]) {
  if (!words.length) return { words, corrected: false }
  // The nearest word is looked for only for a word found nowhere (a scan of the word list each).
  const rows = await sql<{ i: number; w: string; found: boolean; near: string | null }>`
    SELECT q.i, q.w, q.found,
           CASE WHEN q.found THEN NULL ELSE
             (SELECT c.word FROM catalogue_words c
               WHERE c.word % q.n AND similarity(c.word, q.n) >= ${CORRECTION_THRESHOLD}
               ORDER BY similarity(c.word, q.n) DESC, c.word LIMIT 1) END AS near
      FROM (SELECT u.i::int AS i, u.w, u.n,
                   (u.n ~ '[^[:alnum:]]' OR EXISTS (SELECT 1 FROM catalogue_words c WHERE strpos(c.word, u.n) > 0)) AS found
              FROM (SELECT i, w, lower(unaccent(w)) AS n
                      FROM unnest(${words}::text[]) WITH ORDINALITY AS t(w, i)) u) q
     ORDER BY q.i`.execute(db)
  let corrected = false
  const out = rows.rows.map((r) => {
    if (r.found || !r.near) return r.w
    corrected = true
    return r.near
  })
  return { words: out, corrected }
}

/**
 * `lower(unaccent(word))` worked out here when the answer is plain ASCII (Vietnamese letters lose their marks and
 * đ becomes d, exactly as `unaccent` does for them), so the pattern reaches PostgreSQL as a value: the planner can
 * then weigh it and use the trigram index (a common word such as "giay" otherwise costs a scan of every
 * procedure with `unaccent` run on each row). Anything else (a letter `unaccent` maps but Unicode does not
 * decompose, such as ø) is left to PostgreSQL.
 */
function asciiFolded(w: string): string | null {
  const folded = w.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase()
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(folded) ? folded : null
}

/** A search word as a LIKE pattern on an accent-free column. */
function patternOf(w: string) {
  const folded = asciiFolded(w)
  return folded !== null
    ? sql`${`%${likeEscape(folded)}%`}`
    : sql`(SELECT '%' || lower(unaccent(${likeEscape(w)})) || '%')`
}

/** Every word of the query in an accent-free column (`col` is a trusted column name). */
function allWordsIn(col: string, words: string[]) {
  return sql.join(
    words.map((w) => sql`${sql.ref(col)} LIKE ${patternOf(w)}`),
    sql` AND `,
  )
}

/**
 * Published procedures matching the query regardless of case and Vietnamese accents, filtered by agency code,
 * field and level, one page. A procedure matches when every word of `q` is in its code, names or fields
 * ("ly lich tu phap" finds "Cấp Phiếu lý lịch tư pháp"); a word found nowhere is first replaced by the closest
 * word of the catalogue by trigram similarity ("ly lich tu phapp" still finds it, `searchedFor` says so). Ranked by where the words are: all in the name, then all
 * in the field, then all in the code, then spread over them, then similar only; within a rank the procedures that
 * can be applied for online first, then the closest names, then alphabetically. Without a query: online first,
 * then by name. Level 3/4 filters the procedures open online at that level.
 */
export async function searchCatalogue(db: Kysely<Database>, query: CatalogueQuery, lng: 'vi' | 'en') {
  const typed = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8)
  const [facets, found] = await Promise.all([
    catalogueFacets(db, lng),
    (async () => {
      const first = await searchWords(db, query, lng, typed)
      if (first.total > 0 || !typed.length) return { ...first, searchedFor: null }
      // Nothing as typed: a mistyped word is replaced by the closest word of the catalogue, once.
      const { words, corrected } = await correctWords(db, typed)
      if (!corrected) return { ...first, searchedFor: null }
      return { ...(await searchWords(db, query, lng, words)), searchedFor: words.join(' ') }
    })(),
  ])
  return { ...found, ...facets }
}

interface Facets {
  agencies: { code: string; name_vi: string; name_en: string }[]
  fields: string[]
}

/** Each database's facets by language, with the catalogue version they were read at. */
const facetsMemo = new WeakMap<Kysely<Database>, Map<'vi' | 'en', { version: string; facets: Facets }>>()

/**
 * The filters' choices (agencies with published procedures, and the fields), the same for every search: read
 * again only when the catalogue's version (bumped by triggers in the transaction of any change to agencies,
 * procedures or their versions) has moved since they were last read. They are read after the version, so they
 * are at least as new as the version they are kept under.
 */
async function catalogueFacets(db: Kysely<Database>, lng: 'vi' | 'en'): Promise<Facets> {
  const { rows } = await sql<{
    version: string
  }>`SELECT version::text AS version FROM catalogue_version`.execute(db)
  const version = rows[0]?.version ?? ''
  let byLng = facetsMemo.get(db)
  if (!byLng) facetsMemo.set(db, (byLng = new Map()))
  const kept = byLng.get(lng)
  if (kept && kept.version === version) return kept.facets
  const [agencies, fields] = await Promise.all([
    db
      .selectFrom('agencies as a')
      .select(['a.code', 'a.name_vi', 'a.name_en'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('procedures as p')
            .select('p.id')
            .whereRef('p.agency_id', '=', 'a.id')
            .where('p.published', '=', true),
        ),
      )
      .orderBy(lng === 'en' ? 'a.name_en' : 'a.name_vi')
      .execute(),
    db
      .selectFrom('procedures')
      .select(lng === 'en' ? 'field_en as field' : 'field_vi as field')
      .distinct()
      .where('published', '=', true)
      .orderBy('field')
      .execute(),
  ])
  const facets = { agencies, fields: fields.map((f) => f.field) }
  const newest = byLng.get(lng)
  if (!newest || BigInt(newest.version || '0') <= BigInt(version || '0')) byLng.set(lng, { version, facets })
  return facets
}

async function searchWords(db: Kysely<Database>, query: CatalogueQuery, lng: 'vi' | 'en', words: string[]) {
  let base = db
    .selectFrom('procedures as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .where('p.published', '=', true)
  if (words.length) {
    base = base.where(sql<boolean>`(${allWordsIn('p.search_text', words)})`)
  }
  if (query.agency) base = base.where('a.code', '=', query.agency)
  if (query.field) base = base.where(lng === 'en' ? 'p.field_en' : 'p.field_vi', '=', query.field)
  if (query.level) base = base.where('p.level', '=', query.level).where('p.online', '=', true)

  const page = Math.max(1, query.page ?? 1)
  let list = base.select([
    'p.code',
    'p.level',
    'p.online',
    'p.name_vi',
    'p.name_en',
    'p.field_vi',
    'p.field_en',
    'p.processing_days',
    'p.fee_policy',
    'a.code as agency_code',
    'a.name_vi as agency_vi',
    'a.name_en as agency_en',
  ])
  if (words.length) {
    list = list
      .orderBy(
        sql`CASE WHEN ${allWordsIn('p.search_name', words)} THEN 0
                 WHEN ${allWordsIn('p.search_field', words)} THEN 1
                 WHEN ${sql.join(
                   words.map((w) => sql`lower(p.code) LIKE (SELECT '%' || lower(${likeEscape(w)}) || '%')`),
                   sql` AND `,
                 )} THEN 2
                 WHEN ${allWordsIn('p.search_text', words)} THEN 3
                 ELSE 4 END`,
      )
      .orderBy('p.online', 'desc')
      // the shorter of two names holding every word is the closer one ("Cấp giấy phép xây dựng" before
      // "Cấp lại giấy phép xây dựng công trình…"): a cheap measure, unlike trigram similarity per row
      .orderBy(sql`length(p.search_name)`)
  } else {
    list = list.orderBy('p.online', 'desc')
  }
  // One scan gives the page and the total (a window count); a page past the end has no row to carry it.
  const rows = await list
    .select(sql<string>`count(*) OVER ()`.as('total'))
    .orderBy(lng === 'en' ? 'p.name_en' : 'p.name_vi')
    .orderBy('p.code')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute()
  const total =
    rows.length > 0
      ? Number(rows[0].total)
      : page > 1
        ? Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
        : 0
  return {
    items: rows.map(({ total: _total, ...r }) => ({ ...r, fee_policy: feePolicyOf(r.fee_policy) })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  }
}

/** A published procedure open online, with its agency and current (latest published) version; null when unknown. */
export async function getProcedure(db: Kysely<Database>, code: string) {
  const row = await db
    .selectFrom('procedures as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .innerJoin('procedure_versions as v', (j) =>
      j.onRef('v.procedure_id', '=', 'p.id').on('v.published_at', 'is not', null),
    )
    .select([
      'p.id',
      'p.code',
      'p.level',
      'p.name_vi',
      'p.name_en',
      'p.field_vi',
      'p.field_en',
      'p.processing_days',
      'p.delivery',
      'p.fee_policy',
      'p.texts',
      'a.id as agency_id',
      'a.code as agency_code',
      'a.name_vi as agency_vi',
      'a.name_en as agency_en',
      'v.id as version_id',
      'v.version',
      'v.form',
      'v.documents',
      'v.required_identity_level',
    ])
    .where('p.code', '=', code)
    .where('p.published', '=', true)
    .where('p.online', '=', true)
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return null
  return {
    ...procedureVersionFromRow(row),
    fee_policy: feePolicyOf(row.fee_policy),
    texts: procedureTextsOf(row.texts),
    delivery: row.delivery as ('online' | 'counter' | 'post')[],
  }
}
export type ProcedureDetail = NonNullable<Awaited<ReturnType<typeof getProcedure>>>

/**
 * A published procedure listed for information only (`online` false: dossiers are taken at the agency's counter
 * or by post, there is no e-form here), with its agency, texts and the documents to bring; null when unknown or
 * when it is open online (then `getProcedure` gives it with its form).
 */
export async function getCounterProcedure(db: Kysely<Database>, code: string) {
  const row = await db
    .selectFrom('procedures as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select([
      'p.code',
      'p.level',
      'p.name_vi',
      'p.name_en',
      'p.field_vi',
      'p.field_en',
      'p.processing_days',
      'p.fee_policy',
      'p.texts',
      'a.code as agency_code',
      'a.name_vi as agency_vi',
      'a.name_en as agency_en',
      'a.address_vi as agency_address_vi',
      'a.address_en as agency_address_en',
    ])
    .where('p.code', '=', code)
    .where('p.published', '=', true)
    .where('p.online', '=', false)
    .executeTakeFirst()
  if (!row) return null
  const texts = procedureTextsOf(row.texts)
  return {
    ...row,
    fee_policy: feePolicyOf(row.fee_policy),
    texts,
    documents: (texts.counterDocuments ?? []).map((d, i) => ({ key: `doc${i}`, required: true, ...d })),
  }
}
