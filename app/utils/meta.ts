import type { MetaDescriptor } from '@remix-run/node'

interface MetaArgs {
  data: unknown
  matches: { id: string; meta: MetaDescriptor[] }[]
}

/**
 * "<page> – <portal>" from the loader's `title` and `titleSuffix`. When the page failed (no data), the root's
 * error title is kept, so every page, error pages too, has a title.
 */
export function pageTitle({ data, matches }: MetaArgs): MetaDescriptor[] {
  const d = data as { title?: string; titleSuffix?: string } | undefined
  if (!d?.title) return matches.find((m) => m.id === 'root')?.meta ?? []
  return [{ title: d.titleSuffix ? `${d.title} – ${d.titleSuffix}` : d.title }]
}
