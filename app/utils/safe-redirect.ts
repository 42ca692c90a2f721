const DEFAULT = '/'

/**
 * Only same-site paths: "/x" yes; "//evil.com", "/\\evil.com", "https://…", control characters no.
 * Remix stacks' helper, hardened for backslashes and encoded slashes.
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback: string = DEFAULT,
): string {
  if (!to || typeof to !== 'string') return fallback
  const trimmed = to.trim()
  if (!trimmed.startsWith('/') || trimmed.startsWith('//') || trimmed.startsWith('/\\')) return fallback
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(trimmed)) return fallback
  if (/^\/%2f/i.test(trimmed) || /^\/%5c/i.test(trimmed)) return fallback
  return trimmed
}
