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
 * Published procedures matching every word of `q` regardless of case and Vietnamese accents
 * ("ly lich tu phap" finds "Cấp Phiếu lý lịch tư pháp"), filtered by agency code, field and level, one page.
 */
export async function searchCatalogue(db: Kysely<Database>, query: CatalogueQuery, lng: 'vi' | 'en') {
  const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8)
  let base = db
    .selectFrom('procedures as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .where('p.published', '=', true)
  for (const w of words) {
    base = base.where(sql<boolean>`p.search_text LIKE '%' || lower(unaccent(${likeEscape(w)})) || '%'`)
  }
  if (query.agency) base = base.where('a.code', '=', query.agency)
  if (query.field) base = base.where(lng === 'en' ? 'p.field_en' : 'p.field_vi', '=', query.field)
  if (query.level) base = base.where('p.level', '=', query.level)

  const page = Math.max(1, query.page ?? 1)
  const [rows, count, agencies, fields] = await Promise.all([
    base
      .select([
        'p.code',
        'p.level',
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
      .orderBy(lng === 'en' ? 'p.name_en' : 'p.name_vi')
      .orderBy('p.code')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
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
  return {
    items: rows.map((r) => ({ ...r, fee_policy: feePolicyOf(r.fee_policy) })),
    total: count.n,
    page,
    pages: Math.max(1, Math.ceil(count.n / PAGE_SIZE)),
    agencies,
    fields: fields.map((f) => f.field),
  }
}

/** A published procedure with its agency and current (latest published) version; null when unknown. */
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
    ])
    .where('p.code', '=', code)
    .where('p.published', '=', true)
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
