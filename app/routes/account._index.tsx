import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SummaryRows } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { identityOf } from '../modules/auth/vneid/accounts.server'
import { requireSignIn } from '../utils/auth.server'
import { formatDateTime } from '../utils/format'
import { pageTitle } from '../utils/meta'

/** The signed-in person's account: who, how this session signed in (and at which identity level), the VNeID link. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, auth } = await requireSignIn(args)
  const [{ t }, identity] = await Promise.all([
    getT(args.request, ['auth', 'common']),
    identityOf(args.context.db, user.id),
  ])
  return {
    title: t('account.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    user: {
      fullName: user.fullName,
      email: user.email.endsWith('.invalid') ? null : user.email,
      staff: user.kind === 'staff',
    },
    auth: { method: auth.method, level: auth.level },
    identity,
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Account() {
  const { t, i18n } = useTranslation('auth')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { user, auth, identity } = useLoaderData<typeof loader>()
  return (
    <div className="narrow">
      <h1>{t('account.title')}</h1>
      <SummaryRows
        rows={[
          { label: t('account.name'), value: user.fullName },
          { label: t('account.email'), value: user.email ?? t('account.noEmail') },
          {
            label: t('account.method'),
            value:
              auth.method === 'vneid'
                ? t('account.methodVneid', { level: auth.level })
                : t('account.methodPassword'),
          },
        ]}
      />
      <h2>{t('account.vneidTitle')}</h2>
      {user.staff ? <p>{t('account.staffNote')}</p> : null}
      {identity ? (
        <SummaryRows
          rows={[
            { label: t('account.vneidTitle'), value: t('account.vneidLinked') },
            { label: t('account.personalId'), value: identity.personal_id },
            { label: t('account.level'), value: t('account.levelValue', { level: identity.level }) },
            { label: t('account.verifiedAt'), value: formatDateTime(identity.verified_at, lng) },
          ]}
        />
      ) : user.staff ? null : (
        <p>{t('account.vneidNotLinked')}</p>
      )}
    </div>
  )
}
