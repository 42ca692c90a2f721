/**
 * `npm run test:faults` (issue 14 §4): faults survived under concurrent load, on real engines — a portal process
 * killed, PostgreSQL restarted, the gateway failing, the object store gone. The load comes from a separate process
 * (load-driver.ts); each scenario prints what was sent, acknowledged and found afterwards, checks its claims, and
 * the process exits non-zero if any claim failed. Needs the production build (`npm run build`).
 *
 * The databases are made for the run on DATABASE_URL's server (default the machine's 127.0.0.1:5432) and dropped at
 * the end; the PostgreSQL that is restarted is an embedded one of the suite's own, never the shared server.
 * FAULTS=a,c runs some scenarios only.
 */
import { dropTemplates, Failures, log } from './harness'
import { gatewayFaults } from './scenario-gateway'
import { killWebServer } from './scenario-kill'
import { restartPostgres } from './scenario-postgres'
import { storageDown } from './scenario-storage'

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const scenarios = {
  a: ['SIGKILL the web server mid-load, then restart it', killWebServer],
  b: ['restart PostgreSQL mid-load', restartPostgres],
  c: ['the gateway answers 500s and times out', gatewayFaults],
  d: ['the S3 server stops', storageDown],
} as const

const wanted = (process.env.FAULTS ?? 'a,b,c,d').split(',').map((s) => s.trim()) as (keyof typeof scenarios)[]
const failures = new Failures()
const started = Date.now()
for (const key of wanted) {
  const [title, run] = scenarios[key]
  log(`\n== (${key}) ${title}`)
  const t0 = Date.now()
  try {
    await run({ adminUrl, failures })
  } catch (error) {
    failures.check(false, `scenario (${key}) ran to its end: ${(error as Error)?.stack ?? error}`)
  }
  log(`   (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
}
await dropTemplates()
log(
  `\n${failures.list.length ? 'FAILED' : 'passed'}: ${wanted.length} scenarios in ${((Date.now() - started) / 1000).toFixed(0)} s`,
)
for (const f of failures.list) log(`  - ${f}`)
process.exit(failures.list.length ? 1 : 0)
