import type { LoaderFunctionArgs } from '@remix-run/node'
import { formPdf } from '../modules/officer/form-pdf.server'
import { requirePrintableForm } from '../utils/print-forms.server'

/** A form of Circular 01/2018/TT-VPCP for one dossier as a PDF (A4, Vietnamese-capable font), same content. */
export async function loader(args: LoaderFunctionArgs) {
  const doc = await requirePrintableForm(args)
  const pdf = await formPdf(doc)
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="mau-${doc.form}-${args.params.code}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
