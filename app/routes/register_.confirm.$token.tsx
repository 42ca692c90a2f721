import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getT } from '../i18n/i18next.server'
import { confirmEmail } from '../modules/auth/registration.server'
import { pageTitle } from '../utils/meta'

// The link of the registration letter. GET only asks (mail scanners open links; no GET changes state); the
// POST uses the token once and sends the person to sign in with the password they chose.
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getT(request, ['auth', 'common'])
  return { title: t('confirm.title'), titleSuffix: t('common:meta.titleSuffix') }
}

export async function action({ params, context }: ActionFunctionArgs) {
  if (await confirmEmail(context.db, params.token ?? '')) {
    context.logger.info({ event: 'email_confirmed' }, 'e-mail address confirmed')
    return redirect('/login?confirmed=1')
  }
  // Unknown, expired or used: one answer for all three.
  return data({ invalid: true }, { status: 404 })
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function ConfirmEmail() {
  const { t } = useTranslation('auth')
  const invalid = useActionData<typeof action>()?.invalid
  return (
    <div className="narrow">
      <h1>{t('confirm.title')}</h1>
      {invalid ? (
        <>
          <div className="error-summary" role="alert">
            <p>{t('confirm.invalid')}</p>
          </div>
          <p>
            <a href="/register/resend">{t('confirm.resendLink')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('confirm.intro')}</p>
          <Form method="post">
            <button type="submit" className="button">
              {t('confirm.submit')}
            </button>
          </Form>
        </>
      )}
    </div>
  )
}
