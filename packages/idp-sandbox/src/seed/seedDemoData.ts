import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import {
  roleName,
  secretsManagerName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { Client } from 'pg';
import { SECRETS } from '../kubernetes/resourceTypes';
import { SandboxLogger, silentLogger } from '../logging/SandboxLogger';
import { PostgresAdmin } from '../reconciler/PostgresAdmin';
import type { Sandbox } from '../sandbox/Sandbox';
import { operations } from '../secretsManager/operations';
import { demoApp, demoApplication, manualGrantSql } from './demoApplications';

/** The demo teams of `examples/org.yaml`. */
const SHOP = 'group:default/team-shop';
const FINANCE = 'group:default/team-finance';

/** Demo namespaces the seed uses. @public */
export const DEMO_NAMESPACES = ['demo-dev', 'demo-prod'] as const;

/**
 * The namespaces the seed writes to; tests that share one PostgreSQL server
 * pass their own, since database and role names derive from the namespace.
 *
 * @public
 */
export interface DemoNamespaces {
  dev: string;
  prod: string;
}

/** What the seed did, one line per demo database. @public */
export interface SeedReport {
  alreadySeeded: boolean;
  databases: { namespace: string; name: string; state: string }[];
}

const TABLE_SQL = [
  'CREATE TABLE IF NOT EXISTS items (id serial PRIMARY KEY, name text NOT NULL)',
  "INSERT INTO items (name) VALUES ('first'), ('second')",
];

/**
 * Adds demo databases in distinct states, each one a situation from the
 * manual or its known errors, so the plugins have something to show:
 * healthy with grants, missing grants, Kubernetes secrets gone (protected and
 * removed), a Secrets Manager secret scheduled for deletion, a Kubernetes
 * password that no longer matches, and values the controller rejects.
 *
 * @public
 */
export async function seedDemoData(
  sandbox: Sandbox,
  logger: SandboxLogger = silentLogger,
  namespaces: DemoNamespaces = {
    dev: DEMO_NAMESPACES[0],
    prod: DEMO_NAMESPACES[1],
  },
): Promise<SeedReport> {
  const { dev, prod } = namespaces;
  const marker = `${sandbox.paths.root}/seeded.json`;
  const report: SeedReport = {
    alreadySeeded: fs.existsSync(marker),
    databases: [],
  };
  if (report.alreadySeeded) return report;
  const add = (namespace: string, name: string, state: string) =>
    report.databases.push({ namespace, name, state });
  const pg = new PostgresAdmin(sandbox.postgres);
  const k8s = sandbox.kubernetes.store;

  await sandbox.repo.commit(
    {
      ...demoApplication(
        dev,
        'orders',
        '0.5.0',
        {
          postgresqlDatabases: [{ name: 'orders', deletionProtection: false }],
        },
        { owner: SHOP, description: 'Orders of the web shop' },
      ),
      ...demoApplication(
        dev,
        'inventory',
        '0.5.0',
        {
          postgresqlDatabases: [
            { name: 'inventory', deletionProtection: false },
          ],
        },
        { owner: SHOP, description: 'Stock levels of the web shop' },
      ),
      ...demoApplication(
        prod,
        'billing',
        '0.5.0',
        {
          postgresqlDatabases: [{ name: 'billing', deletionProtection: true }],
        },
        { owner: SHOP, description: 'Invoices' },
      ),
      ...demoApplication(
        prod,
        'reports',
        '0.4.1',
        { postgresqlDatabases: [{ name: 'reports' }] },
        { owner: FINANCE, description: 'Monthly reports' },
      ),
      ...demoApplication(
        prod,
        'payments',
        '0.5.0',
        {
          postgresqlDatabases: [{ name: 'payments', deletionProtection: true }],
        },
        { owner: FINANCE, description: 'Payments' },
      ),
      ...demoApplication(
        dev,
        'analytics',
        '1.0.4',
        {
          postgresqlDatabases: [{ name: 'analytics', mode: 'standard' }],
          replicas: 3,
        },
        { owner: SHOP, description: 'Click analytics of the web shop' },
      ),
      ...demoApp(dev, 'shop-api', [
        { database: 'orders', role: 'write', prefix: 'DB_' },
        { database: 'inventory', role: 'read', prefix: 'STOCK_DB_' },
      ]),
      ...demoApp(dev, 'shop-analytics', [
        { database: 'analytics', role: 'write', prefix: 'DB_' },
      ]),
      ...demoApp(prod, 'billing-service', [
        { database: 'billing', role: 'write', prefix: 'DB_' },
        { database: 'payments', role: 'write', prefix: 'PAYMENTS_DB_' },
      ]),
      ...demoApp(prod, 'reporting', [
        { database: 'reports', role: 'read', prefix: 'DB_' },
      ]),
    },
    'Add idp-sandbox demo databases',
  );
  await sandbox.reconciler.reconcile();

  const asAdmin = async (
    namespace: string,
    name: string,
    statements: string[],
  ) => {
    const data = k8s.get(SECRETS, namespace, `${namespace}-${name}-admin`)
      .data as Record<string, string>;
    const value = (key: string) => Buffer.from(data[key], 'base64').toString();
    const client = new Client({
      host: sandbox.postgres.host,
      port: sandbox.postgres.port,
      user: value('username'),
      password: value('password'),
      database: `${namespace}-${name}`,
      ssl: { ca: sandbox.postgres.caCert, servername: 'localhost' },
    });
    await client.connect();
    try {
      for (const sql of statements) await client.query(sql);
    } finally {
      await client.end();
    }
  };

  await asAdmin(dev, 'orders', [
    ...TABLE_SQL,
    ...manualGrantSql({ namespace: dev, name: 'orders' }),
  ]);
  add(dev, 'orders', 'healthy: tables and the manual grants');

  await asAdmin(dev, 'inventory', TABLE_SQL);
  add(dev, 'inventory', 'missing grants: read and write cannot use the tables');

  await asAdmin(prod, 'billing', TABLE_SQL);
  await sandbox.repo.removeFolder(
    `${prod}/billing`,
    'Remove billing (by accident)',
  );
  await sandbox.reconciler.reconcile();
  add(
    prod,
    'billing',
    'protected and removed from the repo: Kubernetes secrets gone, database and Secrets Manager kept',
  );

  operations.DeleteSecret(sandbox.secretsManager.store, {
    SecretId: secretsManagerName({ namespace: prod, name: 'reports' }, 'read'),
    RecoveryWindowInDays: 7,
  });
  add(
    prod,
    'reports',
    'Secrets Manager secret of the read role scheduled for deletion',
  );

  // The database and Secrets Manager move to a new password; the Kubernetes
  // secret keeps the old one, as after a rotation that missed the cluster.
  const rotated = randomBytes(24).toString('base64url');
  await pg.setPassword(
    roleName({ namespace: prod, name: 'payments' }, 'write'),
    rotated,
  );
  const current = operations.GetSecretValue(sandbox.secretsManager.store, {
    SecretId: secretsManagerName(
      { namespace: prod, name: 'payments' },
      'write',
    ),
  }) as { SecretString: string };
  operations.PutSecretValue(sandbox.secretsManager.store, {
    SecretId: secretsManagerName(
      { namespace: prod, name: 'payments' },
      'write',
    ),
    SecretString: JSON.stringify({
      ...JSON.parse(current.SecretString),
      password: rotated,
    }),
  });
  add(
    prod,
    'payments',
    'Kubernetes password of the write role no longer matches the database',
  );

  add(
    dev,
    'analytics',
    'values rejected: unknown key "replicas" (Synced=False)',
  );

  fs.writeFileSync(marker, `${JSON.stringify(report, null, 2)}\n`);
  logger.info('Demo data seeded', { databases: report.databases.length });
  return report;
}
