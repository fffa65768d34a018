import pino from 'pino';

/**
 * Structured logging, one JSON line per event.
 * @remarks Never pass message text, note content, names or e-mail addresses: log ids, step names,
 * counts and error codes only. `redact` below is a safety net, not a licence.
 */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, string>): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Field names that must never reach a log line, whatever a caller passes. */
const REDACTED_PATHS = ['text', 'value', 'name', 'email', 'from', 'body', 'question', 'answers', 'observations'].flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

function wrap(p: pino.Logger): Logger {
  return {
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, fields) => p.error(fields ?? {}, msg),
    child: (bindings) => wrap(p.child(bindings)),
  };
}

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const p = pino(
    {
      level,
      base: { app: 'samverka' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return wrap(p);
}

/** A logger that drops everything: for tests and tools. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** Serialise an error for a log line without its message when it may carry user text. */
export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const statusCode = (err as { statusCode?: unknown }).statusCode;
    return {
      errName: err.name,
      errCode: typeof code === 'string' ? code : undefined,
      statusCode: typeof statusCode === 'number' ? statusCode : undefined,
      // Stack frames name our code, not the user's words; messages from our own AppErrors are ours.
      errMessage: err.name === 'AppError' ? err.message : undefined,
      // Only the "at …" frames: a message (which may carry user text) can span several lines.
      stack: err.stack
        ?.split('\n')
        .filter((line) => /^\s+at /.test(line))
        .slice(0, 5)
        .join('\n'),
    };
  }
  return { errName: typeof err };
}
