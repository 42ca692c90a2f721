import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getT } from '../i18n/i18next.server'
import { getProcedure } from '../modules/catalogue/catalogue.server'
import { vneidEnabled } from '../modules/auth/vneid/relying-party.server'
import { requireSignIn } from '../utils/auth.server'
import { notFound } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'
import { applyPath } from '../utils/paths'

/**
 * Where a password or level-1 session lands when a procedure version requires identity level 2 (issue 16 §3):
 * why, how this session signed in, how to raise the account to level 2, and a fresh VNeID sign-in that comes
 * back to the procedure.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { auth } = await requireSignIn(args)
  const code = new URL(args.request.url).searchParams.get('procedure') ?? ''
  const [{ t, lng }, procedure] = await Promise.all([
    getT(args.request, ['auth', 'common']),
    getProcedure(args.context.db, code),
  ])
  if (!procedure) throw notFound()
  return {
    title: t('vneid.levelTitle'),
    titleSuffix: t('common:meta.titleSuffix'),
    name: lng === 'en' ? procedure.name_en : procedure.name_vi,
    code: procedure.code,
    auth: { method: auth.method, level: auth.level },
    vneid: vneidEnabled(args.context.env),
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function IdentityLevel() {
  const { t } = useTranslation('auth')
  const { name, code, auth, vneid } = useLoaderData<typeof loader>()
  return (
    <div className="narrow">
      <h1>{t('vneid.levelTitle')}</h1>
      <p>{t('vneid.levelWhy', { name })}</p>
      <p className="notice">{auth.method === 'vneid' ? t('vneid.levelOne') : t('vneid.levelPassword')}</p>
      <h2>{t('vneid.levelHowTitle')}</h2>
      <ol>
        <li>{t('vneid.levelHow1')}</li>
        <li>{t('vneid.levelHow2')}</li>
        <li>{t('vneid.levelHow3')}</li>
      </ol>
      {vneid ? (
        <Form method="post" action="/auth/vneid" reloadDocument>
          <input type="hidden" name="redirectTo" value={applyPath(code)} />
          <input type="hidden" name="prompt" value="login" />
          <button type="submit" className="button button--vneid">
            {t('vneid.levelSignIn')}
          </button>
        </Form>
      ) : null}
      <p>
        <a href={`/procedures/${encodeURIComponent(code)}`}>{t('vneid.levelBack')}</a>
      </p>
    </div>
  )
}
