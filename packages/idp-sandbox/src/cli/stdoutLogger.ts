import { SandboxLogger } from '../logging/SandboxLogger';

/**
 * One line per event on stdout (the CLI's daemon writes stdout to
 * `sandbox.log`). Debug lines only with `IDP_SANDBOX_DEBUG=1`: the server's
 * own log is chatty.
 */
export function stdoutLogger(
  meta: Record<string, unknown> = {},
): SandboxLogger {
  const debug = process.env.IDP_SANDBOX_DEBUG === '1';
  const write =
    (level: string) => (message: string, extra?: Record<string, unknown>) => {
      const fields = { ...meta, ...extra };
      const suffix = Object.keys(fields).length
        ? ` ${JSON.stringify(fields)}`
        : '';
      process.stdout.write(
        `${new Date().toISOString()} ${level} ${message}${suffix}\n`,
      );
    };
  return {
    debug: debug ? write('debug') : () => {},
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: more => stdoutLogger({ ...meta, ...more }),
  };
}
