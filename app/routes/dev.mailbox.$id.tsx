import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getT } from '../i18n/i18next.server'
import { getMailboxMessage, mailboxPageEnabled } from '../modules/notifications/mailbox.server'
import { formatDateTime } from '../utils/format'
import { notFound } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

// One message of the development mailbox, as plain text. Never in production.
export async function loader(args: LoaderFunctionArgs) {
  if (!mailboxPageEnabled(args.context.env)) throw notFound()
  const message = await getMailboxMessage(args.context.db, args.params.id ?? '')
  if (!message) throw notFound()
  const { t } = await getT(args.request, ['email', 'common'])
  return data(
    { title: message.subject, titleSuffix: t('common:meta.titleSuffix'), message },
    { headers: { 'Cache-Control': 'no-store' } },
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
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('mailbox.to')}</dt>
          <dd>{message.to_address}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('mailbox.sentAt')}</dt>
          <dd>{formatDateTime(message.created_at, lng)}</dd>
        </div>
      </dl>
      <h2>{t('mailbox.body')}</h2>
      <pre className="pre-line">{message.body}</pre>
    </>
  )
}
