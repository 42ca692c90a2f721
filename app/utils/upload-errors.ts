import { formatSize } from './format'
import {
  ActiveContentError,
  EmptyFileError,
  FileTooLargeError,
  FileTypeNotAllowedError,
  StorageUnavailableError,
  TooManyFilesError,
  UploadFormatError,
} from '../modules/files/errors'

/** An upload error → the HTTP status and the translation key shown next to the file input; null if not one. */
export function uploadErrorStatus(
  error: unknown,
): { status: number; key: string; field: string | null } | null {
  if (error instanceof FileTooLargeError)
    return { status: 413, key: 'dossier:documents.errors.tooLarge', field: error.field }
  if (error instanceof FileTypeNotAllowedError)
    return { status: 415, key: 'dossier:documents.errors.type', field: error.field }
  if (error instanceof ActiveContentError)
    return { status: 415, key: 'dossier:documents.errors.activeContent', field: error.field }
  if (error instanceof EmptyFileError)
    return { status: 400, key: 'dossier:documents.errors.empty', field: error.field }
  if (error instanceof TooManyFilesError)
    return { status: 400, key: 'dossier:documents.errors.tooMany', field: null }
  if (error instanceof UploadFormatError)
    return { status: 400, key: 'dossier:documents.errors.format', field: null }
  // The store is down (S3 unreachable, disk full): nothing was kept and nothing else changed; try again later.
  if (error instanceof StorageUnavailableError)
    return { status: 503, key: 'dossier:documents.errors.storage', field: null }
  return null
}

const typeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
}
export const acceptText = (accept: readonly string[]) => accept.map((a) => typeNames[a] ?? a).join(', ')
/** A size as the pages show it (formatSize in utils/format.ts, the one formatter of sizes). */
export const sizeText = (bytes: number, lng: 'vi' | 'en' = 'vi') => formatSize(bytes, lng)
