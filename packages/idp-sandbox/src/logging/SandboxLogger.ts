/**
 * The logging surface the sandbox needs. Backstage's `LoggerService` satisfies
 * it, so the dev backend can pass its own logger straight in; the CLI passes a
 * small stdout logger.
 *
 * @public
 */
export interface SandboxLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  child?(meta: Record<string, unknown>): SandboxLogger;
}

/**
 * A logger that drops everything; the default when the caller passes none.
 *
 * @public
 */
export const silentLogger: SandboxLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** Returns a child logger when the logger supports it, else the logger itself. */
export function childLogger(
  logger: SandboxLogger,
  meta: Record<string, unknown>,
): SandboxLogger {
  return logger.child ? logger.child(meta) : logger;
}
