import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  DatabaseRef,
  IDP_POSTGRES_DATABASE_RESOURCE_TYPE,
  InventoryDatabase,
  assertValidDatabaseRef,
  formatDatabaseRef,
  idpPostgresDestructivePermissions,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { Request } from 'express';
import type { AccessConfig } from '../config/pluginConfig';
import type { InventoryStore } from '../inventory/InventoryStore';
import { idpPostgresDatabaseResourceRef } from './databaseRules';

type DatabasePermission = ResourcePermission<
  typeof IDP_POSTGRES_DATABASE_RESOURCE_TYPE
>;

/**
 * Decides who may do what on a database. Conditions (such as "is the
 * owner") are applied here to the inventory entry, whose owner comes from
 * the apps repo: a catalog entity anyone registers decides nothing. Service
 * callers, which Backstage's permission framework allows everything, get no
 * destructive permission unless `idpPostgres.access.serviceSubjects` names them.
 * Each check takes the caller's credentials (as actions get them from the
 * actions registry), and has a form for an HTTP request that reads them
 * with httpAuth first.
 */
export class DatabaseAuthorizer {
  private readonly applyConditions: (
    decision: PolicyDecision,
    db: InventoryDatabase | undefined,
  ) => boolean;

  constructor(
    private readonly deps: {
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
      permissionsRegistry: PermissionsRegistryService;
      store: InventoryStore;
      access: AccessConfig;
    },
  ) {
    this.applyConditions = createConditionAuthorizer(
      deps.permissionsRegistry.getPermissionRuleset(
        idpPostgresDatabaseResourceRef,
      ),
    );
  }

  /**
   * Checks the caller of a request may do `permission` on one database and
   * returns their credentials, for audit events. The reference is validated
   * before the caller is identified, so a bad name is a 400 for anyone.
   */
  async authorize(
    req: Request,
    ref: DatabaseRef,
    permission: DatabasePermission,
  ): Promise<BackstageCredentials> {
    assertValidDatabaseRef(ref);
    const credentials = await this.credentialsOf(req);
    await this.authorizeCredentials(credentials, ref, permission);
    return credentials;
  }

  /**
   * Checks the holder of `credentials` may do `permission` on one database:
   * for callers that are not HTTP requests, such as actions, which get the
   * caller's credentials from the actions registry. The reference is
   * validated first. A conditional decision needs the database in the
   * inventory.
   */
  async authorizeCredentials(
    credentials: BackstageCredentials,
    ref: DatabaseRef,
    permission: DatabasePermission,
  ): Promise<void> {
    assertValidDatabaseRef(ref);
    assertUserOrService(credentials);
    if (isDestructive(permission)) {
      this.assertServiceAllowed(credentials, permission);
    }
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return;
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(refusal(permission, ref, undefined));
    }
    // Conditions (such as ownership) are judged on the inventory entry.
    const db = await this.deps.store.database(ref);
    if (!db) {
      throw new NotFoundError(
        `Database ${formatDatabaseRef(
          ref,
        )} is not in the platform inventory: the apps repo does not define it and the cluster does not hold it (or the inventory has not seen it yet).`,
      );
    }
    if (this.applyConditions(decision, db)) return;
    throw new NotAllowedError(refusal(permission, ref, db));
  }

  /** The databases of a list the caller of a request may do `permission` on; the others are left out. */
  async filter<T extends InventoryDatabase>(
    req: Request,
    databases: T[],
    permission: DatabasePermission,
  ): Promise<T[]> {
    return this.filterCredentials(
      await this.credentialsOf(req),
      databases,
      permission,
    );
  }

  /** The databases of a list the holder of `credentials` may do `permission` on. */
  async filterCredentials<T extends InventoryDatabase>(
    credentials: BackstageCredentials,
    databases: T[],
    permission: DatabasePermission,
  ): Promise<T[]> {
    assertUserOrService(credentials);
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return databases;
    if (decision.result === AuthorizeResult.DENY) return [];
    return databases.filter(db => this.applyConditions(decision, db));
  }

  /** The credentials of a request's caller, a user or a service. */
  credentialsOf(req: Request): Promise<BackstageCredentials> {
    return this.deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  private assertServiceAllowed(
    credentials: BackstageCredentials,
    permission: DatabasePermission,
  ) {
    const { principal } = credentials as BackstageCredentials<{
      type: string;
      subject?: string;
    }>;
    if (principal.type !== 'service') return;
    if (this.deps.access.serviceSubjects.includes(principal.subject ?? '')) {
      return;
    }
    throw new NotAllowedError(
      `Service callers may not use ${permission.name}: ${
        principal.subject ?? 'this service'
      } is not listed in idpPostgres.access.serviceSubjects. Act as a user, or ask the platform team to list the service.`,
    );
  }
}

/**
 * Anonymous callers act on nothing. Requests are already refused by
 * httpAuth; this covers credentials handed over by other callers.
 */
function assertUserOrService(credentials: BackstageCredentials): void {
  const { type } = credentials.principal as { type: string };
  if (type !== 'user' && type !== 'service') {
    throw new AuthenticationError(
      'Only signed-in users and Backstage services may act on PostgreSQL databases.',
    );
  }
}

function isDestructive(permission: DatabasePermission): boolean {
  return idpPostgresDestructivePermissions.some(
    p => p.name === permission.name,
  );
}

function refusal(
  permission: DatabasePermission,
  ref: DatabaseRef,
  db: InventoryDatabase | undefined,
): string {
  const base = `Not allowed to use ${
    permission.name
  } on database ${formatDatabaseRef(ref)}`;
  if (!db) return `${base}.`;
  if (!db.owner) {
    return `${base}: the apps repo names no owner for it (no catalog-info.yaml in its folder), so only platform admins may.`;
  }
  return `${base}: only its owner ${db.owner.entityRef} (from ${
    db.owner.path ?? db.owner.source
  }) may.`;
}
