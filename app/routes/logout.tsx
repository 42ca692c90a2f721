import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getT } from '../i18n/i18next.server'
import { endSessionAndRedirect } from '../utils/login.server'
import { pageTitle } from '../utils/meta'

// GET only asks: no GET changes state. The POST ends the session.
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getT(request, ['auth', 'common'])
  return { title: t('logout.title'), titleSuffix: t('common:meta.titleSuffix') }
}

export async function action({ context }: ActionFunctionArgs) {
  return endSessionAndRedirect(context, '/')
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Logout() {
  const { t } = useTranslation('auth')
  return (
    <div className="narrow">
      <h1>{t('logout.title')}</h1>
      <p>{t('logout.confirm')}</p>
      {/* A full page post: a VNeID session goes on to the provider's end-session page. */}
      <Form method="post" reloadDocument>
        <button type="submit" className="button">
          {t('logout.submit')}
        </button>
      </Form>
    </div>
  )
}
