import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { SigningRuntime } from '../signing/runtime.server'
import { verifySignedPdf, type VerifyFailure } from '../signing/verify.server'
import { UUID } from './results.server'

/**
 * What anyone may learn about a result (the public /verify pages): the issuer, the signer, the signing time, the
 * dossier code, the document's hash, whether it was revoked (and why), and which result corrects it or which it
 * corrects. The applicant's name is masked as on receipts.
 */
export interface PublicResult {
  id: string
  numberText: string
  title: string
  agency: { vi: string; en: string }
  dossierCode: string
  holder: string
  signerName: string
  signerTitle: string
  certificateSubject: string
  certificateIssuer: string
  signatureFormat: string
  signedAt: Date
  sha256: string
  revoked: { at: Date; reason: string } | null
  replaces: { id: string; numberText: string } | null
  replacedBy: { id: string; numberText: string } | null
}

/** "Nguyễn Văn An" → "Nguyễn V** A*" (the family name, then initials). */
export function maskName(full: string): string {
  const [first, ...rest] = full.trim().split(/\s+/)
  return [first, ...rest.map((w) => `${[...w][0] ?? ''}${'*'.repeat(Math.max(1, [...w].length - 1))}`)].join(
    ' ',
  )
}

function query(db: Kysely<Database>) {
  return db
    .selectFrom('results as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .innerJoin('dossiers as d', 'd.id', 'r.dossier_id')
    .innerJoin('users as u', 'u.id', 'd.applicant_id')
    .leftJoin('results as o', 'o.id', 'r.replaces_id')
    .leftJoin('results as n', 'n.replaces_id', 'r.id')
    .select([
      'r.id',
      'r.number_text',
      'r.title',
      'a.name_vi',
      'a.name_en',
      'd.code',
      'u.full_name',
      'r.signer_name',
      'r.signer_title',
      'r.certificate_subject',
      'r.certificate_issuer',
      'r.signature_format',
      'r.signed_at',
      'r.sha256',
      'r.revoked_at',
      'r.revoke_reason',
      'o.id as old_id',
      'o.number_text as old_number',
      'n.id as new_id',
      'n.number_text as new_number',
    ])
}

function toPublic(r: Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>): PublicResult {
  return {
    id: r.id,
    numberText: r.number_text,
    title: r.title,
    agency: { vi: r.name_vi, en: r.name_en },
    dossierCode: r.code ?? '',
    holder: maskName(r.full_name),
    signerName: r.signer_name,
    signerTitle: r.signer_title,
    certificateSubject: r.certificate_subject,
    certificateIssuer: r.certificate_issuer,
    signatureFormat: r.signature_format,
    signedAt: r.signed_at,
    sha256: r.sha256,
    revoked: r.revoked_at ? { at: r.revoked_at, reason: r.revoke_reason ?? '' } : null,
    replaces: r.old_id ? { id: r.old_id, numberText: r.old_number! } : null,
    replacedBy: r.new_id ? { id: r.new_id, numberText: r.new_number! } : null,
  }
}

export async function publicResult(db: Kysely<Database>, id: string): Promise<PublicResult | null> {
  if (!UUID.test(id)) return null
  const r = await query(db).where('r.id', '=', id).executeTakeFirst()
  return r ? toPublic(r) : null
}

export type PdfCheck =
  | { ok: true; result: PublicResult; signingTime: Date | null; signer: string }
  | {
      ok: false
      reason: VerifyFailure | 'notIssuedHere' | 'revoked'
      result: PublicResult | null
      signingTime: Date | null
      signer: string | null
    }

/**
 * The public PDF check: the signature by itself (`verifySignedPdf` against the trust list), then whether this
 * portal issued exactly this file (its sha256 among the results) and whether that result was revoked.
 */
export async function checkResultPdf(
  db: Kysely<Database>,
  signing: SigningRuntime,
  file: Buffer,
): Promise<PdfCheck> {
  const outcome = await verifySignedPdf(file, await signing.trustedRoots(db))
  const signer = outcome.signer?.subject ?? null
  const row = await query(db).where('r.sha256', '=', outcome.fileSha256).executeTakeFirst()
  const result = row ? toPublic(row) : null
  if (!outcome.ok)
    return { ok: false, reason: outcome.reason, result, signingTime: outcome.signingTime, signer }
  if (!result)
    return { ok: false, reason: 'notIssuedHere', result: null, signingTime: outcome.signingTime, signer }
  if (result.revoked)
    return { ok: false, reason: 'revoked', result, signingTime: outcome.signingTime, signer }
  return { ok: true, result, signingTime: outcome.signingTime, signer: signer! }
}
