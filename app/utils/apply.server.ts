import { redirect, type AppLoadContext } from '@remix-run/node'
import { getProcedure } from '../modules/catalogue/catalogue.server'
import { findDraft } from '../modules/dossiers/drafts.server'
import type { SessionAuth } from '../modules/auth/session.server'
import { sessionClaims } from '../modules/auth/vneid/accounts.server'
import { claimNames } from '../modules/auth/vneid/relying-party.server'
import type { VerifiedIdentity } from '../modules/forms/identity'
import { requireIdentityLevel, requireSignIn } from './auth.server'
import { mayApply } from '../modules/auth/permissions'
import { forbidden, notFound } from './http-errors.server'
import { applyPath } from './paths'

export { applyPath }

interface Args {
  request: Request
  context: AppLoadContext
  params: { code?: string }
}

/**
 * The signed-in applicant, the procedure and their draft of it, for the pages of the apply journey. Unknown
 * procedure → 404; no draft yet → back to the start page (which creates one).
 */
export async function requireDraft(args: Args) {
  const { user, auth } = await requireSignIn(args)
  if (!mayApply(user)) throw forbidden()
  const procedure = await getProcedure(args.context.db, args.params.code ?? '')
  if (!procedure) throw notFound()
  const draft = await findDraft(args.context.db, user.id, procedure.id)
  if (!draft) throw redirect(`/procedures/${encodeURIComponent(procedure.code)}/apply`)
  // The version the draft was started under decides (issue 16 §3).
  requireIdentityLevel(draft.required_identity_level, auth, procedure.code)
  return { user, auth, procedure, draft }
}

/** The verified claims of this session's VNeID sign-in, to fill and lock identity fields; null for any other session. */
export async function sessionIdentity(context: AppLoadContext, auth: SessionAuth): Promise<VerifiedIdentity | null> {
  if (auth.method !== 'vneid') return null
  const found = await sessionClaims(context.db, auth.identityId)
  if (!found) return null
  // The level of this session's sign-in, not a later one's: what this session proved.
  return { claims: found.claims, level: auth.level, verifiedAt: found.verifiedAt, claimNames: claimNames(context.env) }
}
