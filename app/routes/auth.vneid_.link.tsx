import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CredentialFields } from '../components/credential-fields'
import { ErrorSummary } from '../components/forms'
import { useValidatedForm } from '../components/use-validated-form'
import { getT } from '../i18n/i18next.server'
import { InvalidCredentialsError, ThrottledError, UnconfirmedEmailError } from '../modules/auth/errors'
import { loginSchema } from '../modules/auth/schemas.server'
import {
  completeLink,
  LinkExpiredError,
  LinkMismatchError,
  pendingLink,
} from '../modules/auth/vneid/accounts.server'
import { tokenFrom, vneidLinkCookie } from '../modules/auth/vneid/cookies.server'
import { passActionHeaders } from '../utils/headers'
import { startSessionAndRedirect } from '../utils/login.server'
import { pageTitle } from '../utils/meta'
import { safeRedirect } from '../utils/safe-redirect'
import { parseForm } from '../utils/validation'

const loadLoginSchema = () => import('../modules/auth/schemas').then((m) => m.loginSchema)

/**
 * A verified VNeID sign-in whose personal identification number a password account already holds: the owner
 * proves the password once and the accounts are linked (issue 16 §3). Nothing is signed in before that.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getT(request, ['auth', 'common'])
  const pending = await pendingLink(context.db, await tokenFrom(vneidLinkCookie(context.env), request))
  return { title: t('vneid.linkTitle'), titleSuffix: t('common:meta.titleSuffix'), pending }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(loginSchema, formData)
  const values = { email: parsed.raw.email ?? '' }
  const none = { message: undefined as string | undefined }
  if (!parsed.ok) return data({ ...none, errors: parsed.errors, values }, { status: 400 })
  const { t } = await getT(request, 'auth')
  const linkCookie = vneidLinkCookie(context.env)
  const token = await tokenFrom(linkCookie, request)
  const pending = await pendingLink(context.db, token)
  const refuse = (message: string, status: number, headers?: HeadersInit) =>
    data({ errors: {}, values, message }, { status, headers })
  try {
    const linked = await completeLink(context.db, token, parsed.data, context.ip)
    context.logger.info({ event: 'vneid_linked', userId: linked.id, level: linked.level }, 'VNeID linked')
    const cleared = await linkCookie.serialize('', { maxAge: 0 })
    const vneid = { level: linked.level, identityId: linked.identityId, idToken: linked.idToken }
    return await startSessionAndRedirect(
      request,
      context,
      linked,
      safeRedirect(linked.redirectTo, '/'),
      vneid,
      [cleared],
    )
  } catch (error) {
    if (error instanceof ThrottledError)
      return refuse(t('login.throttled', { seconds: error.seconds }), 429, {
        'Retry-After': String(error.seconds),
      })
    if (error instanceof InvalidCredentialsError) return refuse(t('login.invalid'), 401)
    if (error instanceof UnconfirmedEmailError) return refuse(t('login.unconfirmed'), 403)
    if (error instanceof LinkMismatchError)
      return refuse(t('vneid.linkMismatch', { email: pending?.maskedEmail ?? '' }), 403)
    if (error instanceof LinkExpiredError) return refuse(t('vneid.linkExpired'), 410)
    throw error
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle
export const headers = passActionHeaders(['Retry-After'])

export default function VneidLink() {
  const { t } = useTranslation('auth')
  const { pending } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { onSubmit, errors, field, submitCount } = useValidatedForm(loadLoginSchema, actionData)
  const busy = useNavigation().state === 'submitting'
  const labels = { email: t('login.email'), password: t('login.password') }
  if (!pending) {
    return (
      <div className="narrow">
        <h1>{t('vneid.linkTitle')}</h1>
        <p>{t('vneid.linkExpired')}</p>
        <p>
          <a href="/login">{t('login.title')}</a>
        </p>
      </div>
    )
  }
  return (
    <div className="narrow">
      <h1>{t('vneid.linkTitle')}</h1>
      <ErrorSummary
        errors={errors}
        order={['email', 'password']}
        labels={labels}
        message={actionData?.message}
        focusKey={[actionData, submitCount]}
      />
      <p>
        {t('vneid.linkIntro', {
          name: pending.fullName ?? '',
          level: pending.level,
          email: pending.maskedEmail,
        })}
      </p>
      <p>{t('vneid.linkHow')}</p>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <CredentialFields field={field} labels={labels} />
        <button type="submit" className="button" disabled={busy}>
          {t('vneid.linkSubmit')}
        </button>
      </Form>
      <p>{t('vneid.linkForgot')}</p>
    </div>
  )
}
