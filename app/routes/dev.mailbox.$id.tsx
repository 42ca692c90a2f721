import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SummaryRows } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { getMailboxMessage, mailboxPageEnabled } from '../modules/notifications/mailbox.server'
import { requireArea } from '../utils/auth.server'
import { formatDateTime } from '../utils/format'
import { notFound } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

// One message of the demo mailbox, as plain text. Administrators of a demo only; never in the live profile.
export async function loader(args: LoaderFunctionArgs) {
  if (!mailboxPageEnabled(args.context.env)) throw notFound()
  await requireArea(args, 'admin')
  const message = await getMailboxMessage(args.context.db, args.params.id ?? '')
  if (!message) throw notFound()
  const { t } = await getT(args.request, ['email', 'common'])
  return data(
    { title: message.subject, titleSuffix: t('common:meta.titleSuffix'), message },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function MailboxMessage() {
  const { t, i18n } = useTranslation('email')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { message } = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <a href="/dev/mailbox">{t('mailbox.back')}</a>
      </p>
      <h1>{message.subject}</h1>
      <SummaryRows
        rows={[
          { label: t('mailbox.to'), value: message.to_address },
          { label: t('mailbox.sentAt'), value: formatDateTime(message.created_at, lng) },
        ]}
      />
      <h2>{t('mailbox.body')}</h2>
      <pre className="pre-line">{message.body}</pre>
    </>
  )
}
