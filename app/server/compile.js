/**
 * `npm run build`'s second step (after `remix build`): the server process's own TypeScript (app/server/start.ts
 * and what it imports of app/server/) compiled to one ES module, `.build/start.js`, that `node` runs as it is.
 * Packages stay imports (node_modules is resolved at run time, as for the Remix build); the application itself is
 * still taken from the Remix build at start-up (build.ts), never bundled here a second time.
 *
 * Why: under tsx every module the server loads (about a thousand, most of them the build's dependencies) passes
 * through tsx's loader hooks, on their own thread; `npm start` spent ~2 s of its cold start there (decision 65).
 * `tsx app/server/start.ts` still works the same (tests, `npm run dev`, the image), from the sources.
 */
// Synchronous: no esbuild service left running as the process ends (0.17's service could print a Go
// 'deadlock' panic at exit).
import { buildSync } from 'esbuild'

const started = Date.now()
buildSync({
  entryPoints: ['app/server/start.ts'],
  outfile: '.build/start.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  banner: { js: '// Compiled from app/server/start.ts by app/server/compile.js (npm run build): edit the sources.' },
})
console.log(`[info] server compiled to .build/start.js (${Date.now() - started} ms)`)
