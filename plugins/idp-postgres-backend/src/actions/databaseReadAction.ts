import type {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import {
  DatabaseRef,
  idpPostgresStatusReadPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { AnyZodObject, z as zod } from 'zod/v3';
import type { ActionsOptions } from './ActionsOptions';

/**
 * Registers a read-only, idempotent action about one database: its input
 * has the database's `namespace` and `name` (`databaseRefFields`), and the
 * caller's own credentials must hold `idp-postgres.status.read` on it, as
 * for the matching REST route, before `read` runs.
 */
export function registerDatabaseReadAction<
  TInput extends AnyZodObject,
  TOutput extends AnyZodObject,
>(
  registry: ActionsRegistryService,
  access: ActionsOptions['access'],
  spec: Pick<
    ActionsRegistryActionOptions<TInput, TOutput>,
    'name' | 'title' | 'schema'
  > & {
    /** Sentences, joined with spaces. */
    description: string[];
    read(
      ref: DatabaseRef,
      input: zod.infer<TInput>,
    ): Promise<zod.infer<TOutput>>;
  },
): void {
  registry.register<TInput, TOutput>({
    name: spec.name,
    title: spec.title,
    description: spec.description.join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: spec.schema,
    action: async ({ input, credentials }) => {
      const { namespace, name } = input as DatabaseRef;
      const ref = { namespace, name };
      await access.authorizeCredentials(
        credentials,
        ref,
        idpPostgresStatusReadPermission,
      );
      const output = await spec.read(ref, input);
      return { output } as Awaited<
        ReturnType<ActionsRegistryActionOptions<TInput, TOutput>['action']>
      >;
    },
  });
}
