import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CredentialFields } from '../components/credential-fields'
import { ErrorSummary } from '../components/forms'
import { useValidatedForm } from '../components/use-validated-form'
import { getT } from '../i18n/i18next.server'
import { authenticate, roleNamesOf } from '../modules/auth/accounts.server'
import { InvalidCredentialsError, ThrottledError, UnconfirmedEmailError } from '../modules/auth/errors'
import { loginSchema } from '../modules/auth/schemas.server'
import { passActionHeaders } from '../utils/headers'
import { startSessionAndRedirect } from '../utils/login.server'
import { vneidEnabled } from '../modules/auth/vneid/relying-party.server'
import { pageTitle } from '../utils/meta'
import { safeRedirect } from '../utils/safe-redirect'
import { parseForm } from '../utils/validation'

/** The schema for the browser's check, loaded on the first submit (zod stays out of the page's first load). */
const loadLoginSchema = () => import('../modules/auth/schemas').then((m) => m.loginSchema)

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getT(request, ['auth', 'common'])
  const url = new URL(request.url)
  return {
    title: t('login.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    redirectTo: safeRedirect(url.searchParams.get('redirectTo'), ''),
    expired: url.searchParams.get('expired') === '1',
    confirmed: url.searchParams.get('confirmed') === '1',
    vneid: vneidEnabled(context.env),
    vneidMessage: vneidMessages.find((m) => m === url.searchParams.get('vneid')) ?? null,
  }
}

/** Why a VNeID sign-in came back here (auth.vneid.tsx, auth.vneid.callback.tsx). */
const vneidMessages = ['unavailable', 'refused', 'disabled'] as const

function landingFor(user: { kind: string }, roles: string[]) {
  if (user.kind === 'citizen') return '/'
  if (roles.some((r) => ['reception', 'specialist', 'approver'].includes(r))) return '/officer'
  if (roles.includes('finance')) return '/finance'
  if (roles.includes('admin')) return '/admin'
  return '/'
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(loginSchema, formData)
  const values = { email: parsed.raw.email ?? '' }
  const none = { message: undefined as string | undefined, unconfirmed: false }
  if (!parsed.ok) return data({ ...none, errors: parsed.errors, values }, { status: 400 })
  const { t } = await getT(request, 'auth')
  try {
    const user = await authenticate(context.db, parsed.data, context.ip)
    const roles = await roleNamesOf(context.db, user.id)
    const to = safeRedirect(formData.get('redirectTo'), landingFor(user, roles))
    return await startSessionAndRedirect(request, context, user, to)
  } catch (error) {
    if (error instanceof ThrottledError) {
      context.logger.warn({ event: 'login_throttled', seconds: error.seconds }, 'login throttled')
      return data(
        { ...none, errors: {}, values, message: t('login.throttled', { seconds: error.seconds }) },
        { status: 429, headers: { 'Retry-After': String(error.seconds) } },
      )
    }
    if (error instanceof InvalidCredentialsError) {
      context.logger.info({ event: 'login_failed' }, 'login failed')
      return data({ ...none, errors: {}, values, message: t('login.invalid') }, { status: 401 })
    }
    // Said only after a right password, so it tells nothing about which addresses have accounts.
    if (error instanceof UnconfirmedEmailError)
      return data({ errors: {}, values, message: t('login.unconfirmed'), unconfirmed: true }, { status: 403 })
    throw error
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

// Retry-After on a throttled attempt reaches the browser on a full page post too.
export const headers = passActionHeaders(['Retry-After'])

export default function Login() {
  const { t } = useTranslation('auth')
  const { redirectTo, expired, confirmed, vneid, vneidMessage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { onSubmit, errors, field, submitCount } = useValidatedForm(loadLoginSchema, actionData)
  const busy = useNavigation().state === 'submitting'
  const labels = { email: t('login.email'), password: t('login.password') }
  return (
    <div className="narrow">
      <h1>{t('login.title')}</h1>
      {expired ? (
        <p className="notice" role="status">
          {t('login.sessionExpired')}
        </p>
      ) : null}
      {confirmed ? (
        <p className="notice" role="status">
          {t('login.confirmed')}
        </p>
      ) : null}
      <ErrorSummary
        errors={errors}
        order={['email', 'password']}
        labels={labels}
        message={actionData?.message ?? (vneidMessage ? t(`vneid.${vneidMessage}`) : undefined)}
        focusKey={[actionData, submitCount]}
      />
      {actionData?.unconfirmed ? (
        <p>
          <a href="/register/resend">{t('login.resendLink')}</a>
        </p>
      ) : null}
      <p>{t('login.intro')}</p>
      {vneid ? (
        <section className="vneid-signin" aria-labelledby="vneid-title">
          <h2 id="vneid-title" className="visually-hidden">
            {t('vneid.button')}
          </h2>
          <p>{t('vneid.intro')}</p>
          {/* A full page post: the answer sends the browser on to the provider. */}
          <Form method="post" action="/auth/vneid" reloadDocument>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <button type="submit" className="button button--vneid">
              {t('vneid.button')}
            </button>
          </Form>
          <p className="caption">{t('vneid.or')}</p>
        </section>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <CredentialFields field={field} labels={labels} />
        <button type="submit" className="button" disabled={busy}>
          {t('login.submit')}
        </button>
      </Form>
      <p>
        {t('login.noAccount')} <a href="/register">{t('login.registerLink')}</a>
      </p>
    </div>
  )
}
