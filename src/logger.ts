import pino, { type Logger } from 'pino';

/**
 * JSON logs. Credentials and session material are redacted wherever they appear; request
 * bodies are never logged (they can hold names of persons).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'sarhad' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.passwordHash',
          '*.token',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
