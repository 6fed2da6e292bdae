import type { KnownError } from './types';

/**
 * Every known error, in the order a person should look at them: causes
 * that leave nothing to connect to (a removed definition, values ArgoCD
 * rejects) first, then missing secrets and TLS problems, which stop an app
 * outright, then grants, which stop only some queries, and risks last.
 *
 * @public
 */
export const KNOWN_ERRORS: readonly KnownError[] = [
  {
    id: 'removed-from-apps-repo-but-protected',
    title: 'Removed from the apps repo, kept by deletion protection',
    detection:
      "The apps repo no longer defines the database and its resource is gone, but its Secrets Manager secrets remain (the inventory's lifecycle removed-protected).",
    cause:
      'The definition was removed from the apps repo while deletion protection was on, so ArgoCD deleted the Kubernetes side (the resource and the Kubernetes secrets) and kept the database, its data and its Secrets Manager secrets.',
    // kubectl's answer for the database resource once ArgoCD deleted it.
    patterns: ['postgresqldatabases.idp.jppol.dk "…" not found'],
    fix: {
      steps: [
        'Define the database again with deletion protection, with the Create PostgreSQL database template (prefilled): the same namespace and name adopt the existing database, so its data is kept.',
        "Until that pull request is merged and synced, restore the Kubernetes secrets from Secrets Manager with the Restore action, so apps that use the database keep working (the manual's restore procedure).",
        'If the database is not wanted any more, ask the platform team to delete it and its secrets: removing the definition did not.',
      ],
    },
  },
  {
    id: 'chart-values-rejected-by-schema',
    title: 'ArgoCD cannot render the chart: the values break its schema',
    detection:
      'ArgoCD shows a ComparisonError or sync error saying the values "don\'t meet the specifications of the schema(s)", naming a property that is not allowed or has the wrong type; the backend sees it as a key of the values file that the chart version does not allow, or as the database resource\'s Synced=False condition with that message.',
    cause:
      'Chart 1.0 and later check the values against a JSON schema that allows no unknown keys, so values written for another chart version (deletionProtection instead of mode) or a misspelt key stop the whole application.',
    message:
      "values don't meet the specifications of the schema(s) in the following chart(s)",
    patterns: [
      'additional property … is not allowed',
      'additional properties … not allowed',
      'must be one of the following:',
      'Invalid type. Expected:',
    ],
    fix: {
      steps: [
        'Compare the values with the chart version in application.yaml: 0.5.0 takes name and deletionProtection (true or false); 1.0 and later take name and mode (standard or protected).',
        'Remove or rename the property the error names; global, idp_oidc_provider_url and idp_aws_account are set by ArgoCD and do not belong in your values.',
        'Commit and let ArgoCD sync; nothing in the cluster changed while the values were rejected.',
      ],
    },
  },
  {
    id: 'kubernetes-secrets-missing',
    title: 'Kubernetes secrets of the database are missing',
    detection:
      'A role has a secret in Secrets Manager but none in the namespace; pods that use it stay in CreateContainerConfigError.',
    cause:
      'The database definition was removed from the apps repo (or the secret deleted), which removes the Kubernetes secrets while the database and its Secrets Manager copies live on.',
    message: 'Error: secret "…" not found',
    // Volumes and kubectl word it without the "Error:" the pod events show.
    patterns: [
      'secret "…" not found',
      'secrets "…" not found',
      'CreateContainerConfigError',
    ],
    fix: {
      steps: [
        'Restore the Kubernetes secrets from Secrets Manager with the Restore action (dry run first to see the plan).',
        'Without the action, create each missing secret by hand with the four keys from its Secrets Manager copy.',
      ],
      commands: [
        'kubectl create secret generic {namespace}-{database}-{role} -n {namespace} --from-literal=endpoint=… --from-literal=port=5432 --from-literal=username={namespace}-{database}-{role} --from-literal=password=…',
      ],
      action: 'restore-secrets',
    },
  },
  {
    id: 'secrets-manager-secret-scheduled-for-deletion',
    title: 'A Secrets Manager secret is scheduled for deletion',
    detection:
      'DescribeSecret returns a DeletedDate for a role’s secret: it was deleted then and is purged when the recovery window (7 to 30 days) ends.',
    cause:
      'The database was removed while its Secrets Manager secrets are soft-deleted, so they disappear after the recovery window and re-adding the database cannot create them meanwhile.',
    message:
      "You can't create this secret because a secret with this name is already scheduled for deletion.",
    patterns: [
      "You can't perform this operation on the secret because it was marked for deletion.",
    ],
    fix: {
      steps: [
        'To keep the database: cancel the deletion before the secret is purged, with restore-secret (commands below) or with the Restore action’s option to restore secrets scheduled for deletion.',
        'Then restore only the Kubernetes secrets that are missing or differ; a secret that is present and logs in keeps working.',
        'To recreate the database from scratch on chart below 0.5.0 instead: ask the platform team to force-delete the secrets (it needs elevated privileges and cannot be undone), then re-add the database.',
      ],
      commands: [
        "aws secretsmanager restore-secret --secret-id '{secretId}'",
        "aws secretsmanager delete-secret --secret-id '{secretId}' --force-delete-without-recovery",
      ],
    },
  },
  {
    id: 'missing-schema-usage',
    title: 'Read or write role cannot use schema public',
    detection:
      'has_schema_privilege(role, public, USAGE) is false for the read or write role.',
    cause:
      'The platform creates the read and write roles without privileges; only the admin role can use schema public until it grants USAGE.',
    message: 'permission denied for schema public',
    // Without USAGE, PostgreSQL skips public in the search path, so an
    // unqualified table name is reported as missing rather than forbidden.
    patterns: ['relation "…" does not exist'],
    fix: {
      steps: ['Apply the grants (runs the SQL below as the admin role).'],
      action: 'apply-grants',
    },
  },
  {
    id: 'missing-table-privileges',
    title: 'Read or write role lacks privileges on existing tables',
    detection:
      'has_table_privilege is false for an expected privilege on a table in schema public.',
    cause:
      'Grants on tables apply to tables that existed when they ran; tables created later need a new grant or default privileges.',
    message: 'permission denied for table',
    // PostgreSQL 14 and older say "relation" where 15 says "table".
    patterns: ['permission denied for relation'],
    fix: {
      steps: ['Apply the grants (runs the SQL below as the admin role).'],
      action: 'apply-grants',
    },
  },
  {
    id: 'missing-sequence-privileges',
    title: 'Read or write role lacks privileges on sequences',
    detection:
      'has_sequence_privilege is false for an expected privilege on a sequence in schema public.',
    cause:
      'Serial and identity columns use sequences, which need their own grants, so inserts fail even when the table grant is there.',
    message: 'permission denied for sequence',
    fix: {
      steps: ['Apply the grants (runs the SQL below as the admin role).'],
      action: 'apply-grants',
    },
  },
  {
    id: 'missing-default-privileges',
    title: 'Tables created later will not be readable or writable',
    detection:
      'pg_default_acl has no entry of the admin role in schema public granting the expected privileges.',
    cause:
      'Without default privileges for the admin role, every table or sequence it creates in a migration starts without grants for read and write.',
    fix: {
      steps: ['Apply the grants (runs the SQL below as the admin role).'],
      action: 'apply-grants',
    },
  },
  {
    id: 'table-not-owned-by-admin',
    title: 'Grants on a table not owned by the admin role have no effect',
    detection:
      'The grant report finds a table or sequence in schema public whose owner is not the admin role; applying the grants then warns "no privileges were granted for …" or fails, and its privileges stay missing.',
    cause:
      'Only a table’s owner may grant on it, so the manual’s GRANT … ON ALL TABLES run as the admin role skips tables another role, such as a migration user, created.',
    message: 'no privileges were granted for',
    patterns: ['must be owner of table', 'must be owner of sequence'],
    fix: {
      steps: [
        'Find the owner of each table the warning names (\\dt public.* in psql).',
        'Have that owner grant the privileges, or make the admin role the owner and apply the grants again.',
      ],
      commands: [
        'ALTER TABLE public.<table> OWNER TO "{namespace}-{database}-admin";',
      ],
      action: 'apply-grants',
    },
  },
  {
    id: 'ssl-required-no-pg-hba-entry',
    title: 'The connection was refused because it was not encrypted',
    detection:
      'A login without TLS fails with SQLSTATE 28000 "no pg_hba.conf entry … no encryption".',
    cause:
      'The platform’s PostgreSQL only accepts TLS connections, and the client connected without SSL.',
    message: 'no pg_hba.conf entry for host',
    // "SSL off" is how servers up to PostgreSQL 11 end the same message.
    patterns: [
      'no pg_hba.conf entry for host "…", user "…", database "…", no encryption',
      'no pg_hba.conf entry for host "…", user "…", database "…", SSL off',
    ],
    fix: {
      steps: [
        'Set sslmode=require in the connection string or settings (libpq, psycopg, pgx, psql, JDBC with ssl=true).',
        'For node-postgres use sslmode=no-verify, or verify-full with the RDS CA bundle (see the node-postgres known error).',
      ],
    },
  },
  {
    id: 'node-postgres-sslmode-require-verifies',
    title: 'node-postgres fails with sslmode=require',
    detection:
      'A Node.js app using node-postgres 8 with sslmode=require fails with "self-signed certificate in certificate chain" or "unable to verify the first certificate", after a security warning that require is treated as verify-full.',
    cause:
      'Other clients read sslmode=require as “encrypt, do not verify”, but node-postgres 8 reads it as verify-full and checks the server certificate against Node’s certificate authorities, which do not include the RDS one.',
    message: 'self-signed certificate in certificate chain',
    patterns: [
      'self signed certificate in certificate chain',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'unable to verify the first certificate',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      "are treated as aliases for 'verify-full'",
      "Hostname/IP does not match certificate's altnames",
    ],
    fix: {
      steps: [
        'For encryption without verification, as require means elsewhere, use sslmode=no-verify (or uselibpqcompat=true&sslmode=require for libpq semantics).',
        'To verify, leave sslmode out of the URL, where it would override the ssl option, and pass the RDS CA bundle (global-bundle.pem) as ssl.ca.',
        'Verification checks the host name, so connect to the real host name, not localhost; through a port-forward use sslmode=no-verify.',
      ],
      commands: [
        'postgres://USER:…@HOST:5432/DATABASE?sslmode=no-verify',
        "new Pool({ connectionString: 'postgres://USER:…@HOST:5432/DATABASE', ssl: { ca: fs.readFileSync('global-bundle.pem', 'utf8') } })",
      ],
    },
  },
  {
    id: 'secret-drift',
    title: 'The copies of a password do not agree',
    detection:
      'The Kubernetes secret’s password differs from the Secrets Manager copy, or logging in with it fails with SQLSTATE 28P01.',
    cause:
      'One copy was changed or recreated without the others, so apps using the Kubernetes secret log in with a password the database no longer accepts.',
    message: 'password authentication failed for user',
    patterns: ['SQLSTATE 28P01'],
    fix: {
      steps: [
        'Find out which copy is current: Secrets Manager is the platform’s source of truth.',
        'Restore the Kubernetes secret from Secrets Manager with force (it overwrites the differing secret), then restart the app.',
        'If Secrets Manager is also wrong, ask the platform team to reconcile the role’s password.',
      ],
      action: 'restore-secrets',
    },
  },
  {
    id: 'resource-not-ready',
    title: 'The database resource is not ready',
    detection: 'The custom resource’s Ready or Synced condition is not True.',
    cause:
      'Crossplane has not finished creating the database or failed to; the condition’s reason and message say which part.',
    patterns: ['Unready resources:', 'ReconcileError'],
    fix: {
      steps: [
        'Read the condition’s reason and message below.',
        'Creating: wait a few minutes. ReconcileError: when the message names a values key or a secret scheduled for deletion, that known error is the cause and has the fix; otherwise ask in the platform Slack channel with the message.',
      ],
    },
  },
  {
    id: 'chart-below-0-5-0',
    title: 'Chart version below 0.5.0',
    detection: 'application.yaml uses helm/idp-postgresql below 0.5.0.',
    cause:
      'Before 0.5.0 secrets are soft-deleted, so a removed and re-added database fails to recreate them, and upgrading to 0.5.0 recreates the resources and loses the data.',
    patterns: ['chartVersion: "0.4.', 'chartVersion: "0.3.'],
    // The manual's procedure: its upgrade guide (steps 2, 3 and 5) and its
    // known error, which adds deleting the resource so Crossplane recreates
    // every part instead of retrying the failed ones.
    fix: {
      steps: [
        'Back up the data first: the upgrade changes the resource API version, so the resources are recreated and the data is lost.',
        'Delete the database from your apps repo and let ArgoCD sync.',
        'Ask the platform team in your onboarding Slack channel to force-delete the read, write and admin secrets in Secrets Manager (commands below); it needs elevated privileges and cannot be undone.',
        'Delete the PostgresqlDatabase resource if it is still there (kubectl delete postgresqldatabases {database} -n {namespace}), so Crossplane recreates all the resources.',
        'Re-add the database to your apps repo with chartVersion "0.5.0".',
      ],
      commands: [
        "aws secretsmanager delete-secret --secret-id '{secretId}' --force-delete-without-recovery",
      ],
    },
  },
  {
    id: 'unprotected-production-database',
    title: 'Production database without deletion protection',
    detection:
      'The namespace is a production one (productionNamespacePatterns, `*-prod` unless configured) and the definition in the apps repo does not protect the database (deletionProtection: false, mode: standard, or a chart below 0.5.0).',
    cause:
      'Without deletion protection, removing the definition from the apps repo (by accident or in a clean-up) deletes the database and all its data, and the manual says production databases must be protected.',
    fix: {
      steps: [
        'Turn deletion protection on with the Protect PostgreSQL database template (prefilled): it opens a pull request setting deletionProtection: true (mode: protected from chart 1.0).',
        'Chart 0.4.1 cannot protect a database: upgrade it to 0.5.0 first (see "Chart version below 0.5.0").',
      ],
    },
  },
];

/** The catalogue entry with this id; throws for an unknown id, which is a bug in our code. @public */
export function knownError(id: string): KnownError {
  const found = KNOWN_ERRORS.find(e => e.id === id);
  if (!found) {
    throw new Error(`Unknown known-error id "${id}"`);
  }
  return found;
}
