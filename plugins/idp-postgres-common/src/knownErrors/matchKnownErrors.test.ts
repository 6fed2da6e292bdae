import { KNOWN_ERRORS } from './catalogue';
import { matchKnownErrors } from './matchKnownErrors';

const best = (text: string) => matchKnownErrors(text)[0]?.entry.id;
const ids = (text: string) => matchKnownErrors(text).map(m => m.entry.id);

/**
 * Error messages as the clients, kubectl, Kubernetes events, the AWS CLI
 * and ArgoCD print them for this platform's databases (names and hosts as
 * the platform derives them), each with the entry that explains it.
 */
const CORPUS: Array<[client: string, message: string, id: string]> = [
  // node-postgres (pg 8): DatabaseError is named "error"; TLS errors come from Node.
  [
    'node-postgres',
    'error: no pg_hba.conf entry for host "10.12.7.9", user "idp-dev-orders-write", database "idp-dev-orders", no encryption',
    'ssl-required-no-pg-hba-entry',
  ],
  [
    'node-postgres',
    "Error: self-signed certificate in certificate chain\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1677:34)\n    at TLSSocket.emit (node:events:519:28) {\n  code: 'SELF_SIGNED_CERT_IN_CHAIN'\n}",
    'node-postgres-sslmode-require-verifies',
  ],
  [
    'node-postgres',
    "Error: unable to verify the first certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34) {\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'\n}",
    'node-postgres-sslmode-require-verifies',
  ],
  [
    'node-postgres',
    "(node:1) Warning: SECURITY WARNING: The SSL modes 'prefer', 'require', and 'verify-ca' are treated as aliases for 'verify-full'.\nIn the next major version (pg-connection-string v3.0.0 and pg v9.0.0), these modes will adopt standard libpq semantics.",
    'node-postgres-sslmode-require-verifies',
  ],
  [
    'node-postgres',
    "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: DNS:idp-aurora.cluster-c9x2abc.eu-west-1.rds.amazonaws.com",
    'node-postgres-sslmode-require-verifies',
  ],
  [
    'node-postgres',
    'error: password authentication failed for user "idp-dev-orders-write"',
    'secret-drift',
  ],
  [
    'node-postgres',
    'error: permission denied for table orders',
    'missing-table-privileges',
  ],
  [
    'node-postgres',
    'error: permission denied for sequence orders_id_seq',
    'missing-sequence-privileges',
  ],
  // pgJDBC: PSQLException with the server's severity, then the position.
  [
    'JDBC',
    'org.postgresql.util.PSQLException: FATAL: no pg_hba.conf entry for host "10.12.7.9", user "idp-dev-orders-admin", database "idp-dev-orders", no encryption',
    'ssl-required-no-pg-hba-entry',
  ],
  [
    'JDBC',
    'org.postgresql.util.PSQLException: FATAL: no pg_hba.conf entry for host "10.12.7.9", user "idp-dev-orders-admin", database "idp-dev-orders", SSL off',
    'ssl-required-no-pg-hba-entry',
  ],
  [
    'JDBC',
    'org.postgresql.util.PSQLException: FATAL: password authentication failed for user "idp-dev-orders-read"\n\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)',
    'secret-drift',
  ],
  [
    'JDBC',
    'org.postgresql.util.PSQLException: ERROR: permission denied for schema public\n  Position: 15',
    'missing-schema-usage',
  ],
  [
    'JDBC',
    'org.postgresql.util.PSQLException: ERROR: relation "items" does not exist\n  Position: 15',
    'missing-schema-usage',
  ],
  // psycopg 3 and psycopg2: libpq's text, two spaces after the severity.
  [
    'psycopg',
    'psycopg.OperationalError: connection failed: connection to server at "10.12.4.31", port 5432 failed: FATAL:  no pg_hba.conf entry for host "10.12.7.9", user "idp-dev-orders-write", database "idp-dev-orders", no encryption',
    'ssl-required-no-pg-hba-entry',
  ],
  [
    'psycopg2',
    'psycopg2.OperationalError: connection to server at "rds-proxy-idp-rds-proxy.rds-proxy.svc.cluster.local" (10.100.12.7), port 5432 failed: FATAL:  password authentication failed for user "idp-dev-orders-write"',
    'secret-drift',
  ],
  [
    'psycopg',
    'psycopg.errors.InsufficientPrivilege: permission denied for table orders',
    'missing-table-privileges',
  ],
  [
    'psycopg2',
    'psycopg2.errors.InsufficientPrivilege: permission denied for relation orders',
    'missing-table-privileges',
  ],
  // psql
  [
    'psql',
    'psql: error: connection to server at "localhost" (127.0.0.1), port 5432 failed: FATAL:  no pg_hba.conf entry for host "10.12.0.44", user "idp-dev-orders-admin", database "idp-dev-orders", no encryption',
    'ssl-required-no-pg-hba-entry',
  ],
  [
    'psql',
    'psql: error: connection to server at "localhost" (::1), port 5432 failed: FATAL:  password authentication failed for user "idp-dev-orders-admin"',
    'secret-drift',
  ],
  [
    'psql',
    'ERROR:  permission denied for sequence orders_id_seq',
    'missing-sequence-privileges',
  ],
  [
    'psql',
    'WARNING:  no privileges were granted for "legacy"',
    'table-not-owned-by-admin',
  ],
  ['psql', 'ERROR:  must be owner of table legacy', 'table-not-owned-by-admin'],
  // pgx (Go): the config in backticks, the address, then the SQLSTATE.
  [
    'pgx',
    'failed to connect to `user=idp-dev-orders-write database=idp-dev-orders`: 10.12.4.31:5432 (idp-aurora.cluster-c9x2abc.eu-west-1.rds.amazonaws.com): server error: FATAL: no pg_hba.conf entry for host "10.12.7.9", user "idp-dev-orders-write", database "idp-dev-orders", no encryption (SQLSTATE 28000)',
    'ssl-required-no-pg-hba-entry',
  ],
  [
    'pgx',
    'failed to connect to `user=idp-dev-orders-read database=idp-dev-orders`: 127.0.0.1:5432 (localhost): failed SASL auth: FATAL: password authentication failed for user "idp-dev-orders-read" (SQLSTATE 28P01)',
    'secret-drift',
  ],
  [
    'pgx',
    'ERROR: permission denied for schema public (SQLSTATE 42501)',
    'missing-schema-usage',
  ],
  // kubectl and Kubernetes events
  [
    'kubectl describe pod',
    'Warning  Failed     12s (x4 over 48s)  kubelet  Error: secret "idp-dev-orders-admin" not found',
    'kubernetes-secrets-missing',
  ],
  [
    'kubectl get pods',
    'NAME                          READY   STATUS                       RESTARTS   AGE\norders-api-6d5f7c9b8d-x7k2p   0/1     CreateContainerConfigError   0          2m13s',
    'kubernetes-secrets-missing',
  ],
  [
    'kubectl get secret',
    'Error from server (NotFound): secrets "idp-dev-orders-write" not found',
    'kubernetes-secrets-missing',
  ],
  [
    'Kubernetes event',
    'MountVolume.SetUp failed for volume "db-credentials" : secret "idp-dev-orders-read" not found',
    'kubernetes-secrets-missing',
  ],
  [
    'Kubernetes event',
    "Warning  CannotCreateExternalResource  2m (x7 over 9m)  managed/secretsmanager.aws.upbound.io/v1beta1, kind=secret  create failed: async create failed: failed to create the resource: operation error Secrets Manager: CreateSecret, https response error StatusCode: 400, RequestID: 6f1c2a9e-3b7d-4e21-9c55-0d8a4f1b2c3e, InvalidRequestException: You can't create this secret because a secret with this name is already scheduled for deletion.",
    'secrets-manager-secret-scheduled-for-deletion',
  ],
  [
    'kubectl describe',
    'Conditions:\n  Last Transition Time:  2026-01-28T09:12:44Z\n  Message:               Unready resources: idp-dev-orders-admin, idp-dev-orders-read\n  Reason:                Creating\n  Status:                False\n  Type:                  Ready',
    'resource-not-ready',
  ],
  [
    'kubectl describe',
    'Conditions:\n  Last Transition Time:  2026-01-28T09:12:44Z\n  Message:               cannot compose resources: cannot render composed resource\n  Reason:                ReconcileError\n  Status:                False\n  Type:                  Synced',
    'resource-not-ready',
  ],
  // AWS CLI
  [
    'aws cli',
    "An error occurred (InvalidRequestException) when calling the GetSecretValue operation: You can't perform this operation on the secret because it was marked for deletion.",
    'secrets-manager-secret-scheduled-for-deletion',
  ],
  // ArgoCD: the chart's JSON schema rejects the values before anything syncs.
  [
    'ArgoCD',
    "ComparisonError: Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = Manifest generation error (cached): `helm template . --name-template idp-dev-orders-db --namespace idp-dev --kube-version 1.31 --values /tmp/2f6c1e0a/values.yaml --include-crds` failed exit status 1: Error: values don't meet the specifications of the schema(s) in the following chart(s):\nidp-postgresql:\n- postgresqlDatabases.0: Additional property deletionProtection is not allowed",
    'chart-values-rejected-by-schema',
  ],
  [
    'ArgoCD',
    'one or more synchronization tasks are not valid: values failed validation: additional property "replicas" is not allowed',
    'chart-values-rejected-by-schema',
  ],
  [
    'ArgoCD',
    "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nidp-postgresql:\n- at '/postgresqlDatabases/0': additional properties 'deletionProtection' not allowed",
    'chart-values-rejected-by-schema',
  ],
  [
    'ArgoCD',
    '- postgresqlDatabases.0.mode: postgresqlDatabases.0.mode must be one of the following: "standard", "protected"',
    'chart-values-rejected-by-schema',
  ],
];

describe('matchKnownErrors', () => {
  it('has a corpus of at least 25 messages from every kind of source', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(25);
    const sources = new Set(CORPUS.map(([client]) => client.split(' ')[0]));
    for (const source of [
      'node-postgres',
      'JDBC',
      'psycopg',
      'psql',
      'pgx',
      'kubectl',
      'Kubernetes',
      'ArgoCD',
    ]) {
      expect(sources).toContain(source);
    }
  });

  it.each(CORPUS)('%s: %s → %s', (_client, message, id) => {
    expect(best(message)).toBe(id);
  });

  it('puts the right entry first even when the message is wrapped, quoted differently or indented', () => {
    expect(
      best(
        '  psql: error: connection to server at “idp-aurora.cluster-c9x2abc.eu-west-1.rds.amazonaws.com” (10.12.4.31),\n  port 5432 failed: FATAL:  no pg_hba.conf\n  entry for host ‘10.12.7.9’, user ‘idp-dev-orders-write’,\r\n  database ‘idp-dev-orders’, no encryption',
      ),
    ).toBe('ssl-required-no-pg-hba-entry');
  });

  it('says which message or pattern matched', () => {
    const [match] = matchKnownErrors(
      'Error from server (NotFound): secrets "demo-prod-billing-admin" not found',
    );
    expect(match.matched).toEqual(['secrets "…" not found']);
    expect(match.score).toBeGreaterThan(1000);
  });

  it('finds entries by typed words, whatever their case', () => {
    expect(ids('SCHEDULED FOR DELETION')).toContain(
      'secrets-manager-secret-scheduled-for-deletion',
    );
    expect(ids('verify the first certificate')).toEqual([
      'node-postgres-sslmode-require-verifies',
    ]);
    expect(ids('pg_hba')).toEqual(['ssl-required-no-pg-hba-entry']);
  });

  it('recognises a pasted application.yaml on a chart below 0.5.0', () => {
    expect(
      best('helm:\n  chart: helm/idp-postgresql\n  chartVersion: "0.4.1"'),
    ).toBe('chart-below-0-5-0');
  });

  it('finds nothing for blank or unrelated text', () => {
    expect(ids('  \n ')).toEqual([]);
    expect(ids('disk full on the build agent')).toEqual([]);
    // A real message, but not one the catalogue explains.
    expect(
      ids(
        'psql: error: connection to server at "10.0.0.1", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?',
      ),
    ).toEqual([]);
  });

  it('matches every message and pattern of the catalogue to its own entry first', () => {
    for (const entry of KNOWN_ERRORS) {
      for (const phrasing of [
        entry.message ?? [],
        entry.patterns ?? [],
      ].flat()) {
        expect([phrasing, best(phrasing)]).toEqual([phrasing, entry.id]);
      }
    }
  });

  it('gives every entry with a message a corpus example', () => {
    const covered = new Set(CORPUS.map(([, , id]) => id));
    for (const entry of KNOWN_ERRORS.filter(e => e.message)) {
      expect(covered).toContain(entry.id);
    }
  });
});
