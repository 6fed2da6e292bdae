import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DatabaseRef,
  formatDatabaseRef,
  NewDatabaseCheck,
  NewDatabaseProblemCode,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { newDatabaseRefusal } from '../../platform/checkRefusals';
import { IdpPostgresBackendClient } from '../../platform/IdpPostgresBackendClient';

/** The refusal of an unprotected database in a production namespace. */
export function productionRefusal(namespace: string, patterns: string) {
  return new InputError(
    `Namespace "${namespace}" is a production namespace (${patterns}); databases there must have deletionProtection: true.`,
  );
}

/**
 * Asks the platform whether the database may be created: names free across
 * the namespace and the cluster, the namespace served, production as the
 * platform sees it. Throws its refusal; returns the check, whose `readd` says
 * that the definition re-attaches to a database deletion protection kept.
 */
export async function askPlatformForNewDatabase(options: {
  platform: IdpPostgresBackendClient;
  credentials: BackstageCredentials;
  logger: LoggerService;
  ref: DatabaseRef;
  deletionProtection: boolean;
  isDryRun: boolean;
}): Promise<NewDatabaseCheck> {
  const { platform, credentials, logger, ref, deletionProtection } = options;
  const check = await platform.checkNewDatabase(credentials, ref);
  // A dry run of a template that removes the definition first (the upgrade
  // template) finds it still defined on the platform, while the workspace,
  // checked before, no longer defines it.
  const tolerated: NewDatabaseProblemCode[] = options.isDryRun
    ? ['already-defined']
    : [];
  const refusal = newDatabaseRefusal(check, tolerated);
  if (refusal) {
    throw refusal;
  }
  for (const problem of check.problems.filter(p =>
    tolerated.includes(p.code),
  )) {
    logger.warn(
      `Dry run: ${problem.message} The real run needs that definition removed first.`,
    );
  }
  if (check.production && !deletionProtection) {
    throw productionRefusal(ref.namespace, 'as the platform configures it');
  }
  if (check.readd) {
    logger.info(
      `Re-adding ${formatDatabaseRef(ref)}: ${
        check.readd.message
      } The existing database and its data are kept.`,
    );
    if (check.readd.protected && !deletionProtection) {
      logger.warn(
        `${formatDatabaseRef(
          ref,
        )} was protected before it was removed; this definition does not protect it.`,
      );
    }
  }
  return check;
}
