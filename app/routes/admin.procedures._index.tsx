import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getT } from '../i18n/i18next.server'
import { listProcedures } from '../modules/admin/procedures.server'
import { formatDate } from '../utils/format'
import { requireAdminScope } from '../utils/guards.server'
import { pageTitle } from '../utils/meta'
import { TableScroll } from '../components/table-scroll'

export async function loader(args: LoaderFunctionArgs) {
  const { scope } = await requireAdminScope(args)
  const [{ t }, procedures] = await Promise.all([
    getT(args.request, ['admin', 'common']),
    listProcedures(args.context.db, scope),
  ])
  return { title: t('procedures.title'), titleSuffix: t('common:meta.titleSuffix'), procedures }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function AdminProcedures() {
  const { t, i18n } = useTranslation('admin')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { procedures } = useLoaderData<typeof loader>()
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <a href="/admin">{t('home.title')}</a>
      </nav>
      <h1>{t('procedures.title')}</h1>
      <p className="lead">{t('procedures.intro')}</p>
      <TableScroll label={t('procedures.title')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('procedures.name')}</th>
              <th scope="col">{t('procedures.agency')}</th>
              <th scope="col">{t('procedures.level')}</th>
              <th scope="col" className="num">
                {t('procedures.version')}
              </th>
              <th scope="col">{t('procedures.publishedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {procedures.map((p) => (
              <tr key={p.code}>
                <th scope="row">
                  <a href={`/admin/procedures/${encodeURIComponent(p.code)}`}>
                    {lng === 'en' ? p.name_en : p.name_vi}
                  </a>
                  <div className="caption-small">{p.code}</div>
                </th>
                <td>{p.agency_code}</td>
                <td>{t(`common:level.${p.level}`)}</td>
                <td className="num">{p.version ?? '—'}</td>
                <td>{p.published_at ? formatDate(p.published_at, lng) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  )
}
