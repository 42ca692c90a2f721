import { useTranslation } from 'react-i18next'
import { SummaryRows } from './forms'
import { formatDate, formatDateTime } from '../utils/format'
import { sizeText } from '../utils/upload-errors'

type Lng = 'vi' | 'en'
type Names = { vi: string; en: string }
type When = string | Date

interface AskedItem {
  kind: 'document' | 'field'
  key: string
  reason: string
  name: Names
}
interface OpenSupplement {
  requestedAt: When
  requestedBy: { name: string; role: string | null }
  items: AskedItem[]
  pausedSince: When
  answerBy: When | null
}

/**
 * What the citizen is asked while a supplement request is open: each item and its reason, who asked and when,
 * by when to answer, and that the legal clock is paused since the request — then the way to answer.
 */
export function SupplementAsked({
  supplement: s,
  agency,
  answerHref,
}: {
  supplement: OpenSupplement
  agency: string
  answerHref: string | null
}) {
  const { t, i18n } = useTranslation('dossier')
  const lng: Lng = i18n.language === 'en' ? 'en' : 'vi'
  const role = s.requestedBy.role ? t(`detail.holderRole.${s.requestedBy.role}`, { defaultValue: '' }) : ''
  return (
    <section className="section notice notice--warning" aria-labelledby="asked">
      <h2 id="asked">{t('asked.title')}</h2>
      <h3>{t('asked.what')}</h3>
      <ul>
        {s.items.map((item) => (
          <li key={`${item.kind}:${item.key}`}>
            <strong>{item.name[lng]}</strong> ({t(`asked.kind.${item.kind}`)}) —{' '}
            {t('supplement.reason', { reason: item.reason })}
          </li>
        ))}
      </ul>
      <SummaryRows
        rows={[
          {
            label: t('asked.by'),
            value: [s.requestedBy.name, role, agency].filter(Boolean).join(', '),
          },
          { label: t('asked.at'), value: formatDateTime(s.requestedAt, lng) },
          {
            label: t('asked.deadline'),
            value: s.answerBy ? formatDate(s.answerBy, lng) : t('asked.noDeadline'),
          },
          {
            label: t('asked.clock'),
            value: t('asked.clockPaused', { since: formatDateTime(s.pausedSince, lng) }),
          },
        ]}
      />
      {answerHref ? (
        <p>
          <a className="button" href={answerHref}>
            {t('supplement.title')}
          </a>
        </p>
      ) : null}
    </section>
  )
}

/** The timeline's sentence for an event that moved (or kept) the appointment date, saying why. */
export function DateMove({ move }: { move: { from: string; to: string; pausedWorkingDays: number | null } }) {
  const { t, i18n } = useTranslation('dossier')
  const lng: Lng = i18n.language === 'en' ? 'en' : 'vi'
  const to = formatDate(move.to, lng)
  return (
    <div className="timeline__reason">
      {move.from === move.to
        ? t('dateMove.kept', { date: to })
        : t('dateMove.moved', {
            from: formatDate(move.from, lng),
            to,
            count: move.pausedWorkingDays ?? 0,
          })}
    </div>
  )
}

interface DossierFile {
  id: string
  requirement_key: string
  original_name: string
  size: number
  created_at: When
  supplement_request_id: string | null
  /** taken from the citizen's document store */
  source_file_id?: string | null
  replacedAt: When | null
}

/**
 * The dossier's documents, each under its name once: the file in force, then the files it replaced, marked as
 * replaced with the day (the original stays on record when a supplement brings a new one).
 */
export function DossierDocuments({
  code,
  files,
  nameOf,
}: {
  code: string
  files: DossierFile[]
  nameOf: (key: string) => string
}) {
  const { t, i18n } = useTranslation('dossier')
  const lng: Lng = i18n.language === 'en' ? 'en' : 'vi'
  const keys = [...new Set(files.map((f) => f.requirement_key))]
  const link = (f: DossierFile) => (
    <a href={`/dossiers/${code}/files/${f.id}`} aria-label={t('detail.download', { name: f.original_name })}>
      {f.original_name}
    </a>
  )
  return (
    <ul>
      {keys.map((key) => {
        const all = files.filter((f) => f.requirement_key === key)
        const current = all.filter((f) => !f.replacedAt)
        const replaced = all.filter((f) => f.replacedAt).reverse()
        return (
          <li key={key}>
            {`${nameOf(key)}: `}
            {current.map((f) => (
              <span key={f.id}>
                {link(f)} {`(${sizeText(f.size)}`}
                {f.supplement_request_id
                  ? `, ${t('files.supplemented', { date: formatDate(f.created_at, lng) })}`
                  : ''}
                {f.source_file_id ? `, ${t('files.fromStore')}` : ''}
                {')'}
              </span>
            ))}
            {replaced.length ? (
              <ul>
                {replaced.map((f) => (
                  <li key={f.id} className="file--replaced">
                    <span className="tag">{t('files.replaced')}</span> {link(f)}{' '}
                    {`— ${t('files.replacedOn', { date: formatDate(f.replacedAt!, lng) })}`}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        )
      })}
    </ul>
  )
}

interface ResultInfo {
  fileId: string
  fileName: string
  size: number
  issuedAt: When | null
  number: string | null
}
interface DeliveryInfo {
  chosen: string | null
  deliveredAt: When | null
  method: string | null
  trackingNumber: string | null
}

/**
 * The result of the dossier ("Kết quả giải quyết"), once approved: its number and date when it has them, the
 * download (the citizen's own copy, whatever the way it is returned), and how it comes back — online, at the
 * counter, or by post with the postal item number once reception has sent it.
 */
export function DossierResult({
  code,
  result,
  delivery,
}: {
  code: string
  result: ResultInfo | null
  delivery: DeliveryInfo
}) {
  const { t, i18n } = useTranslation('dossier')
  const lng: Lng = i18n.language === 'en' ? 'en' : 'vi'
  const method = delivery.method ?? delivery.chosen
  const label = [
    t('result.title'),
    result?.number ? t('result.number', { number: result.number }) : '',
    result?.issuedAt ? t('result.date', { date: formatDate(result.issuedAt, lng) }) : '',
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <section className="section" aria-labelledby="result">
      <h2 id="result">{t('result.title')}</h2>
      {result ? (
        <p>
          <a
            className="button button--secondary"
            href={`/dossiers/${code}/files/${result.fileId}`}
            aria-label={t('result.downloadLabel', { name: label })}
          >
            {t('result.download')}
          </a>{' '}
          {`${label} (${result.fileName}, ${sizeText(result.size)})`}
        </p>
      ) : null}
      <SummaryRows
        rows={[
          ...(method ? [{ label: t('result.method'), value: t(`delivery.${method}`) }] : []),
          {
            label: t('result.state'),
            value: delivery.deliveredAt
              ? t(`result.delivered.${method ?? 'counter'}`, {
                  date: formatDateTime(delivery.deliveredAt, lng),
                })
              : t(`result.waiting.${method ?? 'counter'}`),
          },
          ...(delivery.trackingNumber
            ? [{ label: t('result.trackingNumber'), value: delivery.trackingNumber }]
            : []),
        ]}
      />
    </section>
  )
}
