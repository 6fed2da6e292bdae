import fs from 'node:fs';
import type { PostgresConnectionInfo } from '../postgres/PostgresConnectionInfo';

/** Environment variable naming the test run's connection file. */
export const TEST_POSTGRES_ENV = 'IDP_SANDBOX_TEST_POSTGRES';

/**
 * The PostgreSQL started by the Jest global setup. Throws instead of skipping:
 * a missing server must fail the run, never turn it silently green.
 */
export function testPostgres(): PostgresConnectionInfo {
  const file = process.env[TEST_POSTGRES_ENV];
  if (!file) {
    throw new Error(
      `${TEST_POSTGRES_ENV} is not set: the package's Jest globalSetup did not run`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
