import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CircularFormView } from '../components/circular-form'
import { Field, Select } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { pageTitle } from '../utils/meta'
import { trackingBookFor } from '../utils/print-forms.server'

// Mẫu 06, the agency's tracking book (sổ theo dõi hồ sơ) for a period: printable (A4 landscape), as CSV and PDF.
export async function loader(args: LoaderFunctionArgs) {
  const { agency, agencies, period, doc } = await trackingBookFor(args)
  const { t } = await getT(args.request, ['officer', 'common'])
  return {
    title: t('book.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    agency: agency.code,
    agencies: agencies.map((a) => a.code),
    period,
    doc,
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function TrackingBookPage() {
  const { t } = useTranslation('officer')
  const { agency, agencies, period, doc } = useLoaderData<typeof loader>()
  const query = new URLSearchParams({ agency, ...period }).toString()
  return (
    <>
      <div className="no-print">
        <p>
          <a href="/officer">{t('book.back')}</a>
        </p>
        <Form method="get" className="search-form">
          {agencies.length > 1 ? (
            <Select id="agency" name="agency" label={t('book.agency')} defaultValue={agency}>
              {agencies.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </Select>
          ) : (
            <input type="hidden" name="agency" value={agency} />
          )}
          <Field id="from" name="from" type="date" label={t('book.from')} defaultValue={period.from} />
          <Field id="to" name="to" type="date" label={t('book.to')} defaultValue={period.to} />
          <button type="submit" className="button">
            {t('book.show')}
          </button>
        </Form>
        <div className="notice">
          <p>{t('print.howTo')}</p>
          <p>{t('print.vietnamese')}</p>
          <ul className="link-list">
            <li>
              <a href={`/officer/tracking-book/csv?${query}`} download>
                {t('book.csv')}
              </a>
            </li>
            <li>
              <a href={`/officer/tracking-book/pdf?${query}`} download>
                {t('book.pdf')}
              </a>
            </li>
          </ul>
        </div>
      </div>
      <CircularFormView doc={doc} />
    </>
  )
}
