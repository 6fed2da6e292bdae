import path from 'node:path';

/**
 * Loopback ports of the sandbox's parts. A port set here is fixed: when it is
 * taken the start fails. Absent or 0: the previous run's port if free, else
 * any free one.
 *
 * @public
 */
export interface SandboxPorts {
  /** The PostgreSQL endpoint clients use (the fault-injection proxy). */
  postgres?: number;
  kubernetes?: number;
  secretsManager?: number;
}

/**
 * `idpPostgres.sandbox` with defaults applied: what the dev backend and
 * `yarn sandbox` both run with, so they agree on state folder and ports.
 *
 * @public
 */
export interface SandboxConfig {
  enabled: boolean;
  /** Absolute; a relative `stateDir` in config resolves against the repository root. */
  stateDir: string;
  ports: SandboxPorts;
  kubernetesToken?: string;
}

const KEY = 'idpPostgres.sandbox';

/**
 * Reads `idpPostgres.sandbox` (the raw value, as config holds it) and applies
 * the defaults. `rootDir` is the repository root, where the default state
 * folder `.sandbox/` lives; `source` names the config in error messages.
 *
 * @public
 */
export function readSandboxConfig(
  raw: unknown,
  options: { rootDir: string; source?: string },
): SandboxConfig {
  const source = options.source ?? 'app-config';
  const sandbox = objectAt(raw, KEY, source);
  const ports = objectAt(sandbox.ports, `${KEY}.ports`, source);
  const port = (name: keyof SandboxPorts) =>
    ports[name] === undefined
      ? undefined
      : parsePort(ports[name], `${KEY}.ports.${name} in ${source}`);
  const stateDir = stringAt(sandbox.stateDir, `${KEY}.stateDir`, source);
  return {
    enabled: booleanAt(sandbox.enabled, `${KEY}.enabled`, source) ?? false,
    stateDir: path.resolve(options.rootDir, stateDir ?? '.sandbox'),
    ports: {
      postgres: port('postgres'),
      kubernetes: port('kubernetes'),
      secretsManager: port('secretsManager'),
    },
    kubernetesToken: stringAt(
      sandbox.kubernetesToken,
      `${KEY}.kubernetesToken`,
      source,
    ),
  };
}

/**
 * A TCP port from config or a command-line flag. Numeric strings count, as
 * Backstage config substitutes environment variables as strings.
 *
 * @public
 */
export function parsePort(value: unknown, what: string): number {
  const port =
    typeof value === 'string' && /^\d+$/.test(value.trim())
      ? Number(value)
      : value;
  if (typeof port !== 'number' || !Number.isInteger(port)) {
    throw new Error(
      `${what} must be a port number, got ${JSON.stringify(value)}`,
    );
  }
  if (port < 0 || port > 65535) {
    throw new Error(`${what} must be between 0 and 65535, got ${port}`);
  }
  return port;
}

function objectAt(
  value: unknown,
  key: string,
  source: string,
): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${key} in ${source} must be an object`);
  }
  return value as Record<string, unknown>;
}

function stringAt(value: unknown, key: string, source: string) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new Error(`${key} in ${source} must be a non-empty string`);
  }
  return value;
}

function booleanAt(value: unknown, key: string, source: string) {
  if (value === undefined || value === null) return undefined;
  // Environment substitution yields strings, which Backstage's reader accepts.
  if (value === 'true' || value === 'false') return value === 'true';
  if (typeof value !== 'boolean') {
    throw new Error(`${key} in ${source} must be true or false`);
  }
  return value;
}
