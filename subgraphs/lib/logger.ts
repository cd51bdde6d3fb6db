import pino, { type Logger } from 'pino';

/**
 * The process logger. Structured JSON; every request gets a child with its request id.
 * Personal data is never logged: `redact` removes the usual carriers if one slips through.
 */
export function createLogger(name: string, level: string): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'variables', '*.fiscalCode', '*.firstName', '*.lastName'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
