import { destination, pino, stdTimeFunctions } from 'pino';

/** Log levels, most severe first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
/** One of the log levels. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured logger: one JSON object per line. */
export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * Fields that hold a secret or what someone wrote: a line never carries them, even when a caller
 * passes a whole message by mistake (nested one level too).
 */
const SECRET_FIELDS = ['password', 'token', 'text', 'topic', 'status'];

/**
 * Creates a logger (pino) that writes JSON lines at or above `level` to `write`, or to stderr:
 * `{"level":"info","time":"2026-12-05T12:00:00.000Z","pid":1,"msg":"...",...}`.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const logger = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [...SECRET_FIELDS, ...SECRET_FIELDS.map((field) => `*.${field}`)],
        censor: '[redacted]',
      },
    },
    write === undefined ? destination({ fd: 2, sync: true }) : { write },
  );
  return {
    error: (msg, fields) => logger.error(fields ?? {}, msg),
    warn: (msg, fields) => logger.warn(fields ?? {}, msg),
    info: (msg, fields) => logger.info(fields ?? {}, msg),
    debug: (msg, fields) => logger.debug(fields ?? {}, msg),
  };
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };
