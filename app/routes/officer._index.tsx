import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Field, Select } from '../components/forms'
import { StaffRoles } from '../components/staff-roles'
import { getT } from '../i18n/i18next.server'
import { queueDefinition, queueQuerySchema, type QueueParam } from '../modules/queues/definitions'
import { officerHome, type RowClock } from '../modules/queues/queues.server'
import { requireArea } from '../utils/auth.server'
import { formatDate, formatDateTime } from '../utils/format'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'officer')
  const query = queueQuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams))
  const [{ t }, home] = await Promise.all([
    getT(args.request, ['staff', 'common']),
    officerHome(args.context.db, user, query),
  ])
  return { title: t('officer.title'), titleSuffix: t('common:meta.titleSuffix'), ...home }
}

export const meta: MetaFunction<typeof loader> = pageTitle

/** `/officer?queue=…&q=…&after=…`, leaving out what is empty (the officer's default queue has no parameter). */
function queueHref(queue: QueueParam, q = '', after: string | null = null) {
  const params = new URLSearchParams({ queue })
  if (q) params.set('q', q)
  if (after) params.set('after', after)
  return `/officer?${params}`
}

/** Working minutes as "3 giờ 20 phút" / "3 hours 20 minutes". */
function duration(minutes: number, t: TFunction) {
  const total = Math.floor(Math.abs(minutes))
  const hours = Math.floor(total / 60)
  const rest = total % 60
  const parts = [
    hours ? t('clock.hours', { count: hours }) : '',
    rest || !hours ? t('clock.minutes', { count: rest }) : '',
  ]
  return parts.filter(Boolean).join(' ')
}

function ClockText({ clock }: { clock: RowClock }) {
  const { t } = useTranslation('queues')
  switch (clock.kind) {
    case 'reception':
      return clock.minutesLeft < 0 ? (
        <strong className="clock clock--late">
          {t('clock.receptionLate', { time: duration(clock.minutesLeft, t) })}
        </strong>
      ) : (
        <span className={clock.minutesLeft < 120 ? 'clock clock--soon' : 'clock'}>
          {t('clock.receptionLeft', { time: duration(clock.minutesLeft, t) })}
        </span>
      )
    case 'due':
      if (clock.daysLeft < 0)
        return (
          <strong className="clock clock--late">{t('clock.daysLate', { count: -clock.daysLeft })}</strong>
        )
      if (clock.daysLeft === 0) return <strong className="clock clock--soon">{t('clock.dueToday')}</strong>
      return <span className="clock">{t('clock.daysLeft', { count: clock.daysLeft })}</span>
    case 'paused':
      return <span className="clock">{t('clock.paused')}</span>
    case 'none':
      return <span className="clock">{t('clock.none')}</span>
  }
}

export default function OfficerHome() {
  const { t, i18n } = useTranslation(['queues', 'staff'])
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { queues, queue, q, after, page, multiAgency, agencies } = useLoaderData<typeof loader>()
  const current = queues.find((entry) => entry.id === queue)
  const queueName = t(`queue.${queue}`)
  const reception = queue === 'submitted'
  // a queue of one status does not repeat it on every row
  const showStatus = queueDefinition(queue).statuses.length > 1
  return (
    <>
      <h1>{t('staff:officer.title')}</h1>
      <p className="lead">{t('staff:officer.intro')}</p>

      <nav aria-label={t('tabs.label')}>
        <ul className="queue-tabs">
          {queues.map((entry) => (
            <li key={entry.id}>
              <a
                className="queue-tabs__link"
                href={queueHref(entry.id)}
                aria-current={entry.id === queue ? 'page' : undefined}
                data-queue={entry.id}
                data-count={entry.count ?? undefined}
              >
                {t(`queue.${entry.id}`)}
                {entry.count !== null ? <span className="queue-tabs__count">{entry.count}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <section className="queue" aria-labelledby="queue-title">
        <h2 id="queue-title">{queueName}</h2>
        <p className="queue__about">{t(`about.${queue}`)}</p>

        <Form method="get" action="/officer" className="search-form queue-search" role="search">
          <div className="queue-search__fields">
            <Field
              id="q"
              name="q"
              label={t('search.label')}
              hint={t('search.hint')}
              type="search"
              maxLength={100}
              defaultValue={q}
              autoComplete="off"
            />
            <Select id="queue" name="queue" label={t('search.scope')} defaultValue={queue}>
              {queues.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {t(`queue.${entry.id}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="button-row">
            <button type="submit" className="button">
              {t('search.submit')}
            </button>
            {q ? <a href={queueHref(queue)}>{t('search.clear')}</a> : null}
          </div>
        </Form>

        <p role="status" className="results-count">
          {q
            ? page.rows.length > 0 || after
              ? t('summary.search', { q, queue: queueName })
              : t('summary.noMatch', { q, queue: queueName })
            : page.rows.length === 0 && !after
              ? t('summary.empty')
              : current?.count != null
                ? t('summary.queue', { count: current.count, queue: queueName })
                : t('summary.all')}
        </p>

        {page.rows.length > 0 ? (
          <div className="table-scroll">
            <table className="table queue-table" aria-labelledby="queue-title">
              <thead>
                <tr>
                  <th scope="col">{t('column.code')}</th>
                  <th scope="col">{t('column.procedure')}</th>
                  <th scope="col">{t('column.applicant')}</th>
                  {multiAgency ? <th scope="col">{t('column.agency')}</th> : null}
                  {showStatus ? <th scope="col">{t('column.status')}</th> : null}
                  {reception ? (
                    <>
                      <th scope="col">{t('column.submittedAt')}</th>
                      <th scope="col">{t('column.receptionDeadline')}</th>
                    </>
                  ) : (
                    <>
                      <th scope="col">{t('column.assignee')}</th>
                      <th scope="col">{t('column.dueAt')}</th>
                    </>
                  )}
                  <th scope="col">{t('column.left')}</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      <a href={`/officer/dossiers/${encodeURIComponent(row.code)}`}>{row.code}</a>
                    </th>
                    <td>{lng === 'en' ? row.procedureEn : row.procedureVi}</td>
                    <td>
                      {row.applicantName}
                      {row.applicantCitizenId ? (
                        <div className="queue-table__sub">
                          {t('citizenId', { id: row.applicantCitizenId })}
                        </div>
                      ) : null}
                    </td>
                    {multiAgency ? <td>{row.agencyCode}</td> : null}
                    {showStatus ? (
                      <td>
                        <span className={`status status--${row.status}`}>{t(`status.${row.status}`)}</span>
                      </td>
                    ) : null}
                    {reception ? (
                      <>
                        <td>{row.submittedAt ? formatDateTime(row.submittedAt, lng) : t('noDate')}</td>
                        <td>
                          {row.clock.kind === 'reception'
                            ? formatDateTime(row.clock.deadline, lng)
                            : t('noDate')}
                        </td>
                      </>
                    ) : (
                      <>
                        <td>{row.assigneeName ?? t('unassigned')}</td>
                        <td>{row.dueAt ? formatDate(row.dueAt, lng) : t('noDate')}</td>
                      </>
                    )}
                    <td>
                      <ClockText clock={row.clock} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}

        {page.next || after ? (
          <nav className="pagination" aria-label={t('pagination.label')}>
            {after ? <a href={queueHref(queue, q)}>{t('pagination.first')}</a> : null}
            {page.next ? (
              <a href={queueHref(queue, q, page.next)} rel="next">
                {t('pagination.next')}
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>

      <p>
        <a href="/officer/tracking-book">{t('officer:book.link')}</a>
      </p>
      <StaffRoles agencies={agencies} />
    </>
  )
}
