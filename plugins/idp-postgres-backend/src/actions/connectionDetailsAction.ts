import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ActionsOptions } from './ActionsOptions';
import { registerDatabaseReadAction } from './databaseReadAction';
import { Zod, databaseRefFields } from './databaseRefInput';

/** `get-postgres-connection-details`: how to connect, as GET /connection; never a password. */
export function registerConnectionDetailsAction(
  registry: ActionsRegistryService,
  options: ActionsOptions,
): void {
  registerDatabaseReadAction(registry, options.access, {
    name: 'get-postgres-connection-details',
    title: 'Get PostgreSQL connection details',
    description: [
      "Returns how to connect to one IDP PostgreSQL database. From an app in the cluster: host and port as each role's Kubernetes secret holds them (what DB_HOST and DB_PORT read; the configured proxy when a secret cannot be read, saying why), the database name, and per role (admin, write, read) the username, the Kubernetes secret holding the credentials, the Helm env block to paste into the app's values, and connection strings per client library (node-postgres, jdbc, psycopg, pgx, psql) with the SSL settings that work for it.",
      'From a laptop: the kubectl port-forward command and connection strings through it.',
      "Never returns a password (only the endpoint and port keys of the secrets are read): connection strings carry a ${DB_PASSWORD} placeholder, and each role's passwordSource says which secrets hold it.",
    ],
    schema: {
      input: z => z.object(databaseRefFields(z)),
      output: z => connectionInfoSchema(z),
    },
    read: ref => options.connection.connectionInfo(ref),
  });
}

function connectionInfoSchema(z: Zod) {
  const role = z.enum(['admin', 'write', 'read']);
  const connectionString = z.object({
    client: z
      .enum(['node-postgres', 'jdbc', 'psycopg', 'pgx', 'psql'])
      .describe('The client library.'),
    value: z
      .string()
      .describe('The connection string, with a ${DB_PASSWORD} placeholder.'),
    sslNote: z.string().describe('Why these SSL parameters, for this client.'),
  });
  const helmEnvEntry = z
    .object({
      name: z.string().describe('The environment variable.'),
      value: z.string().optional().describe('A literal value.'),
      valueFrom: z
        .object({
          secretKeyRef: z.object({
            name: z.string().describe('The Kubernetes secret.'),
            key: z.string().describe('The key in it.'),
          }),
        })
        .optional()
        .describe('Or a key of the role secret.'),
    })
    .describe('One entry of a Helm env list.');
  const endpointSource = z
    .object({
      from: z
        .enum(['role-secret', 'config'])
        .describe(
          "role-secret: the role's Kubernetes secret (what DB_HOST and DB_PORT read); config: the configured proxy, when the secret could not be read.",
        ),
      secretName: z
        .string()
        .optional()
        .describe('The Kubernetes secret read or tried, <namespace>/<name>.'),
      note: z.string().describe('Where host and port came from, and why.'),
    })
    .describe('Where host and port come from (always present).');
  return z.object({
    namespace: z.string().describe('Kubernetes namespace.'),
    name: z.string().describe('Database name in the chart values.'),
    database: z.string().describe('The PostgreSQL database name.'),
    host: z
      .string()
      .describe(
        "The host apps connect to, from the admin role's secret (another role's when it cannot be read).",
      ),
    port: z.number().describe('Its port.'),
    endpointSource: endpointSource.optional(),
    roles: z
      .array(
        z.object({
          role: role.describe('The role.'),
          username: z.string().describe('Its PostgreSQL login.'),
          host: z
            .string()
            .optional()
            .describe(
              "The host an app using this role connects to, from the role's secret (always present).",
            ),
          port: z
            .number()
            .optional()
            .describe('Its port, likewise (always present).'),
          endpointSource: endpointSource.optional(),
          passwordSource: z
            .string()
            .optional()
            .describe(
              "Where this role's password is, naming its own secrets (always present).",
            ),
          secretName: z
            .string()
            .describe(
              'The Kubernetes secret with keys endpoint, port, username and password.',
            ),
          secretsManagerSecretName: z
            .string()
            .describe(
              "The platform's copy of that secret in AWS Secrets Manager.",
            ),
          helmEnv: z
            .array(helmEnvEntry)
            .describe(
              "The env block for an app's Helm values (DB_NAME, DB_USER, DB_PASSWORD, DB_HOST, DB_PORT).",
            ),
          connectionStrings: z
            .array(connectionString)
            .describe('Connection strings inside the cluster.'),
        }),
      )
      .describe('Per role: admin, write, read.'),
    local: z
      .object({
        portForwardCommand: z
          .string()
          .describe('The kubectl port-forward command to the proxy.'),
        host: z.string().describe('Host through the port-forward.'),
        port: z.number().describe('Port through the port-forward.'),
        passwordSource: z
          .string()
          .describe('Where to find the password for a local connection.'),
        connectionStrings: z
          .array(connectionString.extend({ role: role.describe('The role.') }))
          .describe('Connection strings through the port-forward.'),
      })
      .describe('Connecting from a laptop.'),
    links: z
      .record(z.string())
      .describe('Links to documentation and tools, by name.'),
  });
}
