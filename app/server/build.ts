import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type * as EntryServer from '../entry.server'
import { StartupError } from './bootstrap'

/** The named exports of app/entry.server.tsx: what the server process may use of the application. */
export type ServerEntry = typeof EntryServer

/** The production build (`npm run build`), its entry typed with the portal's own exports. */
export type PortalBuild = ServerBuild & { entry: { module: ServerEntry } }

/** Where remix.config.js puts the server bundle. */
export const serverBuildFile = path.resolve('.build/server/index.js')

/** A few of the entry's exports, checked so that a build older than this server fails with one clear line. */
const required = ['createPaymentsRuntime', 'lookupSession', 'startNotificationWorker', 'parseEnv'] as const

/**
 * Imports the build once. The server process reaches the domain only through it (the entry's named exports
 * and the routes), never by importing app/modules, payments/ or db/ itself: one module graph, so a class such
 * as GatewayError has one identity for the code that throws it and the code that catches it.
 * Throws StartupError with one line for the operator when there is no build or it is out of date.
 */
export async function loadBuild(file = serverBuildFile): Promise<PortalBuild> {
  if (!existsSync(file)) throw new StartupError(`No server build at ${file}: run \`npm run build\` first`)
  const build = (await import(pathToFileURL(file).href)) as PortalBuild
  const missing = required.filter((name) => typeof build.entry.module[name] !== 'function')
  if (missing.length) {
    throw new StartupError(`The build at ${file} lacks ${missing.join(', ')}: run \`npm run build\` again`)
  }
  return build
}
