import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getT } from '../i18n/i18next.server'
import { listMailbox, mailboxPageEnabled } from '../modules/notifications/mailbox.server'
import { requireArea } from '../utils/auth.server'
import { formatDateTime } from '../utils/format'
import { notFound } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

// The demo mailbox: what the portal "sent" when no SMTP server is configured. Administrators of a demo only
// (letters are personal data); never in the live profile.
export async function loader(args: LoaderFunctionArgs) {
  if (!mailboxPageEnabled(args.context.env)) throw notFound()
  await requireArea(args, 'admin')
  const [{ t }, messages] = await Promise.all([
    getT(args.request, ['email', 'common']),
    listMailbox(args.context.db),
  ])
  return data(
    { title: t('mailbox.title'), titleSuffix: t('common:meta.titleSuffix'), messages },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Mailbox() {
  const { t, i18n } = useTranslation('email')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { messages } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('mailbox.title')}</h1>
      <p className="lead">{t('mailbox.intro')}</p>
      {messages.length === 0 ? (
        <p>{t('mailbox.empty')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('mailbox.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mailbox.time')}</th>
              <th scope="col">{t('mailbox.to')}</th>
              <th scope="col">{t('mailbox.subject')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.created_at, lng)}</td>
                <td>{m.to_address}</td>
                <td>
                  <a href={`/dev/mailbox/${m.id}`}>{m.subject}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
