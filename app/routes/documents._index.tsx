import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Pagination } from '../components/catalogue-bits'
import { TableScroll } from '../components/table-scroll'
import { getT } from '../i18n/i18next.server'
import { listStore } from '../modules/dossiers/document-store.server'
import { requireUser } from '../utils/auth.server'
import { formatDate, formatSize } from '../utils/format'
import { pageTitle } from '../utils/meta'

/**
 * The citizen's document store ("kho dữ liệu", Decree 45/2020): every result issued to them and every document
 * they filed before, newest first, 20 to a page, each downloaded through /documents/:id (their own only).
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args)
  const page = Number(new URL(args.request.url).searchParams.get('page') ?? '1')
  const [{ t }, store] = await Promise.all([
    getT(args.request, ['dossier', 'common']),
    listStore(args.context.db, user.id, Number.isFinite(page) ? page : 1),
  ])
  return { title: t('store.title'), titleSuffix: t('common:meta.titleSuffix'), ...store }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function MyDocuments() {
  const { t, i18n } = useTranslation('dossier')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { items, total, page, pages } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('store.title')}</h1>
      <p className="lead">{t('store.intro')}</p>
      {items.length === 0 ? (
        <p>
          {t('store.empty')} <a href="/procedures">{t('list.find')}</a>
        </p>
      ) : (
        <>
          <p className="results-count">{t('store.count', { count: total })}</p>
          <TableScroll label={t('store.title')}>
            <table className="table">
              <caption className="visually-hidden">{t('store.caption', { page, pages })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('store.document')}</th>
                  <th scope="col">{t('store.kind')}</th>
                  <th scope="col">{t('store.dossier')}</th>
                  <th scope="col">{t('store.date')}</th>
                  <th scope="col">{t('store.size')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((doc) => (
                  <tr key={doc.id}>
                    <td>
                      {doc.source === 'result' ? `${t('result.title')}: ` : ''}
                      {doc.title[lng]}
                      {doc.number ? ` (${t('result.number', { number: doc.number })})` : ''}
                      <br />
                      <a
                        href={`/documents/${doc.id}`}
                        aria-label={t('detail.download', { name: doc.fileName })}
                      >
                        {doc.fileName}
                      </a>
                    </td>
                    <td>{t(`store.source.${doc.source}`)}</td>
                    <td>
                      <a href={`/dossiers/${doc.dossierCode}`}>{doc.dossierCode}</a>
                    </td>
                    <td>{formatDate(doc.at, lng)}</td>
                    <td>{formatSize(doc.size, lng)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination page={page} pages={pages} href={(p) => `/documents?page=${p}`} />
        </>
      )}
    </>
  )
}
