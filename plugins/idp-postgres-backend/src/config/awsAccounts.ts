import type { Config } from '@backstage/config';
import type { ClusterConfig } from './pluginConfig';

/**
 * Clusters naming an AWS account the `aws` config cannot give credentials
 * for without asking AWS: neither `aws.accounts` lists it nor
 * `aws.accountDefaults` names a role to assume. Backstage's credentials
 * manager then uses the main account's credentials only if STS says they
 * are that account's, and fails every call otherwise; said at start-up, so
 * a typo in an account ID is not first seen as Secrets Manager "unknown".
 */
export function awsAccountWarnings(
  rootConfig: Config,
  clusters: ClusterConfig[],
): string[] {
  const listed = new Set(
    (rootConfig.getOptionalConfigArray('aws.accounts') ?? []).map(account =>
      account.getString('accountId'),
    ),
  );
  if (rootConfig.has('aws.accountDefaults.roleName')) return [];
  return clusters.flatMap(cluster => {
    const accountId = cluster.secretsManager.accountId;
    return accountId && !listed.has(accountId)
      ? [
          `Cluster ${cluster.name} names AWS account ${accountId}, which aws.accounts does not list: its Secrets Manager calls work only if the main account's credentials are that account's`,
        ]
      : [];
  });
}
