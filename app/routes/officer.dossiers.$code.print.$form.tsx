import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CircularFormView } from '../components/circular-form'
import { requirePrintableForm } from '../utils/print-forms.server'
import { getT } from '../i18n/i18next.server'
import { pageTitle } from '../utils/meta'

// The forms of Circular 01/2018/TT-VPCP for one dossier (Mẫu 01–05), for officers of the dossier's agency. A plain
// page: the print stylesheet (app.css, "Printable forms") drops the portal's header, footer and these links; the
// same form as a PDF is …/pdf beside it.
export async function loader(args: LoaderFunctionArgs) {
  const doc = await requirePrintableForm(args)
  const { t } = await getT(args.request, ['officer', 'common'])
  return {
    title: `${doc.title} – ${args.params.code}`,
    titleSuffix: t('common:meta.titleSuffix'),
    code: args.params.code ?? '',
    doc,
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function PrintableFormPage() {
  const { t } = useTranslation('officer')
  const { doc, code } = useLoaderData<typeof loader>()
  return (
    <>
      <div className="no-print">
        <p>
          <a href={`/officer/dossiers/${code}`}>{t('print.back', { code })}</a>
        </p>
        <div className="notice">
          <p>{t('print.howTo')}</p>
          <p>{t('print.vietnamese')}</p>
          <p>
            <a href={`/officer/dossiers/${code}/print/${doc.form}/pdf`} download>
              {t('print.pdf', { form: doc.form })}
            </a>
          </p>
        </div>
      </div>
      <CircularFormView doc={doc} />
    </>
  )
}
