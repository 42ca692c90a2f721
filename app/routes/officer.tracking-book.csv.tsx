import type { LoaderFunctionArgs } from '@remix-run/node'
import { bookCsv } from '../modules/officer/circular-forms'
import { trackingBookFor } from '../utils/print-forms.server'

/** The tracking book (Mẫu 06) of the agency and period as CSV: the printed book's columns and cells. */
export async function loader(args: LoaderFunctionArgs) {
  const { agency, period, entries } = await trackingBookFor(args)
  return new Response(bookCsv(entries), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="so-theo-doi-${agency.code}-${period.from}-${period.to}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
