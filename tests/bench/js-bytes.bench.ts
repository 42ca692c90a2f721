/**
 * JavaScript a citizen's browser loads per page (issue #12, `npm run bench`): for every citizen-facing route, the
 * files of the build manifest that a first visit fetches — the manifest, the client entry and its shared chunks,
 * the root's and the route's modules and their imports, the translations of the page's language — each gzipped as the server's compression middleware sends
 * it (zlib's default level). Read from the production build's assets manifest; `npm run build` first.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { ServerBuild } from '@remix-run/node'

/** Staff areas, the demo's stand-ins and machine endpoints: not what a citizen's browser loads. */
const notCitizen = /^routes\/(admin|officer|finance|dashboard|dev|mock-gateway|webhooks)[._]/

export interface RouteBytes {
  route: string
  files: number
  gzip: number
  raw: number
}

export function citizenJsBytes(
  build: Pick<ServerBuild, 'assets' | 'assetsBuildDirectory' | 'publicPath' | 'routes'>,
) {
  const { assets } = build
  const size = new Map<string, { gzip: number; raw: number }>()
  const measure = (url: string) => {
    let known = size.get(url)
    if (!known) {
      const relative = url.startsWith(build.publicPath) ? url.slice(build.publicPath.length) : url
      const bytes = readFileSync(path.join(build.assetsBuildDirectory, relative))
      known = { gzip: gzipSync(bytes).length, raw: bytes.length }
      size.set(url, known)
    }
    return known
  }
  // The client entry loads the translations of the page's language by a dynamic import before hydrating: every
  // page pays for one of them. Counted here with the larger of the two; the staff areas' namespaces
  // (resources-*-staff) load only for a signed-in staff member, never on a citizen's page.
  const entrySource = readFileSync(
    path.join(build.assetsBuildDirectory, assets.entry.module.slice(build.publicPath.length)),
    'utf8',
  )
  const languageChunks = [
    ...entrySource.matchAll(/import\("([^"]+resources-(?:vi|en)-(?!staff-)[^"]+\.js)"\)/g),
  ].map((m) => m[1])
  if (languageChunks.length === 0) throw new Error('no translations chunk found in the client entry')
  const language = languageChunks.reduce((a, b) => (measure(a).gzip >= measure(b).gzip ? a : b))
  const rows: RouteBytes[] = []
  for (const [id, route] of Object.entries(assets.routes)) {
    // Resource routes (PDFs, downloads, webhooks) render no page and load no JavaScript.
    if (id === 'root' || notCitizen.test(id) || !build.routes[id]?.module.default) continue
    const files = new Set<string>([assets.url, assets.entry.module, ...assets.entry.imports, language])
    for (
      let at: typeof route | undefined = route;
      at;
      at = at.parentId ? assets.routes[at.parentId] : undefined
    ) {
      files.add(at.module)
      for (const file of at.imports ?? []) files.add(file)
    }
    let gzip = 0
    let raw = 0
    for (const file of files) {
      const m = measure(file)
      gzip += m.gzip
      raw += m.raw
    }
    rows.push({ route: id.replace(/^routes\//, ''), files: files.size, gzip, raw })
  }
  return rows.sort((a, b) => b.gzip - a.gzip)
}

export const JS_TARGET_BYTES = 150 * 1024

/** Prints the heaviest citizen routes and returns the figure for the bench's table: the largest route's gzip bytes. */
export async function benchJsBytes(
  log: (line: string) => void,
  buildFile = path.resolve('.build/server/index.js'),
) {
  const build = (await import(buildFile)) as ServerBuild
  const rows = citizenJsBytes(build)
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
  log(
    `JavaScript per citizen route (gzip; target ≤ ${kb(JS_TARGET_BYTES)}), ${rows.length} routes, heaviest first:`,
  )
  for (const row of rows.slice(0, 8))
    log(`  ${row.route.padEnd(40)} ${kb(row.gzip).padStart(9)}  (${row.files} files, ${kb(row.raw)} raw)`)
  const heaviest = rows[0]
  return { routes: rows, heaviest, met: heaviest.gzip <= JS_TARGET_BYTES }
}
