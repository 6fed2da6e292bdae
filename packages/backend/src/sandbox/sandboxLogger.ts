import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { SandboxLogger } from '@jppol-idp/idp-sandbox';

/**
 * The backend's logger as the sandbox's logger. The sandbox logs flat
 * metadata (names, ports, counts), which is JSON; the types differ only in
 * how they say so.
 */
export function sandboxLogger(logger: LoggerService): SandboxLogger {
  const json = (meta?: Record<string, unknown>) => meta as JsonObject;
  return {
    debug: (message, meta) => logger.debug(message, json(meta)),
    info: (message, meta) => logger.info(message, json(meta)),
    warn: (message, meta) => logger.warn(message, json(meta)),
    error: (message, meta) => logger.error(message, json(meta)),
    child: meta => sandboxLogger(logger.child(json(meta))),
  };
}
