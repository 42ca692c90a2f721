import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StaffRoles } from '../components/staff-roles'
import { getT } from '../i18n/i18next.server'
import { staffLanding } from '../modules/staff/landing.server'
import { requireArea } from '../utils/auth.server'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'officer')
  const [{ t }, agencies] = await Promise.all([
    getT(args.request, ['staff', 'common']),
    staffLanding(args.context, user, 'officer'),
  ])
  return { title: t('officer.title'), titleSuffix: t('common:meta.titleSuffix'), agencies }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function OfficerHome() {
  const { t } = useTranslation('staff')
  const { agencies } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('officer.title')}</h1>
      <p className="lead">{t('officer.intro')}</p>
      <StaffRoles agencies={agencies} />
    </>
  )
}
