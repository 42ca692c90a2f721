/**
 * Domain errors of the attachments module. Routes map them to statuses: FileTooLargeError → 413,
 * FileTypeNotAllowedError and ActiveContentError → 415, EmptyFileError / TooManyFilesError / UploadFormatError → 400,
 * FileNotFoundError → 404, StorageUnavailableError → 503. Messages are for logs; pages show a translated text chosen
 * by the class.
 */

/** A file passed its input's limit; reading stopped there (the rest of the body was never read). */
export class FileTooLargeError extends Error {
  constructor(
    readonly field: string,
    readonly limit: number,
  ) {
    super(`file in "${field}" is larger than ${limit} bytes`)
  }
}

/** The content (magic bytes) is not on the input's allow-list; `detected` is null when nothing was recognised. */
export class FileTypeNotAllowedError extends Error {
  constructor(
    readonly field: string,
    readonly detected: string | null,
  ) {
    super(`file in "${field}" has type ${detected ?? 'unknown'}, which is not allowed`)
  }
}

/**
 * The content is of an allowed type but also holds HTML or script (`marker`, e.g. `<script`): a polyglot that
 * a browser could run as a web page. Refused like a wrong type (415), with its own message.
 */
export class ActiveContentError extends Error {
  constructor(
    readonly field: string,
    readonly marker: string,
  ) {
    super(`file in "${field}" holds web page or script code (${marker})`)
  }
}

/** A chosen file had zero bytes. (An input left empty in the form is not an error: it is skipped.) */
export class EmptyFileError extends Error {
  constructor(readonly field: string) {
    super(`file in "${field}" is empty`)
  }
}

export class TooManyFilesError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} files`)
  }
}

export class FileNotFoundError extends Error {
  constructor(readonly storageKey: string) {
    super(`no stored file under ${JSON.stringify(storageKey)}`)
  }
}

/**
 * The store could not be reached or refused the operation (an S3 server down, a bucket missing, a full or read-only
 * disk): an outage, not the user's file. Nothing was stored; the message names the store and the cause, for logs.
 */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

/**
 * The body is not a multipart form we accept. `reason` is for logs:
 * - not-multipart: wrong Content-Type, no boundary or no body;
 * - malformed: the multipart syntax is broken or the body ended early;
 * - aborted: the client went away while sending;
 * - unexpected-file: a file under an input name the form does not have;
 * - field-too-large / too-many-parts: a text field or the number of parts passed its limit.
 */
export class UploadFormatError extends Error {
  constructor(
    readonly reason:
      'not-multipart' | 'malformed' | 'aborted' | 'unexpected-file' | 'field-too-large' | 'too-many-parts',
    options?: { cause?: unknown },
  ) {
    super(`bad upload: ${reason}`, options)
  }
}
