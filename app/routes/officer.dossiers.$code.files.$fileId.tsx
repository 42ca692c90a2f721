import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse } from '../modules/files/download.server'
import { fileForOfficer } from '../modules/officer/dossier.server'
import { requireArea } from '../utils/auth.server'
import { notFound, rethrowAsHttp } from '../utils/http-errors.server'

// One file of a dossier, for officers of its agency only (any other dossier: 404, as if unknown). An attachment
// with nosniff and a sandboxing CSP (fileResponse); `?inline` shows a PDF or an image in the dossier page's
// preview (framed by our own pages only; any other type is still an attachment).
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'officer')
  const fileId = args.params.fileId ?? ''
  if (!/^[0-9a-f-]{36}$/.test(fileId)) throw notFound()
  const file = await fileForOfficer(args.context.db, args.params.code ?? '', fileId, user)
  if (!file) throw notFound()
  // A missing object is a 404, the store being down a 503 (not a 500).
  return fileResponse(
    args.context.storage,
    { storageKey: file.storage_key, originalName: file.original_name, mime: file.mime, size: file.size },
    { inline: new URL(args.request.url).searchParams.has('inline') },
  ).catch(rethrowAsHttp)
}
