/**
 * Starts an S3-compatible test server (s3-server.ts) in a process of its own, for scripts that run the portal as
 * child processes (the fault suite): `tsx tests/setup/s3-server-cli.ts [--port N] [--bucket NAME] [--dir PATH]`.
 *
 * Prints one JSON line on stdout once it answers — `{"endpoint":…,"port":…,"bucket":…,"directory":…,"env":{…}}` —
 * and stops on SIGTERM or SIGINT (its temp folder removed unless --dir was given). An outage without losing
 * objects: the line `stop` on stdin (or SIGUSR2) stops the server, `start` (or SIGHUP) starts it again on the same
 * port and folder; each answers `{"running":false}` or `{"running":true}` on stdout.
 */
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { startS3Server } from './s3-server'

const { values } = parseArgs({
  options: { port: { type: 'string' }, bucket: { type: 'string' }, dir: { type: 'string' } },
})
const s3 = await startS3Server({
  port: values.port ? Number(values.port) : undefined,
  bucket: values.bucket,
  directory: values.dir,
})
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)
say({ endpoint: s3.endpoint, port: s3.port, bucket: s3.bucket, directory: s3.directory, env: s3.env })

// While stopped nothing else keeps the process alive.
const keepAlive = setInterval(() => {}, 60_000)

let busy = Promise.resolve()
const queue = (task: () => Promise<void>) => {
  busy = busy.then(task).catch((error: unknown) => {
    process.stderr.write(`s3-server-cli: ${String(error)}\n`)
  })
}
const stop = () =>
  queue(async () => {
    await s3.stop()
    say({ running: false })
  })
const start = () =>
  queue(async () => {
    if (!s3.running()) await s3.restart()
    say({ running: true })
  })
const quit = () =>
  queue(async () => {
    clearInterval(keepAlive)
    await s3.close()
    process.exit(0)
  })

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim()
  if (command === 'stop') stop()
  else if (command === 'start' || command === 'restart') start()
  else if (command === 'quit') quit()
})
process.on('SIGUSR2', stop)
process.on('SIGHUP', start)
process.once('SIGTERM', quit)
process.once('SIGINT', quit)
