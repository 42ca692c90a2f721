import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { getT } from '../i18n/i18next.server'
import { pageTitle } from '../utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getT(request, ['common'])
  return { title: t('portalName') }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Home() {
  const { t } = useTranslation('home')
  const cards = [
    { href: '/procedures', title: t('actions.catalogue'), body: t('actions.catalogueBody') },
    { href: '/lookup', title: t('actions.lookup'), body: t('actions.lookupBody') },
    { href: '/login', title: t('actions.login'), body: t('actions.loginBody') },
  ]
  return (
    <>
      <section className="hero">
        <h1>{t('title')}</h1>
        <p className="lead">{t('intro')}</p>
      </section>
      <ul className="card-grid">
        {cards.map((c) => (
          <li key={c.href} className="card">
            <h2 className="card__title">
              <a href={c.href} className="card__link">
                {c.title}
              </a>
            </h2>
            <p>{c.body}</p>
          </li>
        ))}
      </ul>
      <section className="section">
        <h2>{t('howTitle')}</h2>
        <ol className="steps">
          {(['1', '2', '3', '4'] as const).map((k) => (
            <li key={k}>{t(`how.${k}`)}</li>
          ))}
        </ol>
      </section>
      <section className="section">
        <h2>{t('levelsTitle')}</h2>
        <dl className="levels">
          {(['4', '3'] as const).map((k) => (
            <div key={k} className="levels__row">
              <dt>
                <span className={`badge badge--level${k}`}>{t(`common:level.${k}`)}</span>
              </dt>
              <dd>{t(`levels.${k}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  )
}
