import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field } from '../components/forms'
import { useValidatedForm } from '../components/use-validated-form'
import { getLng, getT } from '../i18n/i18next.server'
import { ThrottledError } from '../modules/auth/errors'
import { registerCitizen } from '../modules/auth/registration.server'
import { registerSchema } from '../modules/auth/schemas.server'
import { passActionHeaders } from '../utils/headers'
import { pageTitle } from '../utils/meta'
import { parseForm } from '../utils/validation'

/** The schema for the browser's check, loaded on the first submit (zod stays out of the page's first load). */
const loadRegisterSchema = () => import('../modules/auth/schemas').then((m) => m.registerSchema)

const fields = ['fullName', 'email', 'phone', 'citizenId', 'password'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getT(request, ['auth', 'common'])
  return { title: t('register.title'), titleSuffix: t('common:meta.titleSuffix') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(registerSchema, await request.formData())
  // Echo what was typed (never the password) so nothing has to be typed twice.
  const { password: _password, ...values } = Object.fromEntries(fields.map((f) => [f, parsed.raw[f] ?? '']))
  const none = { sentTo: null as string | null, message: undefined as string | undefined }
  if (!parsed.ok) return data({ ...none, errors: parsed.errors, values }, { status: 400 })
  try {
    await registerCitizen(context.db, parsed.data, await getLng(request), context.ip)
  } catch (error) {
    if (error instanceof ThrottledError) {
      const { t } = await getT(request, 'auth')
      context.logger.warn({ event: 'register_throttled', seconds: error.seconds }, 'registration throttled')
      return data(
        { ...none, errors: {}, values, message: t('register.throttled', { seconds: error.seconds }) },
        { status: 429, headers: { 'Retry-After': String(error.seconds) } },
      )
    }
    throw error
  }
  // The same answer whether the address or the citizen id already had an account (see registration.server.ts).
  context.logger.info({ event: 'register' }, 'registration letter queued')
  return { ...none, errors: {}, values: {}, sentTo: parsed.data.email }
}

// Retry-After on a throttled attempt reaches the browser on a full page post too.
export const headers = passActionHeaders(['Retry-After'])

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Register() {
  const { t } = useTranslation('auth')
  const actionData = useActionData<typeof action>()
  const { onSubmit, errors, field, submitCount } = useValidatedForm(loadRegisterSchema, actionData)
  const busy = useNavigation().state === 'submitting'
  const labels: Record<(typeof fields)[number], string> = {
    fullName: t('register.fullName'),
    email: t('register.email'),
    phone: t('register.phone'),
    citizenId: t('register.citizenId'),
    password: t('register.password'),
  }
  if (actionData?.sentTo)
    return (
      <div className="narrow">
        <h1>{t('register.sentTitle')}</h1>
        <p className="notice" role="status">
          {t('register.sent', { email: actionData.sentTo })}
        </p>
        <p>{t('register.sentNext')}</p>
        <p>
          {t('register.noLetter')} <a href="/register/resend">{t('register.resendLink')}</a>
        </p>
      </div>
    )
  return (
    <div className="narrow">
      <h1>{t('register.title')}</h1>
      <ErrorSummary
        errors={errors}
        order={[...fields]}
        labels={labels}
        message={actionData?.message}
        focusKey={[actionData, submitCount]}
      />
      <p>{t('register.intro')}</p>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <Field
          {...field('fullName')}
          autoComplete="name"
          label={labels.fullName}
          hint={t('register.fullNameHint')}
        />
        <Field
          {...field('email')}
          type="email"
          autoComplete="email"
          spellCheck={false}
          label={labels.email}
          hint={t('register.emailHint')}
        />
        <Field
          {...field('phone')}
          type="tel"
          autoComplete="tel"
          className="input--10ch"
          label={labels.phone}
          hint={t('register.phoneHint')}
        />
        <Field
          {...field('citizenId')}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          className="input--12ch"
          label={labels.citizenId}
          hint={t('register.citizenIdHint')}
        />
        <Field
          {...field('password')}
          type="password"
          autoComplete="new-password"
          label={labels.password}
          hint={t('register.passwordHint')}
        />
        <button type="submit" className="button" disabled={busy}>
          {t('register.submit')}
        </button>
      </Form>
      <p>
        {t('register.haveAccount')} <a href="/login">{t('register.loginLink')}</a>
      </p>
    </div>
  )
}
