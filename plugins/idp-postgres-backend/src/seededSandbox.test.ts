import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type {
  DatabaseStatus,
  DatabaseSummary,
  DetectedKnownError,
  GrantApplyResult,
  Inventory,
  RestorePlan,
  RestoreResult,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  SECRETS,
  Sandbox,
  sandboxUrlReaderServiceFactory,
  seedDemoData,
  testPostgres,
} from '@jppol-idp/idp-sandbox';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { INVENTORY_REFRESH_TASK_ID } from './inventory/scheduleInventoryRefresh';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import { expectMatchesSpec } from './__testUtils__/openApiResponses';
import { idpPostgresPlugin } from './plugin';
import { SANDBOX_AWS_CONFIG } from './__testUtils__/sandboxPlatform';

/**
 * The "Done when": against the sandbox's demo seed (the same
 * `seedDemoData` as `yarn sandbox seed`), the status of each seeded database
 * names its problem and fix, and the plugin's own restore and apply-grants
 * (plus the apps-repo change a person makes where the fix is in the repo)
 * turn the broken ones healthy. Everything is real: the sandbox's
 * PostgreSQL, Kubernetes and Secrets Manager emulators and reconciler, and
 * the plugin in a test backend with its default cache TTL.
 */

type Server = Parameters<typeof request>[0];

let dir: string;
let sandbox: Sandbox | undefined;
let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
let server: Server;
const scheduler = mockServices.scheduler();
/** Every response body, scanned for passwords at the end. */
const bodies: string[] = [];
/** Every password the sandbox made or held at any point of the test. */
const passwords = new Set<string>();

/** Passwords of every Secrets Manager version and Kubernetes secret right now. */
function collectPasswords(s: Sandbox) {
  for (const secret of s.secretsManager.store.all()) {
    for (const version of secret.versions) {
      if (!version.secretString) continue;
      const { password } = JSON.parse(version.secretString);
      if (password) passwords.add(password);
    }
  }
  for (const namespace of ['demo-dev', 'demo-prod']) {
    for (const secret of s.kubernetes.store.list(SECRETS, namespace)) {
      const data = (secret.data ?? {}) as Record<string, string>;
      if (data.password) {
        passwords.add(Buffer.from(data.password, 'base64').toString());
      }
    }
  }
  passwords.add(s.postgres.password);
}

async function call(
  method: 'get' | 'post',
  url: string,
  body?: object,
): Promise<request.Response> {
  let req = request(server)
    [method](`/api/idp-postgres${url}`)
    .set('Authorization', mockCredentials.user.header());
  if (body) req = req.send(body);
  const res = await req;
  bodies.push(JSON.stringify(res.body));
  expect({ url, status: res.status }).toEqual({ url, status: 200 });
  await expectMatchesSpec(res);
  return res;
}

/**
 * The status as anyone would ask for it: from the cache (TTL 30 s) unless
 * `refresh`, which is only needed after changes made outside the plugin.
 */
async function status(
  ref: string,
  options: { refresh?: boolean } = {},
): Promise<DatabaseStatus> {
  const query = options.refresh ? '?refresh=true' : '';
  return (await call('get', `/databases/${ref}${query}`)).body;
}

/**
 * The namespace's list after an inventory refresh, checked against each
 * database's live status: the list and the detail give the same verdict.
 */
async function list(namespace: string): Promise<Record<string, string>> {
  await scheduler.triggerTask(INVENTORY_REFRESH_TASK_ID);
  const res = await call('get', `/databases?namespace=${namespace}`);
  const items = res.body.items as DatabaseSummary[];
  for (const item of items) {
    const detail = await status(`${namespace}/${item.name}`, { refresh: true });
    expect([item.name, item.state, item.knownErrors, item.reason]).toEqual([
      item.name,
      detail.state,
      detail.knownErrors.map(e => e.id),
      detail.headline.sentence,
    ]);
  }
  return Object.fromEntries(items.map(i => [i.name, i.state]));
}

async function restore(ref: string, body: object) {
  return (await call('post', `/databases/${ref}/restore`, body)).body as
    | RestorePlan
    | RestoreResult;
}

async function applyGrants(ref: string): Promise<GrantApplyResult> {
  const result: GrantApplyResult = (
    await call('post', `/databases/${ref}/grants/apply`)
  ).body;
  expect(result.after.missing).toEqual([]);
  expect(result.warnings).toEqual([]);
  return result;
}

/**
 * The known errors' ids (a consequence as `id < its cause`), and that each
 * comes with a fix.
 */
function knownErrorIds(s: DatabaseStatus): string[] {
  for (const e of s.knownErrors) {
    expect({ id: e.id, steps: e.fix.steps.length > 0 }).toEqual({
      id: e.id,
      steps: true,
    });
    expect(e.detail).not.toBe('');
  }
  return s.knownErrors.map(e =>
    e.causedBy ? `${e.id} < ${e.causedBy}` : e.id,
  );
}

/** The form a template link of the headline fills in, decoded. */
function formDataOf(link: string | undefined) {
  const url = new URL(link!, 'https://backstage.example');
  return {
    template: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}

function knownErrorOf(s: DatabaseStatus, id: string): DetectedKnownError {
  const found = s.knownErrors.find(e => e.id === id);
  expect(found).toBeDefined();
  return found!;
}

const role = (s: DatabaseStatus, name: 'admin' | 'write' | 'read') =>
  s.roles.find(r => r.role === name)!;

/** Every check of a role, in a stable order. */
const roleStates = (s: DatabaseStatus) =>
  Object.fromEntries(
    s.roles.map(r => [
      r.role,
      [
        r.kubernetesSecret.state,
        r.secretsManagerSecret.state,
        r.secretAgreement.state,
        r.login.state,
      ].join(' '),
    ]),
  );

const ALL_OK = {
  admin: 'ok ok ok ok',
  write: 'ok ok ok ok',
  read: 'ok ok ok ok',
};

/** Healthy in every check, with no known error left, and the headline says so. */
function expectHealthy(s: DatabaseStatus) {
  expect({
    state: s.state,
    resource: s.resource.state,
    grants: s.grants.state,
    roles: roleStates(s),
    knownErrors: knownErrorIds(s),
    headline: s.headline,
  }).toEqual({
    state: 'ok',
    resource: 'ok',
    grants: 'ok',
    roles: ALL_OK,
    knownErrors: [],
    headline: { sentence: 'Healthy: every check passed.' },
  });
}

/** The commit on `main` that added a file, for putting an entry back as it was. */
async function commitThatAdded(s: Sandbox, file: string): Promise<string> {
  const out = await s.repo.git([
    'log',
    '--format=%H',
    '--diff-filter=A',
    'main',
    '--',
    file,
  ]);
  return out.trim().split('\n')[0];
}

const SHOP = 'group:default/team-shop';
const FINANCE = 'group:default/team-finance';

const GRANT_ERRORS_NO_TABLES = [
  'missing-schema-usage',
  'missing-default-privileges',
];
const GRANT_ERRORS_WITH_TABLE = [
  'missing-schema-usage',
  'missing-table-privileges',
  'missing-sequence-privileges',
  'missing-default-privileges',
];

describe('the seeded sandbox through the plugin API (issue 4, "Done when")', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-postgres-seeded-'));
    const kubernetesToken = randomBytes(24).toString('base64url');
    sandbox = await Sandbox.start({
      stateDir: dir,
      postgres: testPostgres(),
      // The test drives the reconciler's passes itself.
      pollIntervalMs: 600_000,
      kubernetesToken,
    });
    const report = await seedDemoData(sandbox);
    if (report.alreadySeeded || report.databases.length !== 6) {
      throw new Error('Expected a fresh seed of six demo databases');
    }
    collectPasswords(sandbox);
    const endpoints = sandbox.endpoints;
    backend = await startTestBackend({
      features: [
        idpPostgresPlugin,
        sandboxUrlReaderServiceFactory,
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        mockServices.rootConfig.factory({
          data: {
            aws: SANDBOX_AWS_CONFIG,
            idpPostgres: {
              clusters: [
                {
                  name: 'sandbox',
                  namespaces: ['demo-dev', 'demo-prod'],
                  kubernetes: {
                    auth: 'url',
                    url: endpoints.kubernetes.url,
                    token: kubernetesToken,
                    caFile: sandbox.paths.kubernetesCaCert,
                  },
                  secretsManager: {
                    region: endpoints.secretsManager.region,
                    endpoint: endpoints.secretsManager.url,
                  },
                  postgres: {
                    host: endpoints.postgres.host,
                    port: endpoints.postgres.port,
                    ssl: {
                      mode: 'verify-full',
                      caFile: endpoints.caCert,
                      servername: 'localhost',
                    },
                  },
                },
              ],
              // cacheTtlSeconds left at its default (30 s) on purpose.
              platform: {
                appsRepoUrl: 'https://github.com/jppol-idp/apps/tree/main',
              },
              inventory: {
                // billing's definition went before the inventory read its owner.
                namespaceOwners: { 'demo-prod': 'group:default/team-shop' },
              },
              sandbox: { stateDir: dir },
            },
          },
        }),
      ],
    });
    server = backend.server;
    // As at start-up: the statuses judge each database by the apps repo
    // (still defined? protected? used by an app?) as the inventory read it.
    await scheduler.triggerTask(INVENTORY_REFRESH_TASK_ID);
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  describe('as seeded: each status names its problem and fix', () => {
    it('demo-dev/orders is healthy', async () => {
      const s = await status('demo-dev/orders');
      expect(s.resource.reason).toBe(
        'postgresqldatabases demo-dev/orders is Ready and Synced.',
      );
      expectHealthy(s);
    });

    it('demo-dev/inventory lacks every grant of the manual, which an app needs, with the SQL to fix it', async () => {
      const s = await status('demo-dev/inventory');
      expect(s.state).toBe('warning');
      expect(s.resource.state).toBe('ok');
      expect(roleStates(s)).toEqual(ALL_OK);
      expect(s.grants.state).toBe('warning');
      // shop-api's values read the read role's secret (STOCK_DB_*).
      expect(s.grants.reason).toMatch(
        /are missing, and demo-dev\/shop-api uses the read role: apply the grants\.$/,
      );
      expect(s.headline.next).toEqual({
        kind: 'apply-grants',
        label: 'Apply grants',
      });
      expect(knownErrorIds(s)).toEqual(GRANT_ERRORS_WITH_TABLE);
      for (const e of s.knownErrors) expect(e.fix.action).toBe('apply-grants');
      expect(knownErrorOf(s, 'missing-schema-usage').fix.commands).toEqual([
        'GRANT USAGE ON SCHEMA "public" TO "demo-dev-inventory-write";',
        'GRANT USAGE ON SCHEMA "public" TO "demo-dev-inventory-read";',
      ]);
      expect(knownErrorOf(s, 'missing-table-privileges').detail).toContain(
        'read: SELECT on table items',
      );
      expect(knownErrorOf(s, 'missing-sequence-privileges').detail).toContain(
        'items_id_seq',
      );
    });

    it('demo-prod/billing was removed from the apps repo and kept by protection; re-adding it is the fix', async () => {
      const s = await status('demo-prod/billing');
      expect(s.state).toBe('error');
      // Not broken: removed, and the reason says so.
      expect(s.resource.state).toBe('warning');
      expect(s.resource.reason).toBe(
        'There is no postgresqldatabases demo-prod/billing: its definition was removed from the apps repo, so ArgoCD deleted it; the database and its Secrets Manager secrets were kept.',
      );
      expect(roleStates(s)).toEqual({
        admin: 'error ok unknown unknown',
        write: 'error ok unknown unknown',
        read: 'error ok unknown unknown',
      });
      expect(role(s, 'write').kubernetesSecret.reason).toBe(
        'Kubernetes secret demo-prod/demo-prod-billing-write is missing.',
      );
      // Without the admin secret the grants cannot be looked at.
      expect(s.grants.state).toBe('unknown');
      // One cause, its consequence folded under it.
      expect(knownErrorIds(s)).toEqual([
        'removed-from-apps-repo-but-protected',
        'kubernetes-secrets-missing < removed-from-apps-repo-but-protected',
      ]);
      const missing = knownErrorOf(s, 'kubernetes-secrets-missing');
      expect(missing.fix.action).toBe('restore-secrets');
      expect(missing.detail).toBe(
        'Missing in namespace demo-prod: demo-prod-billing-admin, demo-prod-billing-write, demo-prod-billing-read.',
      );
      expect(s.headline.sentence).toMatch(
        /^Removed from the apps repo, kept by deletion protection: .*its Kubernetes secrets are gone too/,
      );
      expect(s.headline.next?.kind).toBe('re-add-definition');
      expect(formDataOf(s.headline.next?.link)).toEqual({
        template: '/create/templates/default/create-postgres-database',
        formData: {
          database: { namespace: 'demo-prod', name: 'billing' },
          deletionProtection: true,
          owner: SHOP,
        },
      });
    });

    it('demo-prod/reports has a secret scheduled for deletion and chart 0.4.1', async () => {
      const s = await status('demo-prod/reports');
      expect(s.state).toBe('warning');
      expect(s.resource.state).toBe('ok');
      expect(roleStates(s)).toEqual({
        admin: 'ok ok ok ok',
        write: 'ok ok ok ok',
        read: 'ok warning unknown ok',
      });
      const read = role(s, 'read').secretsManagerSecret;
      expect(read.reason).toContain(
        'customer/demo-prod/demo-prod-reports-read was deleted on',
      );
      // DescribeSecret's DeletedDate is when the deletion was requested (the
      // seed deleted it just now); the purge date is not reported.
      const days =
        (Date.parse(read.deletionDate!) - Date.now()) / (24 * 3600 * 1000);
      expect(Math.abs(days)).toBeLessThan(0.01);
      expect(read.purgeWindow).toEqual({
        earliest: new Date(
          Date.parse(read.deletionDate!) + 7 * 24 * 3600 * 1000,
        ).toISOString(),
        latest: new Date(
          Date.parse(read.deletionDate!) + 30 * 24 * 3600 * 1000,
        ).toISOString(),
      });
      // The seed grants nothing on reports, and the reporting app reads it
      // with the read role, so the grant errors are real too (the sandbox
      // README's seed table does not mention them). A production database
      // on chart 0.4.1 cannot be protected.
      expect(knownErrorIds(s)).toEqual([
        'secrets-manager-secret-scheduled-for-deletion',
        ...GRANT_ERRORS_NO_TABLES,
        'chart-below-0-5-0',
        'unprotected-production-database',
      ]);
      expect(s.headline.next).toMatchObject({ kind: 'upgrade-chart' });
      expect(
        knownErrorOf(s, 'secrets-manager-secret-scheduled-for-deletion').fix
          .commands,
      ).toContain(
        "aws secretsmanager restore-secret --secret-id 'customer/demo-prod/demo-prod-reports-read'",
      );
      expect(knownErrorOf(s, 'chart-below-0-5-0').detail).toBe(
        'demo-prod/reports/application.yaml deploys chart 0.4.1.',
      );
    });

    it('demo-prod/reports a reconciler pass later: the controller fails on the scheduled secret', async () => {
      // A running sandbox resyncs every 30 s; then the scheduled secret also
      // stops the controller, as Crossplane would.
      await sandbox!.reconciler.reconcile();
      const s = await status('demo-prod/reports', { refresh: true });
      expect(s.state).toBe('error');
      expect(s.resource.state).toBe('error');
      expect(s.resource.reason).toContain(
        "cannot create Secrets Manager secret customer/demo-prod/demo-prod-reports-read: You can't create this secret because a secret with this name is already scheduled for deletion.",
      );
      expect(knownErrorIds(s)).toEqual([
        'secrets-manager-secret-scheduled-for-deletion',
        ...GRANT_ERRORS_NO_TABLES,
        'resource-not-ready < secrets-manager-secret-scheduled-for-deletion',
        'chart-below-0-5-0',
        'unprotected-production-database',
      ]);
    });

    it('demo-prod/payments: the write password in Kubernetes no longer matches the database', async () => {
      const s = await status('demo-prod/payments');
      expect(s.state).toBe('error');
      expect(s.resource.state).toBe('ok');
      expect(roleStates(s)).toEqual({
        admin: 'ok ok ok ok',
        write: 'ok ok error error',
        read: 'ok ok ok ok',
      });
      expect(role(s, 'write').login).toMatchObject({
        state: 'error',
        failure: 'wrong-password',
      });
      expect(role(s, 'write').secretAgreement.reason).toBe(
        'The Kubernetes secret and Secrets Manager hold different password (compared by hash).',
      );
      expect(knownErrorIds(s)).toEqual([
        ...GRANT_ERRORS_NO_TABLES,
        'secret-drift',
      ]);
      expect(s.headline.next).toEqual({
        kind: 'restore-secrets',
        label: 'Restore with force',
      });
      const drift = knownErrorOf(s, 'secret-drift');
      expect(drift.fix.action).toBe('restore-secrets');
      expect(drift.fix.steps.join(' ')).toContain(
        'Restore the Kubernetes secret from Secrets Manager with force',
      );
    });

    it('demo-dev/analytics: values rejected, Synced=False with the reason', async () => {
      const s = await status('demo-dev/analytics');
      expect(s.state).toBe('error');
      expect(s.resource.state).toBe('error');
      expect(s.resource.conditions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'Synced',
            status: 'False',
            reason: 'ReconcileError',
          }),
        ]),
      );
      // Nothing was provisioned, so no secret exists anywhere. The one
      // cause is the values key, named with its file; the resource's error
      // follows from it.
      expect(roleStates(s).admin).toBe('error error unknown unknown');
      expect(knownErrorIds(s)).toEqual([
        'chart-values-rejected-by-schema',
        'resource-not-ready < chart-values-rejected-by-schema',
      ]);
      const values = knownErrorOf(s, 'chart-values-rejected-by-schema');
      expect(values.detail).toContain(
        'additional property "replicas" is not allowed',
      );
      expect(values.fix.steps[0]).toBe(
        'Remove `replicas` from `demo-dev/analytics/values.yaml`. Commit and let ArgoCD sync; nothing in the cluster changed while the values were rejected.',
      );
      expect(s.headline).toEqual({
        sentence:
          'Values rejected: remove `replicas` from `demo-dev/analytics/values.yaml`; until then ArgoCD cannot render the chart, so nothing of the database is provisioned or updated.',
        next: {
          kind: 'fix-values',
          label: 'Fix the values',
          link: values.fix.link?.url,
        },
      });
      expect(values.fix.link?.url).toMatch(
        /demo-dev\/analytics\/values\.yaml$/,
      );
    });

    it('summarises the namespaces as their statuses do', async () => {
      expect(await list('demo-dev')).toEqual({
        analytics: 'error',
        inventory: 'warning',
        orders: 'ok',
      });
      expect(await list('demo-prod')).toEqual({
        // No resource any more: listed from its Secrets Manager secrets.
        billing: 'error',
        payments: 'error',
        reports: 'error',
      });
    });

    it('knows the owner of every database and the apps that use it, from the apps repo', async () => {
      const inventory: Inventory = (await call('get', '/inventory')).body;
      expect(
        inventory.databases.map(d => [
          `${d.namespace}/${d.name}`,
          d.lifecycle,
          d.owner?.entityRef,
          d.owner?.source,
          d.usedBy.map(u => `${u.entityRef} ${u.roles.join(',')}`),
        ]),
      ).toEqual([
        [
          'demo-dev/analytics',
          'deployed',
          SHOP,
          'apps-repo',
          ['component:default/shop-analytics write'],
        ],
        [
          'demo-dev/inventory',
          'deployed',
          SHOP,
          'apps-repo',
          ['component:default/shop-api read'],
        ],
        [
          'demo-dev/orders',
          'deployed',
          SHOP,
          'apps-repo',
          ['component:default/shop-api write'],
        ],
        [
          'demo-prod/billing',
          'removed-protected',
          SHOP,
          'namespace-config',
          ['component:default/billing-service write'],
        ],
        [
          'demo-prod/payments',
          'deployed',
          FINANCE,
          'apps-repo',
          ['component:default/billing-service write'],
        ],
        [
          'demo-prod/reports',
          'deployed',
          FINANCE,
          'apps-repo',
          ['component:default/reporting read'],
        ],
      ]);
      expect(inventory.problems).toEqual([]);
    });
  });

  describe('fixed with the plugin, then healthy', () => {
    it('demo-dev/inventory: apply grants', async () => {
      const result = await applyGrants('demo-dev/inventory');
      expect(result.statements).toHaveLength(10);
      expectHealthy(await status('demo-dev/inventory'));
    });

    it('demo-prod/billing: restore (dry run, then for real), then the grants and the repo entry', async () => {
      const plan = (await restore('demo-prod/billing', {
        dryRun: true,
      })) as RestorePlan;
      expect(plan.items.map(i => [i.role, i.action, i.secretName])).toEqual([
        ['admin', 'create', 'demo-prod-billing-admin'],
        ['write', 'create', 'demo-prod-billing-write'],
        ['read', 'create', 'demo-prod-billing-read'],
      ]);
      expect(
        sandbox!.kubernetes.store.find(
          SECRETS,
          'demo-prod',
          'demo-prod-billing-admin',
        ),
      ).toBeUndefined();

      const result = (await restore('demo-prod/billing', {})) as RestoreResult;
      expect(result.items.map(i => [i.role, i.action, i.outcome])).toEqual([
        ['admin', 'create', 'done'],
        ['write', 'create', 'done'],
        ['read', 'create', 'done'],
      ]);
      const restored = sandbox!.kubernetes.store.find(
        SECRETS,
        'demo-prod',
        'demo-prod-billing-write',
      );
      expect(restored?.metadata.labels).toMatchObject({
        'idp.jppol.dk/restored-by': 'backstage-idp-postgres',
      });

      // The secrets are back and every role logs in; now the grants (billing
      // has a table and was never granted) can be seen, and the resource is
      // still gone because the entry is not in the apps repo.
      let s = await status('demo-prod/billing');
      expect(roleStates(s)).toEqual(ALL_OK);
      // Apps work again; what is left is a warning that names the cause.
      expect(s.resource.state).toBe('warning');
      expect(knownErrorIds(s)).toEqual([
        'removed-from-apps-repo-but-protected',
        ...GRANT_ERRORS_WITH_TABLE,
      ]);
      expect(
        knownErrorOf(s, 'removed-from-apps-repo-but-protected').fix.steps[1],
      ).toBe(
        'The Kubernetes secrets are there, so apps using them keep working until the pull request is merged and synced.',
      );

      await applyGrants('demo-prod/billing');
      s = await status('demo-prod/billing');
      expect(knownErrorIds(s)).toEqual([
        'removed-from-apps-repo-but-protected',
      ]);
      expect(s.state).toBe('warning');
      expect(s.headline.sentence).toBe(
        'Removed from the apps repo, kept by deletion protection: the database and its data remain, but nothing manages it until its definition is added again.',
      );

      // The manual's last step: put the entry back in the apps repo. The
      // controller adopts the existing database and the restored secrets.
      const added = await commitThatAdded(
        sandbox!,
        'demo-prod/billing/values.yaml',
      );
      const files: Record<string, string> = {};
      for (const file of ['application.yaml', 'values.yaml']) {
        const at = `demo-prod/billing/${file}`;
        files[at] = (await sandbox!.repo.readFile(added, at))!;
      }
      await sandbox!.repo.commit(files, 'Re-add billing');
      await sandbox!.reconciler.reconcile();
      await scheduler.triggerTask(INVENTORY_REFRESH_TASK_ID);
      expectHealthy(await status('demo-prod/billing', { refresh: true }));
    });

    it('demo-prod/reports: restore with restoreScheduledSecrets cancels the deletion', async () => {
      const result = (await restore('demo-prod/reports', {
        restoreScheduledSecrets: true,
      })) as RestoreResult;
      expect(
        result.items.map(i => [
          i.role,
          i.secretsManagerStep ?? '-',
          i.action,
          i.outcome,
        ]),
      ).toEqual([
        ['admin', '-', 'skip-in-sync', 'skipped'],
        ['write', '-', 'skip-in-sync', 'skipped'],
        // The Kubernetes copy agrees with the recovered one: nothing to write.
        ['read', 'cancel-deletion', 'skip-in-sync', 'skipped'],
      ]);
      expect(
        sandbox!.secretsManager.store.find(
          'customer/demo-prod/demo-prod-reports-read',
        )?.deletedDate,
      ).toBeUndefined();

      let s = await status('demo-prod/reports');
      expect(roleStates(s)).toEqual(ALL_OK);
      expect(knownErrorIds(s)).not.toContain(
        'secrets-manager-secret-scheduled-for-deletion',
      );
      // The resource recovers at the controller's next pass.
      expect(knownErrorIds(s)).toContain('resource-not-ready');
      await sandbox!.reconciler.reconcile();
      await applyGrants('demo-prod/reports');
      s = await status('demo-prod/reports', { refresh: true });
      // Healthy, and still on chart 0.4.1 (so unprotected): those known
      // errors stay until the chart is upgraded, which neither restore nor
      // grants can do.
      expect({
        state: s.state,
        resource: s.resource.state,
        grants: s.grants.state,
        roles: roleStates(s),
        knownErrors: knownErrorIds(s),
      }).toEqual({
        state: 'ok',
        resource: 'ok',
        grants: 'ok',
        roles: ALL_OK,
        knownErrors: ['chart-below-0-5-0', 'unprotected-production-database'],
      });
    });

    it('demo-prod/payments: restore refuses to overwrite without force, and with force fixes the drift', async () => {
      const careful = (await restore('demo-prod/payments', {
        roles: ['write'],
      })) as RestoreResult;
      expect(careful.items.map(i => [i.role, i.action, i.outcome])).toEqual([
        ['write', 'skip-differs', 'skipped'],
      ]);
      expect(careful.items[0].reason).toContain('differs in password');

      // Secrets Manager holds the database's current password (the seed
      // rotated both), so it is the right source to restore from.
      const forced = (await restore('demo-prod/payments', {
        force: true,
      })) as RestoreResult;
      expect(forced.items.map(i => [i.role, i.action, i.outcome])).toEqual([
        ['admin', 'skip-in-sync', 'skipped'],
        ['write', 'overwrite', 'done'],
        ['read', 'skip-in-sync', 'skipped'],
      ]);
      let s = await status('demo-prod/payments');
      expect(roleStates(s)).toEqual(ALL_OK);
      expect(knownErrorIds(s)).toEqual(GRANT_ERRORS_NO_TABLES);
      await applyGrants('demo-prod/payments');
      s = await status('demo-prod/payments');
      expectHealthy(s);
    });

    it('demo-dev/analytics: the known error points at the values; fixing them in the repo makes it healthy', async () => {
      const file = 'demo-dev/analytics/values.yaml';
      const values = parse(
        (await sandbox!.repo.readFile(await sandbox!.repo.head(), file))!,
      );
      delete values.replicas;
      await sandbox!.repo.commit(
        { [file]: stringify(values) },
        'analytics: drop the unknown key',
      );
      await sandbox!.reconciler.reconcile();
      await scheduler.triggerTask(INVENTORY_REFRESH_TASK_ID);
      const s = await status('demo-dev/analytics', { refresh: true });
      expect(roleStates(s)).toEqual(ALL_OK);
      expect(knownErrorIds(s)).toEqual(GRANT_ERRORS_NO_TABLES);
      await applyGrants('demo-dev/analytics');
      expectHealthy(await status('demo-dev/analytics'));
    });

    it('summarises both namespaces as healthy', async () => {
      expect(await list('demo-dev')).toEqual({
        analytics: 'ok',
        inventory: 'ok',
        orders: 'ok',
      });
      expect(await list('demo-prod')).toEqual({
        billing: 'ok',
        payments: 'ok',
        reports: 'ok',
      });
    });
  });

  it('never puts a password in any response', () => {
    collectPasswords(sandbox!);
    // Three roles of six databases, the payments write role's old and new
    // password, and the superuser.
    expect(passwords.size).toBeGreaterThanOrEqual(18 + 2);
    expect(bodies.length).toBeGreaterThan(30);
    for (const body of bodies) {
      for (const password of passwords) {
        expect(body.includes(password)).toBe(false);
      }
    }
  });
});
