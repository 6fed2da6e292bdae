import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  IDP_POSTGRES_DATABASE_RESOURCE_TYPE,
  InventoryDatabase,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { z } from 'zod';

/**
 * A filter over inventory databases: the value of one property is one of
 * `values`. What the rules' `toQuery` produce.
 *
 * @public
 */
export interface DatabaseQuery {
  property: 'owner' | 'namespace';
  values: string[];
}

/**
 * The permission resource of a platform database: an inventory entry,
 * looked up by `<namespace>/<name>`.
 *
 * @public
 */
export const idpPostgresDatabaseResourceRef = createPermissionResourceRef<
  InventoryDatabase,
  DatabaseQuery
>().with({
  pluginId: 'idp-postgres',
  resourceType: IDP_POSTGRES_DATABASE_RESOURCE_TYPE,
});

const isDatabaseOwner = createPermissionRule({
  name: 'IS_DATABASE_OWNER',
  description:
    'Allow the owners of a database, as the platform inventory reads them from the apps repo (never from a catalog entity)',
  resourceRef: idpPostgresDatabaseResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'Entity refs of the user and their groups, e.g. from the user info service',
      ),
  }),
  apply: (db, { claims }) =>
    db.owner !== undefined && claims.includes(db.owner.entityRef),
  toQuery: ({ claims }) => ({ property: 'owner', values: claims }),
});

const isInNamespace = createPermissionRule({
  name: 'IS_IN_NAMESPACE',
  description: 'Allow databases of the given Kubernetes namespaces',
  resourceRef: idpPostgresDatabaseResourceRef,
  paramsSchema: z.object({
    namespaces: z.array(z.string()).describe('Kubernetes namespaces'),
  }),
  apply: (db, { namespaces }) => namespaces.includes(db.namespace),
  toQuery: ({ namespaces }) => ({ property: 'namespace', values: namespaces }),
});

/** The rules of the database resource type. @public */
export const idpPostgresDatabaseRules = { isDatabaseOwner, isInNamespace };

const exported = createConditionExports({
  resourceRef: idpPostgresDatabaseResourceRef,
  rules: idpPostgresDatabaseRules,
});

/**
 * Conditions for permission policies on platform databases, e.g.
 * `idpPostgresDatabaseConditions.isDatabaseOwner({ claims })`.
 *
 * @public
 */
export const idpPostgresDatabaseConditions = exported.conditions;

/**
 * Makes a conditional decision for a database permission, as
 * `createCatalogConditionalDecision` does for catalog entities.
 *
 * @public
 */
export const createIdpPostgresDatabaseConditionalDecision =
  exported.createConditionalDecision;
