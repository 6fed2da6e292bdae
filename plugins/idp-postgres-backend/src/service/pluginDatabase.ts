import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

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
    await db.migrate.latest({
      directory: resolvePackagePath(
        '@jppol-idp/backstage-plugin-idp-postgres-backend',
        'migrations',
      ),
    });
  }
  return db;
}
