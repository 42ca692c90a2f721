import type { HeadersFunction } from '@remix-run/node'

/**
 * A route's `headers` export that lets chosen headers of its action's answer reach the browser on a full page
 * post (Remix takes document headers from this export, not from the action's response).
 */
export const passActionHeaders =
  (names: string[]): HeadersFunction =>
  ({ actionHeaders }) => {
    const out = new Headers()
    for (const name of names) {
      const value = actionHeaders.get(name)
      if (value) out.set(name, value)
    }
    return out
  }
