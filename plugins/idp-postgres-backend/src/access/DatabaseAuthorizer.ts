import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
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
   * Checks the caller may do `permission` on one database and returns their
   * credentials, for audit events. The reference is validated first. A
   * conditional decision needs the database in the inventory.
   */
  async authorize(
    req: Request,
    ref: DatabaseRef,
    permission: DatabasePermission,
  ): Promise<BackstageCredentials> {
    assertValidDatabaseRef(ref);
    const credentials = await this.deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (isDestructive(permission)) {
      this.assertServiceAllowed(credentials, permission);
    }
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return credentials;
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
    if (this.applyConditions(decision, db)) return credentials;
    throw new NotAllowedError(refusal(permission, ref, db));
  }

  /** The databases of a list the caller may do `permission` on; the others are left out. */
  async filter<T extends InventoryDatabase>(
    req: Request,
    databases: T[],
    permission: DatabasePermission,
  ): Promise<T[]> {
    const credentials = await this.deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return databases;
    if (decision.result === AuthorizeResult.DENY) return [];
    return databases.filter(db => this.applyConditions(decision, db));
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
