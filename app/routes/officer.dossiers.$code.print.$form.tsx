import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { getT } from '../i18n/i18next.server'
import { vnDay } from '../modules/calendar/vietnam-time'
import { getPrintableForm, printableFormNumbers, type PrintableForm } from '../modules/officer/print.server'
import { requireArea } from '../utils/auth.server'
import { formatDate, formatDateTime } from '../utils/format'
import { notFound } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

// The printable forms of Circular 01/2018/TT-VPCP (Mẫu 01–04), for officers of the dossier's agency. A plain
// page: the print stylesheet (app.css, "Printable forms") drops the portal's header, footer and these links.
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'officer')
  const number = args.params.form ?? ''
  if (!(printableFormNumbers as readonly string[]).includes(number)) throw notFound()
  const form = await getPrintableForm(args.context.db, args.params.code ?? '', number as PrintableForm, user)
  if (!form) throw notFound()
  const { t } = await getT(args.request, ['officer', 'common'])
  return {
    title: `${t(`print.heading.${form.form}`)} – ${form.dossier.code}`,
    titleSuffix: t('common:meta.titleSuffix'),
    form,
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <p>
      {`${label}: `}
      <strong>{children}</strong>
    </p>
  )
}

/** Day, month and year in Viet Nam, for the formal "ngày … tháng … năm …" of a Vietnamese form. */
function dayParts(at: Date | string) {
  const [year, month, day] = vnDay(new Date(at)).split('-')
  return { day: String(Number(day)), month: String(Number(month)), year }
}

export default function PrintableFormPage() {
  const { t, i18n } = useTranslation('officer')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { form: f } = useLoaderData<typeof loader>()
  const d = f.dossier
  const agency = lng === 'en' ? d.agency_en : d.agency_vi
  const procedure = `${lng === 'en' ? d.name_en : d.name_vi} (${d.procedure_code})`
  const applicant = (
    <>
      <Line label={t('print.applicant')}>{d.applicant_name}</Line>
      <Line label={t('print.citizenId')}>{d.applicant_citizen_id ?? '—'}</Line>
      <Line label={t('print.phone')}>{d.applicant_phone ?? '—'}</Line>
      <Line label={t('print.procedure')}>{procedure}</Line>
    </>
  )
  const signatures = (left: string | null) => (
    <div className="print-form__signatures">
      {left ? (
        <div>
          <p className="print-form__signer">{left}</p>
          <p className="print-form__sign-hint">{t('print.signHint')}</p>
          <p className="print-form__name">{d.applicant_name}</p>
        </div>
      ) : (
        <div />
      )}
      <div>
        <p className="print-form__signer">{t(`print.officerTitle.${f.form}`)}</p>
        <p className="print-form__sign-hint">{t('print.signHint')}</p>
        <p className="print-form__name">{f.officerName ?? ''}</p>
      </div>
    </div>
  )
  return (
    <>
      <p className="no-print">
        <a href={`/officer/dossiers/${d.code}`}>{t('print.back', { code: d.code })}</a>
      </p>
      <p className="no-print notice">{t('print.howTo')}</p>
      <article className="print-form" aria-labelledby="print-form-title">
        <div className="print-form__head">
          <div>
            <p className="print-form__agency">{agency}</p>
            <p>{t('print.desk')}</p>
            <p>{t('print.code', { code: d.code })}</p>
          </div>
          <div>
            <p className="print-form__agency">{t('print.nation')}</p>
            <p className="print-form__motto">{t('print.motto')}</p>
            <p>
              <em>{t('print.dated', { date: formatDate(f.at, lng), ...dayParts(f.at) })}</em>
            </p>
          </div>
        </div>
        <p className="print-form__number">{t('print.number', { number: f.form })}</p>
        <h1 id="print-form-title" className="print-form__title">
          {t(`print.heading.${f.form}`)}
        </h1>

        {f.form === '01' ? (
          <>
            <p>{t('print.01.intro', { agency })}</p>
            {applicant}
            <p>{t('print.01.documents')}</p>
            <ol>
              {f.documents.map((doc) => (
                <li key={doc.id}>{`${doc.name[lng]} (${doc.original_name})`}</li>
              ))}
            </ol>
            <Line label={t('print.01.processing')}>
              {t('print.workingDays', { count: Number(d.processing_days) })}
            </Line>
            <Line label={t('print.01.receivedAt')}>{formatDateTime(f.at, lng)}</Line>
            <Line label={t('print.01.dueAt')}>{f.dueAt ? formatDateTime(f.dueAt, lng) : '—'}</Line>
            <Line label={t('print.01.delivery')}>
              {d.delivery_method ? t(`delivery.${d.delivery_method}`) : '—'}
            </Line>
            {signatures(t('print.applicantTitle'))}
          </>
        ) : null}

        {f.form === '02' ? (
          <>
            <p>{t('print.02.intro', { agency })}</p>
            {applicant}
            <Line label={t('print.submittedAt')}>
              {d.submitted_at ? formatDateTime(d.submitted_at, lng) : '—'}
            </Line>
            <p>{t('print.02.items')}</p>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('print.02.item')}</th>
                  <th scope="col">{t('print.02.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {f.items.map((i) => (
                  <tr key={`${i.kind}:${i.key}`}>
                    <td>{i.name[lng]}</td>
                    <td>{i.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>{t('print.02.help', { agency })}</p>
            {signatures(null)}
          </>
        ) : null}

        {f.form === '03' ? (
          <>
            <p>{t('print.03.intro', { agency })}</p>
            {applicant}
            <Line label={t('print.submittedAt')}>
              {d.submitted_at ? formatDateTime(d.submitted_at, lng) : '—'}
            </Line>
            <p>{t(f.action === 'refuse' ? 'print.03.refuse' : 'print.03.refuseIntake', { agency })}</p>
            <p className="print-form__reason">{f.reason}</p>
            <p>{t('print.03.closing')}</p>
            {signatures(null)}
          </>
        ) : null}

        {f.form === '04' ? (
          <>
            <p>{t('print.04.intro', { agency })}</p>
            {applicant}
            <Line label={t('print.04.receivedAt')}>
              {d.received_at ? formatDateTime(d.received_at, lng) : '—'}
            </Line>
            <Line label={t('print.04.legalDueAt')}>{f.legalDueAt ? formatDate(f.legalDueAt, lng) : '—'}</Line>
            <p>{t('print.04.late', { agency })}</p>
            <p className="print-form__reason">{f.reason}</p>
            <p>
              {t('print.04.apology', {
                agency,
                date: f.newAppointmentAt ? formatDate(f.newAppointmentAt, lng) : '—',
              })}
            </p>
            <p>{t('print.04.closing')}</p>
            {signatures(null)}
          </>
        ) : null}
      </article>
    </>
  )
}
