import { useTranslation } from 'react-i18next'

export interface AgencySummary {
  id: string
  code: string
  name_vi: string
  name_en: string
  procedures: number | null
  staff: number | null
  roles: string[]
}

/** The staff member's roles per agency: every staff landing page starts here. */
export function StaffRoles({ agencies }: { agencies: AgencySummary[] }) {
  const { t, i18n } = useTranslation(['staff', 'common'])
  return (
    <section className="section" aria-labelledby="roles-title">
      <h2 id="roles-title">{t('yourRoles')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('agency')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col" className="num">
              {t('catalogue')}
            </th>
            <th scope="col" className="num">
              {t('staffCount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((a) => (
            <tr key={a.id}>
              <th scope="row">{`${i18n.language === 'en' ? a.name_en : a.name_vi} (${a.code})`}</th>
              <td>{a.roles.map((r) => t(`common:roles.${r}`)).join(', ')}</td>
              <td className="num">{t('procedureCount', { count: a.procedures ?? 0 })}</td>
              <td className="num">{a.staff ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
