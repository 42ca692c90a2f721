import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CounterOnlyBadge, LevelBadge, Pagination, feeText } from '../components/catalogue-bits'
import { Field, Select } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { searchCatalogue } from '../modules/catalogue/catalogue.server'
import { pageTitle } from '../utils/meta'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const { t, lng } = await getT(request, ['catalogue', 'common'])
  const level = url.searchParams.get('level')
  const query = {
    q: url.searchParams.get('q')?.slice(0, 200) ?? '',
    agency: url.searchParams.get('agency') ?? '',
    field: url.searchParams.get('field') ?? '',
    level: level === '3' || level === '4' ? (Number(level) as 3 | 4) : undefined,
    page: Math.min(1000, Math.max(1, Number(url.searchParams.get('page')) || 1)),
  }
  const result = await searchCatalogue(context.db, query, lng)
  return { title: t('title'), titleSuffix: t('common:meta.titleSuffix'), query, ...result }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Catalogue() {
  const { t, i18n } = useTranslation('catalogue')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { query, items, total, page, pages, agencies, fields } = useLoaderData<typeof loader>()
  const href = (p: number) => {
    const params = new URLSearchParams()
    if (query.q) params.set('q', query.q)
    if (query.agency) params.set('agency', query.agency)
    if (query.field) params.set('field', query.field)
    if (query.level) params.set('level', String(query.level))
    if (p > 1) params.set('page', String(p))
    return `/procedures${params.size ? `?${params}` : ''}`
  }
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <Form method="get" className="search-form" role="search">
        <Field
          id="q"
          name="q"
          label={t('search.label')}
          hint={t('search.hint')}
          type="search"
          defaultValue={query.q}
        />
        <div className="filters">
          <Select id="agency" name="agency" label={t('search.agency')} defaultValue={query.agency}>
            <option value="">{t('search.any')}</option>
            {agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {lng === 'en' ? a.name_en : a.name_vi}
              </option>
            ))}
          </Select>
          <Select id="field" name="field" label={t('search.field')} defaultValue={query.field}>
            <option value="">{t('search.any')}</option>
            {fields.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </Select>
          <Select id="level" name="level" label={t('search.level')} defaultValue={query.level ?? ''}>
            <option value="">{t('search.any')}</option>
            <option value="4">{t('common:level.4long')}</option>
            <option value="3">{t('common:level.3long')}</option>
          </Select>
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
          <a href="/procedures">{t('search.clear')}</a>
        </div>
      </Form>
      <p role="status" className="results-count">
        {total > 0 ? t('results', { count: total }) : t('noResults')}
      </p>
      <ul className="procedure-list">
        {items.map((p) => (
          <li key={p.code} className="procedure-card">
            <h2 className="procedure-card__title">
              <a href={`/procedures/${encodeURIComponent(p.code)}`}>{lng === 'en' ? p.name_en : p.name_vi}</a>
            </h2>
            {p.online ? <LevelBadge level={p.level} /> : <CounterOnlyBadge />}
            <dl className="facts">
              <div>
                <dt>{t('labels.agency')}</dt>
                <dd>{lng === 'en' ? p.agency_en : p.agency_vi}</dd>
              </div>
              <div>
                <dt>{t('labels.field')}</dt>
                <dd>{lng === 'en' ? p.field_en : p.field_vi}</dd>
              </div>
              <div>
                <dt>{t('labels.processing')}</dt>
                <dd>{t('processingDays', { count: p.processing_days })}</dd>
              </div>
              <div>
                <dt>{t('labels.fee')}</dt>
                <dd>{feeText(p.fee_policy, lng, t)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <Pagination page={page} pages={pages} href={href} />
    </>
  )
}
