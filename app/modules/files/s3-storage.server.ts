import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { Readable, Transform } from 'node:stream'
import { FileNotFoundError, StorageUnavailableError } from './errors'
import {
  assertStorageKey,
  assertStoragePrefix,
  isStorageKey,
  type FileStorage,
  type StoredObject,
} from './storage.server'

export interface S3StorageOptions {
  bucket: string
  /** For MinIO, s3rver, Ceph…; unset: AWS's endpoint for the region. */
  endpoint?: string
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string }
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO and s3rver need it). */
  forcePathStyle?: boolean
  /** How long `check` (readiness) waits for HeadBucket, in ms (default 3000). */
  checkTimeoutMs?: number
  /** Bytes per part of a multipart put, at least 5 MiB (S3's minimum; default 5 MiB). */
  partSize?: number
  /** Parts sent at once (default 2): memory per put is at most partSize × (queueSize + 1). */
  queueSize?: number
  /** Uploads (`initiated` earlier than this, ms ago) that `list` aborts as a crashed put's leftovers (1 hour). */
  staleUploadMs?: number
}

const MiB = 1024 * 1024

/**
 * The FileStorage contract (storage.server.ts) on an S3-compatible bucket. Keys are the generated keys, used as
 * object keys as they are; objects are private (no ACL, no public URL): downloads stream through the portal.
 *
 * - `put` streams through `Upload` (@aws-sdk/lib-storage): a body under one part is one PutObject, a larger one a
 *   multipart upload, so memory stays bounded by the part size whatever the file's size. Bytes are counted as they
 *   pass. S3 makes an object visible only once its PutObject or CompleteMultipartUpload succeeds, so a failed
 *   body leaves nothing under the key; the multipart upload is aborted (and `list` aborts any a crash left).
 * - `get` streams GetObject's body; NoSuchKey (404) → FileNotFoundError.
 * - `stat` is HeadObject; 404 → null. `delete` is DeleteObject (S3 answers 204 for a missing key).
 * - `check` is HeadBucket, given `checkTimeoutMs` in all.
 * - every other failure of the server (refused connection, timeout, 5xx, access denied, no such bucket) is a
 *   StorageUnavailableError naming the bucket and the cause.
 */
export class S3Storage implements FileStorage {
  readonly bucket: string
  readonly endpoint: string | undefined
  readonly client: S3Client
  private readonly checkTimeoutMs: number
  private readonly partSize: number
  private readonly queueSize: number
  private readonly staleUploadMs: number

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket
    this.endpoint = options.endpoint
    this.checkTimeoutMs = options.checkTimeoutMs ?? 3000
    this.partSize = Math.max(options.partSize ?? 5 * MiB, 5 * MiB)
    this.queueSize = Math.max(options.queueSize ?? 2, 1)
    this.staleUploadMs = options.staleUploadMs ?? 60 * 60 * 1000
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      maxAttempts: 3,
      // Connecting must be quick; a server that accepts and then says nothing must not hold an upload for ever.
      // No socket idle timeout: a download paused by a slow browser (back-pressure) must not be cut.
      requestHandler: { connectionTimeout: 3000, requestTimeout: 30_000, throwOnRequestTimeout: true },
      // Only where the server asks for checksums: s3rver and older MinIO refuse the trailing ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
  }

  private where(): string {
    return `S3 bucket ${this.bucket}${this.endpoint ? ` at ${this.endpoint}` : ''}`
  }

  private unavailable(what: string, err: unknown): StorageUnavailableError {
    return new StorageUnavailableError(`${this.where()}: ${what} failed (${reasonOf(err)})`, { cause: err })
  }

  async put(key: string, body: Readable): Promise<{ size: number }> {
    assertStorageKey(key)
    let size = 0
    let bodyError: Error | null = null
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length
        callback(null, chunk)
      },
    })
    body.on('error', (err) => {
      bodyError ??= err
      counter.destroy(err)
    })
    body.pipe(counter)
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: counter,
        ContentType: 'application/octet-stream',
      },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    })
    try {
      await upload.done()
    } catch (err) {
      body.destroy() // never left half-read and paused
      counter.destroy()
      if (bodyError) throw bodyError
      throw this.unavailable('put', err)
    }
    // The body ended well but a late error may still have been seen (it never is: counter would have failed).
    if (bodyError) throw bodyError
    return { size }
  }

  async get(key: string): Promise<Readable> {
    assertStorageKey(key)
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }))
      if (!(out.Body instanceof Readable)) throw new Error('GetObject answered without a stream')
      return out.Body
    } catch (err) {
      if (isNotFound(err)) throw new FileNotFoundError(key)
      throw this.unavailable('get', err)
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    assertStorageKey(key)
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))
      return { size: out.ContentLength ?? 0 }
    } catch (err) {
      if (isNotFound(err)) return null
      throw this.unavailable('stat', err)
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key)
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }))
    } catch (err) {
      // A missing key is answered 204; NoSuchKey all the same from servers that say it.
      if ((err as Error | null)?.name === 'NoSuchKey') return
      throw this.unavailable('delete', err)
    }
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), {
        abortSignal: AbortSignal.timeout(this.checkTimeoutMs),
      })
    } catch (err) {
      const status = statusOf(err)
      const reason =
        status === 404
          ? 'the bucket does not exist'
          : status === 403
            ? 'access denied (check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY)'
            : (err as Error | null)?.name === 'AbortError' || (err as Error | null)?.name === 'TimeoutError'
              ? `no answer within ${this.checkTimeoutMs} ms`
              : reasonOf(err)
      throw new StorageUnavailableError(`${this.where()} is not reachable: ${reason}`, { cause: err })
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    assertStoragePrefix(prefix)
    await this.abortStaleUploads(prefix)
    let token: string | undefined
    do {
      let page
      try {
        page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix ? prefix : undefined,
            ContinuationToken: token,
            MaxKeys: 1000,
          }),
        )
      } catch (err) {
        throw this.unavailable('list', err)
      }
      for (const object of page.Contents ?? []) {
        const key = object.Key ?? ''
        // `prefix` matches `prefix` and `prefix/…`, never `prefixes/…`.
        if (prefix && key !== prefix && !key.startsWith(`${prefix}/`)) continue
        if (!isStorageKey(key)) continue
        yield { key, lastModified: object.LastModified ?? new Date(0) }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
  }

  /**
   * Aborts multipart uploads begun more than `staleUploadMs` ago (a process killed mid-put leaves its parts,
   * invisible but stored). A server without ListMultipartUploads (s3rver answers 501) is left alone; a bucket
   * lifecycle rule (AbortIncompleteMultipartUpload) does the same on the server's side.
   */
  private async abortStaleUploads(prefix: string) {
    const before = Date.now() - this.staleUploadMs
    let keyMarker: string | undefined
    let uploadIdMarker: string | undefined
    do {
      let page
      try {
        page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            Prefix: prefix ? prefix : undefined,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        )
      } catch (err) {
        const status = statusOf(err)
        if (status === 501 || status === 405 || (err as Error | null)?.name === 'NotImplemented') return
        throw this.unavailable('listing uploads', err)
      }
      for (const u of page.Uploads ?? []) {
        if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated.getTime() >= before) continue
        await this.client
          .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId }))
          .catch((err: unknown) => {
            if (!isNotFound(err)) throw this.unavailable('aborting an upload', err)
          })
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined
    } while (keyMarker)
  }
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode
}

/** No such object. A missing bucket (NoSuchBucket, also a 404) is an outage, not a missing file. */
function isNotFound(err: unknown): boolean {
  const name = (err as Error | null)?.name
  if (name === 'NoSuchBucket') return false
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(err) === 404
}

/** One line for logs: `ECONNREFUSED`, `NoSuchBucket (HTTP 404)`, `TimeoutError: …`. */
function reasonOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return reasonOf(err.errors[0])
  const e = err as (Error & { code?: string }) | null
  if (!e) return String(err)
  const status = statusOf(err)
  const parts = [
    e.code ?? (e.name && e.name !== 'Error' ? e.name : null),
    status ? `HTTP ${status}` : null,
    e.message && e.message !== e.name && e.message !== 'UnknownError' ? e.message : null,
  ].filter((p): p is string => !!p)
  return parts.join(', ') || 'unknown error'
}
