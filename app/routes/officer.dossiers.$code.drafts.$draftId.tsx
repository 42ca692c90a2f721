import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse } from '../modules/files/download.server'
import { officerDossierRef } from '../modules/officer/dossier.server'
import { draftOfDossier } from '../modules/results/results.server'
import { requireArea } from '../utils/auth.server'
import { notFound, rethrowAsHttp } from '../utils/http-errors.server'

// One draft of a dossier's result (the history of what the specialist proposed), for the officers of its agency
// only (any other dossier: 404). Opened inline as a PDF (the approver reads it before deciding), like the desk's
// preview: nosniff, framed by our pages only.
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'officer')
  const ref = await officerDossierRef(args.context.db, args.params.code ?? '', user)
  if (!ref) throw notFound()
  const draft = await draftOfDossier(args.context.db, ref.id, args.params.draftId ?? '')
  if (!draft) throw notFound()
  return fileResponse(
    args.context.storage,
    { storageKey: draft.storage_key, originalName: draft.original_name, mime: draft.mime, size: draft.size },
    { inline: true },
  ).catch(rethrowAsHttp)
}
