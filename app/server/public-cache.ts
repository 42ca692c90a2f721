import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/**
 * The catalogue's version (db/migrations/…-catalogue-version: a counter row bumped by triggers in the transaction
 * of any change to agencies, procedures or their versions), read so that concurrent requests share one query.
 *
 * `maxAgeMs` 0 (the default) is strict: `current()` resolves with a read that *began after the call*, so a publish
 * committed before a request arrived is always seen, on every server. At most one read is in flight; requests that
 * arrive while one is running wait for the next one (which begins when it ends), so under load one query answers
 * a whole batch of requests. `maxAgeMs` > 0 trusts a read begun at most that long ago (bounded staleness).
 */
export class CatalogueVersion {
  private inflight: Promise<string> | null = null
  private queued: Promise<string> | null = null
  private last: { at: number; value: string } | null = null
  reads = 0

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxAgeMs = 0,
  ) {}

  current(): Promise<string> {
    if (this.maxAgeMs > 0 && this.last && performance.now() - this.last.at <= this.maxAgeMs) {
      return Promise.resolve(this.last.value)
    }
    if (!this.inflight) return this.start()
    // The read in flight may have begun before this request arrived (and before a commit it must see).
    this.queued ??= this.inflight
      .catch(() => undefined)
      .then(() => {
        this.queued = null
        return this.start()
      })
    return this.queued
  }

  private start(): Promise<string> {
    const at = performance.now()
    this.reads++
    const read = sql<{ version: string }>`SELECT version::text AS version FROM catalogue_version`
      .execute(this.db)
      .then(({ rows }) => {
        const value = rows[0]?.version
        if (value === undefined) throw new Error('catalogue_version has no row')
        if (!this.last || this.last.at < at) this.last = { at, value }
        return value
      })
    const inflight = read.finally(() => {
      if (this.inflight === inflight) this.inflight = null
    })
    this.inflight = inflight
    return inflight
  }
}

/** One stored public page: the body split where the response's CSP nonce was, so each answer gets its own. */
export interface CachedPage {
  version: string
  status: number
  headers: [string, string][]
  /** the body's bytes between nonces (one part when the body has none, e.g. a `.data` answer) */
  parts: Buffer[]
  /** weak: the bytes differ by their nonce only */
  etag: string
  bytes: number
}

/** Anonymous public pages by key (path, query, language), for one catalogue version; least recently used go first. */
export class PublicPageCache {
  private readonly pages = new Map<string, CachedPage>()
  private bytes = 0
  private version: string | null = null

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {}

  get enabled() {
    return this.maxEntries > 0 && this.maxBytes > 0
  }

  get size() {
    return this.pages.size
  }

  /** The page stored under `key` for exactly `version`, or undefined. A newer version empties the cache. */
  get(key: string, version: string): CachedPage | undefined {
    this.observe(version)
    const page = this.pages.get(key)
    if (!page) return undefined
    if (page.version !== version) {
      this.delete(key, page)
      return undefined
    }
    this.pages.delete(key)
    this.pages.set(key, page)
    return page
  }

  /** Stores a page rendered from data read after `version` was (so it is at least that new). */
  set(key: string, page: CachedPage) {
    this.observe(page.version)
    if (page.version !== this.version || page.bytes > this.maxBytes / 4) return
    const old = this.pages.get(key)
    if (old) this.delete(key, old)
    this.pages.set(key, page)
    this.bytes += page.bytes
    for (const [k, p] of this.pages) {
      if (this.pages.size <= this.maxEntries && this.bytes <= this.maxBytes) break
      this.delete(k, p)
    }
  }

  private observe(version: string) {
    if (version === this.version) return
    // Versions only grow; a page of an older version is never served again.
    if (this.version === null || BigInt(version) > BigInt(this.version)) {
      this.version = version
      this.pages.clear()
      this.bytes = 0
    }
  }

  private delete(key: string, page: CachedPage) {
    this.pages.delete(key)
    this.bytes -= page.bytes
  }
}

/** Builds the stored form of a rendered page whose body carries `nonce` (every occurrence is the nonce). */
export function toCachedPage(
  version: string,
  status: number,
  headers: [string, string][],
  body: Buffer,
  nonce: string,
): CachedPage {
  const text = body.toString('utf8')
  const pieces = nonce ? text.split(nonce) : [text]
  const parts = pieces.map((p) => Buffer.from(p, 'utf8'))
  const hash = createHash('sha256')
  for (const p of parts) hash.update(p).update('\0nonce\0')
  const etag = `W/"c${version}-${hash.digest('base64url').slice(0, 27)}"`
  const bytes = parts.reduce((n, p) => n + p.length, 0)
  return { version, status, headers, parts, etag, bytes }
}

/** The body for one answer: the stored parts joined by this answer's nonce. */
export function bodyWithNonce(page: CachedPage, nonce: string): Buffer {
  if (page.parts.length === 1) return page.parts[0]
  const n = Buffer.from(nonce, 'utf8')
  const chunks: Buffer[] = []
  page.parts.forEach((p, i) => {
    if (i > 0) chunks.push(n)
    chunks.push(p)
  })
  return Buffer.concat(chunks, page.bytes + n.length * (page.parts.length - 1))
}

/** Whether `If-None-Match` names this ETag (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  const opaque = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque)
}
