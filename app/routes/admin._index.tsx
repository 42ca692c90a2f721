import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StaffRoles } from '../components/staff-roles'
import { getT } from '../i18n/i18next.server'
import { holidaysBetween } from '../modules/staff/overview.server'
import { staffLanding } from '../modules/staff/landing.server'
import { requireArea } from '../utils/auth.server'
import { formatDate } from '../utils/format'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'admin')
  const year = new Date().getUTCFullYear()
  const [{ t }, agencies, holidays] = await Promise.all([
    getT(args.request, ['staff', 'common']),
    staffLanding(args.context, user, 'admin'),
    holidaysBetween(args.context.db, `${year}-01-01`, `${year + 1}-12-31`),
  ])
  return { title: t('admin.title'), titleSuffix: t('common:meta.titleSuffix'), agencies, holidays }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function AdminHome() {
  const { t, i18n } = useTranslation('staff')
  const { agencies, holidays } = useLoaderData<typeof loader>()
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <p className="lead">{t('admin.intro')}</p>
      <StaffRoles agencies={agencies} />
      <section className="section" aria-labelledby="holidays-title">
        <h2 id="holidays-title">{t('holidays')}</h2>
        <p>{t('holidayCount', { count: holidays.length })}</p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('date')}</th>
              <th scope="col">{t('name')}</th>
            </tr>
          </thead>
          <tbody>
            {holidays.map((h) => (
              <tr key={h.date}>
                <td>{formatDate(h.date, lng)}</td>
                <td>{lng === 'en' ? h.name_en : h.name_vi}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  )
}
