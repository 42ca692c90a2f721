import { Form, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { RootData } from '../root'

interface Props {
  user: RootData['user']
  lng: 'vi' | 'en'
}

/** Header: the portal's name, the language switch (a form: works without JavaScript) and navigation by role. */
export function SiteHeader({ user, lng }: Props) {
  const { t } = useTranslation()
  const location = useLocation()
  const params = new URLSearchParams(location.search)
  params.delete('lng')
  const here = `${location.pathname}${params.size ? `?${params}` : ''}`
  const other = lng === 'vi' ? 'en' : 'vi'
  const links: { to: string; label: string }[] = [
    { to: '/', label: t('nav.home') },
    { to: '/procedures', label: t('nav.procedures') },
    { to: '/lookup', label: t('nav.lookup') },
  ]
  if (user?.kind === 'citizen')
    links.push({ to: '/dossiers', label: t('nav.dossiers') }, { to: '/documents', label: t('nav.documents') })
  if (user?.areas.officer) links.push({ to: '/officer', label: t('nav.officer') })
  if (user?.areas.finance) links.push({ to: '/finance', label: t('nav.finance') })
  if (user?.areas.dashboard) links.push({ to: '/dashboard', label: t('nav.dashboard') })
  if (user?.areas.admin) links.push({ to: '/admin', label: t('nav.admin') })

  return (
    <header className="site-header">
      <div className="site-header__top">
        <div className="container site-header__bar">
          <a href="/" className="site-header__brand">
            <span className="site-header__emblem" aria-hidden="true">
              ★
            </span>
            <span>
              <span className="site-header__gov">{t('government')}</span>
              <span className="site-header__name">{t('portalName')}</span>
            </span>
          </a>
          <div className="site-header__tools">
            <Form method="post" action="/language" className="lang-switch" reloadDocument>
              <input type="hidden" name="lng" value={other} />
              <input type="hidden" name="redirectTo" value={here} />
              <button
                type="submit"
                className="link-button"
                lang={other}
                aria-label={t('language.switchLabel')}
              >
                {t('language.switch')}
              </button>
            </Form>
            {user ? (
              <div className="site-header__account">
                <span className="site-header__user">
                  <a href="/account">{t('signedInAs', { name: user.fullName })}</a>
                </span>
                {/* A full page post: a VNeID session goes on to the provider's end-session page. */}
                <Form method="post" action="/logout" reloadDocument>
                  <button type="submit" className="link-button">
                    {t('nav.logout')}
                  </button>
                </Form>
              </div>
            ) : (
              <div className="site-header__account">
                <a href={`/login?redirectTo=${encodeURIComponent(here)}`}>{t('nav.login')}</a>
                <a href="/register">{t('nav.register')}</a>
              </div>
            )}
          </div>
        </div>
      </div>
      <nav className="site-nav" aria-label={t('nav.label')}>
        <ul className="container site-nav__list">
          {links.map((l) => (
            <li key={l.to}>
              <NavLink to={l.to} end={l.to === '/'} className="site-nav__link" prefetch="intent">
                {l.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  )
}
