import { useTranslation } from 'react-i18next'

export function SiteFooter() {
  const { t } = useTranslation()
  return (
    <footer className="site-footer">
      <div className="container">
        <p className="site-footer__name">{t('portalName')}</p>
        <p>{t('footer.about')}</p>
        <p>{t('footer.hotline')}</p>
        <p>{t('footer.privacy')}</p>
        <p>{t('footer.accessibility')}</p>
      </div>
    </footer>
  )
}
