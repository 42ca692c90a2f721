import type { LoaderFunctionArgs } from '@remix-run/node'
import { formPdf } from '../modules/officer/form-pdf.server'
import { trackingBookFor } from '../utils/print-forms.server'

/** The tracking book (Mẫu 06) of the agency and period as a PDF (A4 landscape), same content as the page. */
export async function loader(args: LoaderFunctionArgs) {
  const { agency, period, doc } = await trackingBookFor(args)
  return new Response(new Uint8Array(await formPdf(doc)), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="so-theo-doi-${agency.code}-${period.from}-${period.to}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
