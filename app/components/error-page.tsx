import { useTranslation } from 'react-i18next'

export const errorKinds = {
  400: ['errors.badRequestTitle', 'errors.badRequestBody'],
  403: ['errors.forbiddenTitle', 'errors.forbiddenBody'],
  404: ['errors.notFoundTitle', 'errors.notFoundBody'],
  500: ['errors.serverTitle', 'errors.serverBody'],
} as const

/** 404, 403, 500 (and 400) pages in the visitor's language. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation()
  const [title, body] =
    errorKinds[(status in errorKinds ? status : status >= 500 ? 500 : 400) as keyof typeof errorKinds]
  return (
    <div className="error-page">
      <p className="error-page__status">{status}</p>
      <h1>{t(title)}</h1>
      <p className="lead">{t(body)}</p>
      <p>
        <a href="/">{t('errors.backHome')}</a>
      </p>
    </div>
  )
}
