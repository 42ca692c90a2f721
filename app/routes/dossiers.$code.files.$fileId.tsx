import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse } from '../modules/files/download.server'
import { fileForApplicant } from '../modules/dossiers/queries.server'
import { requireUser } from '../utils/auth.server'
import { notFound, rethrowAsHttp } from '../utils/http-errors.server'

// A download of one attached file, only for the dossier's applicant (staff downloads come with the officer pages).
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args)
  const fileId = args.params.fileId ?? ''
  if (!/^[0-9a-f-]{36}$/.test(fileId)) throw notFound()
  const file = await fileForApplicant(args.context.db, args.params.code ?? '', fileId, user.id)
  if (!file) throw notFound()
  // A missing object is a 404, the store being down a 503 (not a 500).
  return fileResponse(args.context.storage, {
    storageKey: file.storage_key,
    originalName: file.original_name,
    mime: file.mime,
    size: file.size,
  }).catch(rethrowAsHttp)
}
