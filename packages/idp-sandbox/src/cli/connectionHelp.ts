import type { SandboxEndpoints } from '../sandbox/Sandbox';

/** How to connect, as printed by `start` and `status`. No secret appears. */
export function connectionHelp(stateDir: string, e: SandboxEndpoints): string {
  const pg = `host=${e.postgres.host} port=${e.postgres.port} user=${e.postgres.user} dbname=postgres`;
  return [
    `Sandbox running (pid ${e.pid}), state in ${stateDir}`,
    '',
    'PostgreSQL 17, TLS only (a plain connection gets "no pg_hba.conf entry ... no encryption"):',
    `  PGPASSFILE=${e.pgpass} psql "${pg} sslmode=require"`,
    `  verify-full: PGPASSFILE=${e.pgpass} psql "${pg} sslmode=verify-full sslrootcert=${e.caCert}"`,
    `  (port ${e.postgres.port} is the fault-injection proxy; the server itself is on ${e.postgres.directPort})`,
    'Kubernetes API:',
    `  KUBECONFIG=${e.kubernetes.kubeconfig} kubectl get secrets -A`,
    'Secrets Manager:',
    `  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws secretsmanager list-secrets --endpoint-url ${e.secretsManager.url} --region ${e.secretsManager.region}`,
    'Apps repo (ArgoCD follows main):',
    `  git clone ${e.appsRepo}`,
  ].join('\n');
}
