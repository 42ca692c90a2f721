import pino, { type Logger } from 'pino'

export interface LoggerOptions {
  /**
   * Write off the request path (pino's asynchronous destination on stdout): a line is handed to the file system in
   * the background instead of a blocking write per line. Lines still in memory are written on process exit
   * (flushSync); a clean shutdown should `await flushLogs(logger)` before it exits.
   */
  async?: boolean
}

/** JSON logs. Secrets, cookies, passwords and full citizen ids never reach them (redaction as a safety net). */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const destination = options.async ? pino.destination({ dest: 1, sync: false, minLength: 0 }) : undefined
  const logger = pino(
    {
      level,
      base: { service: 'portal' },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'headers.cookie',
          'headers.authorization',
          '*.citizenId',
          'citizenId',
          'DATABASE_URL',
          'SESSION_SECRET',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  )
  if (destination) {
    // process.exit() does not wait for an asynchronous write: whatever is still buffered is written synchronously.
    process.once('exit', () => {
      try {
        destination.flushSync()
      } catch {
        // not open yet, or already closed: nothing left to write
      }
    })
  }
  return logger
}

/** Resolves once every line logged so far has been written (before a deliberate process.exit). */
export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()))
}
