import { data } from '@remix-run/node'

/** The headers an upload refusal carries (see refusedUpload); routes pass them through their `headers` export. */
export const uploadRefusalHeaders = ['Connection', 'X-Upload-Error', 'X-Upload-Field']

/**
 * An action's answer to a refused upload: `{ field, error }` for the page, with the same in `X-Upload-Error` /
 * `X-Upload-Field` for the script that sent it by XMLHttpRequest (it reads no page: components/document-upload),
 * and `Connection: close` — the rest of an oversize body was never read; the socket must not carry another
 * request.
 */
export function refusedUpload(status: number, field: string | null, error: string) {
  const headers: Record<string, string> = { Connection: 'close', 'X-Upload-Error': error }
  if (field) headers['X-Upload-Field'] = field
  return data({ field, error }, { status, headers })
}
