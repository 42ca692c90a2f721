import { redirect, type AppLoadContext } from '@remix-run/node'
import { getProcedure } from '../modules/catalogue/catalogue.server'
import { findDraft } from '../modules/dossiers/drafts.server'
import { requireUser } from './auth.server'
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
  const user = await requireUser(args)
  if (!mayApply(user)) throw forbidden()
  const procedure = await getProcedure(args.context.db, args.params.code ?? '')
  if (!procedure) throw notFound()
  const draft = await findDraft(args.context.db, user.id, procedure.id)
  if (!draft) throw redirect(`/procedures/${encodeURIComponent(procedure.code)}/apply`)
  return { user, procedure, draft }
}
