import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  ConnectWarningCode,
  DatabaseRef,
  GrantedRole,
  LifecycleProblem,
  formatDatabaseRef,
  idpPostgresStatusReadPermission,
  roleName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseAuthorizer } from '../access/DatabaseAuthorizer';
import type { PluginConfig } from '../config/pluginConfig';
import type { GrantService } from '../service/GrantService';
import { withTimeout } from '../service/withTimeout';
import { roleHasNoPrivileges } from './roleHasNoPrivileges';

type Warning = LifecycleProblem<ConnectWarningCode>;

/**
 * `no-privileges` when the live grant report shows the role can use
 * nothing; `grants-unknown` when the caller may not read the database's
 * status (the report is part of it) or the report cannot be made.
 */
export async function privilegeWarnings(
  readers: {
    config: PluginConfig;
    access: DatabaseAuthorizer;
    grants: GrantService;
  },
  credentials: BackstageCredentials,
  ref: DatabaseRef,
  role: GrantedRole,
): Promise<Warning[]> {
  try {
    await readers.access.authorizeCredentials(
      credentials,
      ref,
      idpPostgresStatusReadPermission,
    );
  } catch (error) {
    if (!(error instanceof NotAllowedError)) throw error;
    return [
      {
        code: 'grants-unknown',
        field: 'role',
        message: `The ${role} role's privileges were not checked: you may not read the status of ${formatDatabaseRef(
          ref,
        )}.`,
      },
    ];
  }
  try {
    const report = await withTimeout(
      readers.grants.report(ref),
      readers.config.timeouts.postgres,
      `PostgreSQL grant query on ${ref.namespace}-${ref.name}`,
    );
    if (!roleHasNoPrivileges(report, role)) return [];
    return [
      {
        code: 'no-privileges',
        field: 'role',
        message: `The ${role} role ${roleName(
          ref,
          role,
        )} has no privileges in the database yet: the app can log in but read nothing. Apply the grants on the database's PostgreSQL tab (or POST …/grants/apply) before the app needs them.`,
      },
    ];
  } catch (error) {
    return [
      {
        code: 'grants-unknown',
        field: 'role',
        message: `The ${role} role's privileges could not be read: ${
          (error as Error).message
        }`,
      },
    ];
  }
}
