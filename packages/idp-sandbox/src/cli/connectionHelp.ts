import type { SandboxEndpoints } from '../sandbox/Sandbox';
import type { SandboxPaths } from '../state/sandboxPaths';

/** Static credentials for the Secrets Manager emulator, which accepts any. */
const AWS_ENV = 'AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox';

/** A word the shell takes as is: quoted only when it needs to be. */
function sh(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word)
    ? word
    : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * How to connect, as printed by `start` and `status`: everything psql,
 * kubectl and aws need, as lines to paste. The PostgreSQL password never
 * appears (psql reads it from the pgpass file); the Kubernetes token does,
 * being a development-only value for this local emulator.
 */
export function connectionHelp(
  paths: SandboxPaths,
  e: SandboxEndpoints,
  kubernetesToken: string | undefined,
): string {
  const pg = `host=${e.postgres.host} port=${e.postgres.port} user=${e.postgres.user} dbname=postgres`;
  const pgpass = `PGPASSFILE=${sh(e.pgpass)}`;
  const k8s = e.kubernetes;
  const caFile = k8s.caCert ?? paths.kubernetesCaCert;
  const sm = e.secretsManager;
  return [
    `Sandbox running (pid ${e.pid}), state in ${paths.root}`,
    '',
    'PostgreSQL 17, TLS only (a plain connection gets "no pg_hba.conf entry ... no encryption"):',
    `  ${pgpass} psql "${pg} sslmode=require"`,
    `  verify-full: ${pgpass} psql "${pg} sslmode=verify-full sslrootcert=${e.caCert}"`,
    `  (the password is only in ${e.pgpass}; port ${e.postgres.port} is the fault-injection proxy, the server itself is on ${e.postgres.directPort})`,
    '',
    'Kubernetes API emulator:',
    `  URL:     ${k8s.url}`,
    kubernetesToken
      ? `  Token:   ${kubernetesToken}   (a development-only token of this local emulator; it opens nothing else)`
      : `  Token:   in ${paths.kubernetesTokenFile} (not readable by you)`,
    `  CA file: ${caFile}`,
    `  kubectl --kubeconfig ${sh(k8s.kubeconfig)} get secrets -A`,
    ...(kubernetesToken
      ? [
          `  without the kubeconfig: kubectl --kubeconfig /dev/null --server ${
            k8s.url
          } --token ${sh(kubernetesToken)} --certificate-authority ${sh(
            caFile,
          )} get secrets -A`,
        ]
      : []),
    '',
    `Secrets Manager emulator (any static credentials; region ${sm.region}):`,
    `  Endpoint: ${sm.url}`,
    `  ${AWS_ENV} AWS_DEFAULT_REGION=${sm.region} aws --endpoint-url ${sm.url} secretsmanager list-secrets`,
    '',
    'Apps repo (ArgoCD follows main):',
    `  git clone ${sh(e.appsRepo)}`,
  ].join('\n');
}
