import type { LoaderFunctionArgs } from '@remix-run/node'
import { storeDocument } from '../modules/dossiers/document-store.server'
import { fileResponse } from '../modules/files/download.server'
import { requireUser } from '../utils/auth.server'
import { notFound } from '../utils/http-errors.server'

// A document of the citizen's own store: another citizen's, a draft's or an unapproved result is a 404.
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args)
  const doc = await storeDocument(args.context.db, user.id, args.params.id ?? '')
  if (!doc) throw notFound()
  return fileResponse(args.context.storage, {
    storageKey: doc.storageKey,
    originalName: doc.fileName,
    mime: doc.mime,
    size: doc.size,
  })
}
