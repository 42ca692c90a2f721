/**
 * The HTTP benchmark (issue 12 §2 and §3). In one run, one target at a time (the others idle), autocannon with 20
 * connections from this process against servers in processes of their own:
 *
 * - `bare`: bare node:http answering the bytes the portal serves for `/procedures` (fixtures/bare-http.mjs) — the
 *   machine's ceiling for those bytes;
 * - `remix`: a trivial Remix 2 app (its own root, one route with a loader) behind Express (fixtures/trivial-remix,
 *   built with its own `remix build` when its build is missing) — the framework's floor;
 * - the portal, production build (`.build/`, never built here), run as `npm start` runs it (`node .build/start.js`),
 *   NODE_ENV=production, demo profile (its seed and accounts) with a real payment provider configured
 *   (BENCH_PAYMENT_PROVIDER=mock for the demo's gateway), twice: with the public cache off
 *   (PUBLIC_CACHE_MAX_ENTRIES=0) for the request path itself — `/` is its trivial route (a loader that returns a
 *   title) — and the signed-in pages; then with the cache as configured for the anonymous catalogue.
 *
 * Prints a table of req/s, p50 and p99 with each ratio and its target, writes the figures to .data/bench/http.json,
 * and answers whether every target held. `benchHttp({ databaseUrl })` is what tests/bench/run.ts calls; run alone
 * (`npx tsx tests/bench/http.bench.ts`) it makes a database of its own on DATABASE_URL's server (or the tests'
 * embedded PostgreSQL) and drops it afterwards. BENCH_HTTP_SECONDS: seconds per target (default 10).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { demoCitizen, demoPasswords } from '../../db/seed/accounts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const fixtures = path.join(root, 'tests/bench/fixtures')
const trivialRemix = path.join(fixtures, 'trivial-remix')

export interface HttpFigure {
  target: string
  url: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  non2xx: number
  errors: number
}

export interface HttpRatio {
  name: string
  of: string
  against: string
  ratio: number
  target: number
  ok: boolean
}

export interface BenchHttpOptions {
  /** a database the portal may migrate and seed (the demo seed) and write sessions to */
  databaseUrl: string
  log?: (line: string) => void
  seconds?: number
  connections?: number
  /** where the JSON goes (default .data/bench/http.json) */
  output?: string
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })

interface Target {
  url: string
  stop(): Promise<void>
}

async function waitFor(url: string, child: ChildProcess, logFile: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the server exited (${child.exitCode}); see ${logFile}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms; see ${logFile}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** A server in a process group of its own (so any child of its goes with it), its output in a log file. */
async function startProcess(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: string,
  logDir: string,
): Promise<Target> {
  const port = await freePort()
  const logFile = path.join(logDir, `${name}.log`)
  const out = openSync(logFile, 'w')
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', out, out],
    detached: true,
  })
  const url = `http://127.0.0.1:${port}`
  await waitFor(`${url}${ready}`, child, logFile)
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      process.kill(-child.pid!, 'SIGTERM')
      const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 20_000)
      await exited
      clearTimeout(timer)
    },
  }
}

async function measure(
  target: string,
  url: string,
  seconds: number,
  connections: number,
  headers: Record<string, string> = {},
): Promise<HttpFigure> {
  // A warm-up (JIT, pools, caches), then the timed run.
  await autocannon({ url, connections, duration: Math.min(3, seconds), headers })
  const r = await autocannon({ url, connections, duration: seconds, headers })
  return {
    target,
    url: new URL(url).pathname + new URL(url).search,
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  }
}

/** Signs in through the login form; the session cookie header for autocannon. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    redirect: 'manual',
  })
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0])
  if (res.status !== 302 || !cookies.some((c) => /^(__Host-)?sid=/.test(c))) {
    throw new Error(`signing in as ${email} answered ${res.status}`)
  }
  return cookies.join('; ')
}

export async function benchHttp(
  options: BenchHttpOptions,
): Promise<{ ok: boolean; figures: HttpFigure[]; ratios: HttpRatio[] }> {
  const log = options.log ?? ((line: string) => console.log(line))
  const seconds = options.seconds ?? Number(process.env.BENCH_HTTP_SECONDS ?? 10)
  const connections = options.connections ?? 20
  const output = options.output ?? path.join(root, '.data/bench/http.json')
  if (
    !existsSync(path.join(root, '.build/server/index.js')) ||
    !existsSync(path.join(root, '.build/start.js'))
  ) {
    throw new Error(
      'No portal build at .build/server/index.js and .build/start.js: run `npm run build` first',
    )
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-http-'))
  const logDir = path.join(path.dirname(output), 'http-logs')
  mkdirSync(logDir, { recursive: true })
  if (!existsSync(path.join(root, '.data/bench/trivial-remix/server/index.js'))) {
    log('building the trivial Remix fixture (tests/bench/fixtures/trivial-remix)')
    await new Promise<void>((resolve, reject) => {
      const b = spawn('npx', ['remix', 'build'], { cwd: trivialRemix, stdio: 'ignore' })
      b.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`remix build exited ${code}`))))
    })
  }
  const portalEnv = (extra: Record<string, string>) => ({
    NODE_ENV: 'production',
    PROFILE: 'demo',
    DATABASE_URL: options.databaseUrl,
    SEED_DEMO: 'true',
    DATA_DIR: path.join(work, 'data'),
    // The city's configuration: a real provider (never reached here), not the demo's mock gateway, whose msw
    // interception of fetch, Request and Response costs about 5% of every request (measured with --cpu-prof).
    PAYMENT_PROVIDER: process.env.BENCH_PAYMENT_PROVIDER ?? 'vnpay',
    VNPAY_TMN_CODE: 'BENCHTMN',
    VNPAY_HASH_SECRET: 'bench-hash-secret-0123456789',
    VNPAY_API_URL: 'http://127.0.0.1:9/merchant_webapi/api/transaction',
    LOG_LEVEL: 'info',
    ...extra,
  })
  // As `npm start` and `npm run serve` run it: the server compiled by `npm run build` (.build/start.js), by node.
  const startPortal = (name: string, extra: Record<string, string>) =>
    startProcess(name, process.execPath, ['.build/start.js'], portalEnv(extra), '/healthz', logDir)

  const figures: HttpFigure[] = []
  const running: Target[] = []
  const run = async (target: string, url: string, headers?: Record<string, string>) => {
    const f = await measure(target, url, seconds, connections, headers)
    figures.push(f)
    log(
      `  ${target.padEnd(34)} ${String(f.requestsPerSecond).padStart(7)} req/s  p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms` +
        (f.non2xx || f.errors ? `  (${f.non2xx} non-2xx, ${f.errors} errors)` : ''),
    )
    return f
  }
  try {
    // 1. The portal without its public cache: the request path itself, anonymous and signed in.
    const plain = await startPortal('portal-uncached', { PUBLIC_CACHE_MAX_ENTRIES: '0' })
    running.push(plain)
    const code = await firstProcedureCode(plain.url)
    const pages = {
      home: '/',
      list: '/procedures',
      search: '/procedures?q=ly+lich',
      one: `/procedures/${code}`,
    }
    const procedures = await fetch(`${plain.url}${pages.list}`)
    if (!procedures.ok) throw new Error(`/procedures answered ${procedures.status}`)
    const bodyFile = path.join(work, 'procedures.html')
    writeFileSync(bodyFile, Buffer.from(await procedures.arrayBuffer()))
    const citizen = await signIn(plain.url, demoCitizen.email, demoPasswords.citizen)
    const reception = await signIn(plain.url, 'reception.stp@example.gov.vn', demoPasswords.staff)
    log(`HTTP benchmark: ${connections} connections, ${seconds} s per target (after a warm-up)`)
    await run('portal / (trivial route, no cache)', `${plain.url}/`)
    await run('portal /dossiers (citizen)', `${plain.url}/dossiers`, { cookie: citizen })
    await run('portal /officer (reception)', `${plain.url}/officer`, { cookie: reception })
    await run('portal /procedures (no cache)', `${plain.url}${pages.list}`)
    await plain.stop()
    running.pop()

    // 2. The baselines.
    const remix = await startProcess(
      'trivial-remix',
      process.execPath,
      [path.join(trivialRemix, 'server.mjs')],
      { NODE_ENV: 'production' },
      '/',
      logDir,
    )
    running.push(remix)
    await run('trivial Remix app /', `${remix.url}/`)
    await remix.stop()
    running.pop()
    const bare = await startProcess(
      'bare-http',
      process.execPath,
      [path.join(fixtures, 'bare-http.mjs')],
      { BODY_FILE: bodyFile },
      '/',
      logDir,
    )
    running.push(bare)
    await run('bare node:http (bytes of /procedures)', `${bare.url}/procedures`)
    await bare.stop()
    running.pop()

    // 3. The portal with its public cache: the anonymous catalogue.
    const cached = await startPortal('portal-cached', {})
    running.push(cached)
    for (const p of Object.values(pages)) {
      const res = await fetch(`${cached.url}${p}`)
      if (res.status !== 200 || res.headers.get('cache-control')?.startsWith('public') !== true) {
        throw new Error(
          `${p} is not a cacheable public page: ${res.status} ${res.headers.get('cache-control')}`,
        )
      }
    }
    await run('portal / (cached)', `${cached.url}${pages.home}`)
    await run('portal /procedures (cached)', `${cached.url}${pages.list}`)
    await run('portal /procedures?q= (cached)', `${cached.url}${pages.search}`)
    await run('portal /procedures/:code (cached)', `${cached.url}${pages.one}`)
    await cached.stop()
    running.pop()
  } finally {
    for (const t of running) await t.stop().catch(() => {})
    rmSync(work, { recursive: true, force: true })
  }

  const by = (target: string) => figures.find((f) => f.target === target)!
  const ratio = (name: string, of: string, against: string, target: number): HttpRatio => {
    const r = by(of).requestsPerSecond / by(against).requestsPerSecond
    return { name, of, against, ratio: Math.round(r * 1000) / 1000, target, ok: r >= target }
  }
  const remixT = 'trivial Remix app /'
  const bareT = 'bare node:http (bytes of /procedures)'
  const ratios: HttpRatio[] = [
    ratio('trivial route vs trivial Remix', 'portal / (trivial route, no cache)', remixT, 0.8),
    ratio('citizen /dossiers vs trivial Remix', 'portal /dossiers (citizen)', remixT, 0.5),
    ratio('officer queue vs trivial Remix', 'portal /officer (reception)', remixT, 0.5),
    ratio('cached / vs bare http', 'portal / (cached)', bareT, 0.15),
    ratio('cached /procedures vs bare http', 'portal /procedures (cached)', bareT, 0.15),
    ratio('cached /procedures?q= vs bare http', 'portal /procedures?q= (cached)', bareT, 0.15),
    ratio('cached /procedures/:code vs bare http', 'portal /procedures/:code (cached)', bareT, 0.15),
  ]
  const failedRequests = figures.filter((f) => f.non2xx || f.errors)
  log('')
  log('| ratio | measured | target | |')
  log('| --- | --- | --- | --- |')
  for (const r of ratios) {
    log(`| ${r.name} | ${(r.ratio * 100).toFixed(1)} % | ≥ ${r.target * 100} % | ${r.ok ? 'ok' : 'MISSED'} |`)
  }
  for (const f of failedRequests) log(`! ${f.target}: ${f.non2xx} non-2xx answers, ${f.errors} errors`)
  mkdirSync(path.dirname(output), { recursive: true })
  const ok = ratios.every((r) => r.ok) && failedRequests.length === 0
  writeFileSync(
    output,
    `${JSON.stringify({ at: new Date().toISOString(), connections, seconds, cpus: os.cpus().length, figures, ratios, ok }, null, 2)}\n`,
  )
  log(`figures written to ${path.relative(root, output)}`)
  return { ok, figures, ratios }
}

/** A published procedure's code, read from the catalogue page's first link to one. */
async function firstProcedureCode(base: string): Promise<string> {
  const html = await (await fetch(`${base}/procedures`)).text()
  const match = /href="\/procedures\/([^"/?#]+)"/.exec(html)
  if (!match) throw new Error('no procedure link on /procedures')
  return decodeURIComponent(match[1])
}

/** Run alone: a database of its own, dropped afterwards. */
async function main() {
  const { adminQuery, dropDatabase, quoteIdent, testServer } = await import('../setup/pg')
  const { withDatabase } = await import('../../db/embedded')
  const { adminUrl, embedded } = await testServer()
  const name = `portal_bench_http_${randomBytes(4).toString('hex')}`
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`)
  try {
    const { ok } = await benchHttp({ databaseUrl: withDatabase(adminUrl, name) })
    process.exitCode = ok ? 0 : 1
  } finally {
    await dropDatabase(adminUrl, name)
    await embedded?.stop()
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
