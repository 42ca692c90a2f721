import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { DossierStatus } from '../../db/schema'
import { Pagination } from '../components/catalogue-bits'
import { Select } from '../components/forms'
import { TableScroll } from '../components/table-scroll'
import { getT } from '../i18n/i18next.server'
import { citizenStatuses } from '../modules/dossiers/progress'
import { listForApplicant } from '../modules/dossiers/queries.server'
import { requireUser } from '../utils/auth.server'
import { formatDate } from '../utils/format'
import { pageTitle } from '../utils/meta'

/** The citizen's dossiers (drafts too), newest first, 20 to a page, filtered by status when asked. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args)
  const query = new URL(args.request.url).searchParams
  const wanted = query.get('status') as DossierStatus | null
  const status = wanted && citizenStatuses.includes(wanted) ? wanted : undefined
  const page = Number(query.get('page') ?? '1')
  const [{ t }, list] = await Promise.all([
    getT(args.request, ['dossier', 'common']),
    listForApplicant(args.context.db, user.id, status, Number.isFinite(page) ? page : 1),
  ])
  return {
    title: t('list.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    dossiers: list.items,
    total: list.total,
    page: list.page,
    pages: list.pages,
    status: status ?? '',
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function MyDossiers() {
  const { t, i18n } = useTranslation('dossier')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { dossiers, total, page, pages, status } = useLoaderData<typeof loader>()
  const pageHref = (p: number) =>
    `/dossiers?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) })}`
  return (
    <>
      <h1>{t('list.title')}</h1>
      <Form method="get" className="inline-filter">
        <Select id="status" name="status" label={t('list.filter')} defaultValue={status}>
          <option value="">{t('list.all')}</option>
          {citizenStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </Select>
        <button type="submit" className="button button--secondary">
          {t('list.apply')}
        </button>
      </Form>
      {dossiers.length === 0 ? (
        <p>
          {t('list.empty')} <a href="/procedures">{t('list.find')}</a>
        </p>
      ) : (
        <>
          <p className="results-count">{t('list.count', { count: total })}</p>
          <TableScroll label={t('list.title')}>
            <table className="table">
              <caption className="visually-hidden">{t('list.caption', { page, pages })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('list.code')}</th>
                  <th scope="col">{t('list.procedure')}</th>
                  <th scope="col">{t('list.status')}</th>
                  <th scope="col">{t('list.submitted')}</th>
                  <th scope="col">{t('list.due')}</th>
                </tr>
              </thead>
              <tbody>
                {dossiers.map((d) => (
                  <tr key={d.id}>
                    <td>
                      {d.code ? (
                        <a href={`/dossiers/${d.code}`}>{d.code}</a>
                      ) : (
                        <a href={`/procedures/${encodeURIComponent(d.procedure_code)}/apply`}>
                          {t('list.continueDraft')}
                        </a>
                      )}
                    </td>
                    <td>{lng === 'en' ? d.name_en : d.name_vi}</td>
                    <td>
                      <span className={`status status--${d.status}`}>{t(`status.${d.status}`)}</span>
                    </td>
                    <td>{d.submitted_at ? formatDate(d.submitted_at, lng) : '—'}</td>
                    <td>{d.due_at ? formatDate(d.due_at, lng) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination page={page} pages={pages} href={pageHref} />
        </>
      )}
    </>
  )
}
