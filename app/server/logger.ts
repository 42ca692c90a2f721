import pino, { type Logger } from 'pino'

/** JSON logs. Secrets, cookies, passwords and full citizen ids never reach them (redaction as a safety net). */
export function createLogger(level: string): Logger {
  return pino({
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
  })
}
