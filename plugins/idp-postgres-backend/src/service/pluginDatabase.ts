import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * PostgreSQL's "already exists" errors (duplicate table, unique violation):
 * what a replica meets when another one creates knex's migration tables at
 * the same moment on a fresh database. knex locks the migrations themselves,
 * but not the creation of its own bookkeeping tables.
 */
const CONCURRENT_CREATE_CODES = new Set(['42P07', '23505']);

/**
 * The plugin's own database with every migration of `migrations/` applied,
 * unless Backstage is configured to skip migrations. Each store asks for
 * it; the second run finds nothing to do.
 */
export async function migratedPluginDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const db = await database.getClient();
  if (!database.migrations?.skip) {
    const migrate = () =>
      db.migrate.latest({
        directory: resolvePackagePath(
          '@jppol-idp/backstage-plugin-idp-postgres-backend',
          'migrations',
        ),
      });
    try {
      await migrate();
    } catch (error) {
      // Replicas starting together on a fresh database: the other one has
      // created the tables by now, and knex's lock orders the migrations.
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !CONCURRENT_CREATE_CODES.has(code)) {
        throw error;
      }
      await migrate();
    }
  }
  return db;
}
