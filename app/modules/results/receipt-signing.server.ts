import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { Env } from '../../utils/env.server'
import { signPdf } from '../signing/pdf-sign.server'
import { signingRuntime } from '../signing/runtime.server'

/** Receipts get the same signature as results: the issuing agency's signer, PAdES, over the receipt's PDF. */
export async function signReceiptPdf(
  db: Kysely<Database>,
  env: Env,
  input: {
    pdf: Buffer
    widgetRect: [number, number, number, number]
    agencyCode: string
    at: Date
    reason: string
    contactInfo: string
  },
): Promise<Buffer> {
  const agency = await db
    .selectFrom('agencies')
    .select(['id', 'code', 'name_vi'])
    .where('code', '=', input.agencyCode)
    .executeTakeFirstOrThrow()
  const runtime = signingRuntime(env)
  const signer = await runtime.signerFor(db, agency)
  const { pdf } = await signPdf({
    pdf: input.pdf,
    signer,
    signingTime: input.at,
    reason: input.reason,
    name: agency.name_vi,
    location: 'Việt Nam',
    contactInfo: input.contactInfo,
    widgetRect: input.widgetRect,
    cms: runtime.cms,
  })
  return pdf
}
