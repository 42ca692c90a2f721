import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StaffRoles } from '../components/staff-roles'
import { getT } from '../i18n/i18next.server'
import { adminOverview } from '../modules/admin/overview.server'
import { staffLanding } from '../modules/staff/landing.server'
import { formatDate, formatDateTime } from '../utils/format'
import { requireAdminScope } from '../utils/guards.server'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const { user, scope } = await requireAdminScope(args)
  const [{ t }, agencies, overview] = await Promise.all([
    getT(args.request, ['admin', 'common']),
    staffLanding(args.context.db, user, 'admin'),
    adminOverview(args.context.db, scope),
  ])
  return { title: t('home.title'), titleSuffix: t('common:meta.titleSuffix'), agencies, ...overview }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function AdminHome() {
  const { t, i18n } = useTranslation('admin')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { agencies, year, counts, holidays, recent } = useLoaderData<typeof loader>()
  const tasks = [
    {
      href: '/admin/agencies',
      title: t('home.agencies'),
      text: t('home.agenciesCount', { count: counts.agencies }),
    },
    { href: '/admin/staff', title: t('home.staff'), text: t('home.staffCount', { count: counts.staff }) },
    {
      href: '/admin/holidays',
      title: t('home.holidays'),
      text: t('home.holidaysCount', { count: counts.holidays, year }),
    },
    {
      href: '/admin/procedures',
      title: t('home.procedures'),
      text: t('home.proceduresCount', { count: counts.procedures }),
    },
    { href: '/dashboard', title: t('home.dashboard'), text: t('home.dashboardHint') },
  ]
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <StaffRoles agencies={agencies} />

      <section className="section" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t('home.tasksTitle')}</h2>
        <ul className="card-grid">
          {tasks.map((task) => (
            <li key={task.href} className="card admin-card">
              <h3 className="card__title">
                <a href={task.href}>{task.title}</a>
              </h3>
              <p>{task.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="holidays-title">
        <h2 id="holidays-title">{t('home.holidaysTitle')}</h2>
        <p>{t('home.holidaysCount', { count: holidays.length, year })}</p>
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
        <p>
          <a href={`/admin/holidays?year=${year}`}>{t('home.manageHolidays')}</a>
        </p>
      </section>

      <section className="section" aria-labelledby="recent-title">
        <h2 id="recent-title">{t('home.recentTitle')}</h2>
        {recent.length === 0 ? (
          <p>{t('home.noRecent')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.target')}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.at, lng)}</td>
                  <td>{r.actor}</td>
                  <td>{t(`audit.action.${r.action.replace('.', '_')}`, { defaultValue: r.action })}</td>
                  <td>{r.agency_code ? `${r.target} (${r.agency_code})` : r.target}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}
