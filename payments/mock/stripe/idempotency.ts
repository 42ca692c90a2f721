/**
 * Stripe's idempotency rules for POST requests (payment-protocols.md): the first response to a key, success or
 * failure, is saved and replayed for 24 h when the same key comes again with the same parameters; the same key
 * with other parameters is a 400 `idempotency_error`; a key whose first request is still running is a 409
 * `idempotency_key_in_use`; a request that fails validation saves nothing, so the key stays free.
 */

export interface SavedResponse {
  status: number
  /** the JSON text as first sent, so a replay is byte-for-byte the same */
  body: string
}

type Entry =
  | { fingerprint: string; savedAt: number; state: 'running' }
  | { fingerprint: string; savedAt: number; state: 'done'; response: SavedResponse }

export type Claim =
  { kind: 'new' } | { kind: 'replay'; response: SavedResponse } | { kind: 'in_use' } | { kind: 'mismatch' }

const retentionMs = 24 * 60 * 60 * 1000

export function createIdempotencyStore(nowMs: () => number) {
  const entries = new Map<string, Entry>()

  function prune() {
    const cutoff = nowMs() - retentionMs
    for (const [key, entry] of entries) {
      if (entry.state === 'done' && entry.savedAt < cutoff) entries.delete(key)
    }
  }

  return {
    /** Decides what a request with this key gets; on 'new' the key is held as running until settle/release. */
    claim(key: string, fingerprint: string): Claim {
      prune()
      const entry = entries.get(key)
      if (!entry) {
        entries.set(key, { fingerprint, savedAt: nowMs(), state: 'running' })
        return { kind: 'new' }
      }
      if (entry.state === 'running') return { kind: 'in_use' }
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' }
      return { kind: 'replay', response: entry.response }
    },
    /** Saves the first response for replay. */
    settle(key: string, response: SavedResponse) {
      const entry = entries.get(key)
      if (entry)
        entries.set(key, { fingerprint: entry.fingerprint, savedAt: nowMs(), state: 'done', response })
    },
    /** Frees the key (the request failed validation: nothing is saved). */
    release(key: string) {
      entries.delete(key)
    },
    clear() {
      entries.clear()
    },
  }
}
