import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import path from 'node:path';
import { test, TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { DevBackstage, E2E_PLATFORM_ADMINS } from './devBackstage';
import { BackstageApi, FinishedTask } from './scaffolderApi';
import { APPS_REPO_FIELDS, createDatabaseForm } from './templateForms';

interface Context {
  backstage: DevBackstage;
  page: Page;
  waitForVisible(locator: ReturnType<Page['getByText']>): Promise<void>;
  screenshot(name: string, text?: string | RegExp): Promise<void>;
}

/** The apps repo's `main` as the sandbox holds it. */
function appsRepo(ctx: Context) {
  const gitDir = path.join(ctx.backstage.stateDir, 'apps-repo.git');
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' });
  return {
    head: () => git('rev-parse', 'main').trim(),
    show: (file: string) => git('show', `main:${file}`),
  };
}

function hasBinaries(...names: string[]): boolean {
  return names.every(name => {
    try {
      execFileSync('which', [name], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
}

/** Runs SQL in a database as its admin role, with the password from the role's Kubernetes secret. */
function sqlAsAdmin(
  ctx: Context,
  namespace: string,
  name: string,
  sql: string,
): string {
  const role = `${namespace}-${name}-admin`;
  const password = Buffer.from(
    execFileSync(
      'kubectl',
      [
        '--kubeconfig',
        path.join(ctx.backstage.stateDir, 'kubeconfig'),
        'get',
        'secret',
        role,
        '--namespace',
        namespace,
        '--output',
        'jsonpath={.data.password}',
      ],
      { encoding: 'utf8' },
    ),
    'base64',
  ).toString('utf8');
  return execFileSync(
    'psql',
    [
      `host=127.0.0.1 port=${ctx.backstage.postgresPort} dbname=${namespace}-${name} user=${role} sslmode=require`,
      '--tuples-only',
      '--no-align',
      '--command',
      sql,
    ],
    { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password } },
  ).trim();
}

function outputText(task: FinishedTask): string {
  return JSON.stringify(task.output);
}

function assertCompleted(task: FinishedTask) {
  assert.equal(
    task.status,
    'completed',
    `task failed: ${task.error}\n${task.log.join('\n')}`,
  );
}

async function pollUntil<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

/**
 * A database's whole life through the templates, as a team runs them from
 * the scaffolder (its REST API, and the create form in the browser): each
 * refusal happens before any pull request, each change reaches the apps
 * repo and the platform.
 */
export function lifecycleScenarios(context: () => Context) {
  let api: BackstageApi;
  const api$ = async () =>
    (api ??= await BackstageApi.signIn(context().backstage.backendUrl));

  test('create: the form shows derived names and refuses a cross-namespace collision as you type', async () => {
    const ctx = context();
    const { page } = ctx;
    await page.goto(
      `${ctx.backstage.appUrl}/create/templates/default/create-postgres-database`,
    );
    await ctx.waitForVisible(page.getByLabel('Namespace'));
    await page.getByLabel('Namespace').fill('demo');
    await page.getByLabel('Database name').fill('dev-orders');
    await ctx.waitForVisible(page.getByText(/demo-dev-orders-admin/));
    await ctx.waitForVisible(page.getByText(/bytes left of 63/));
    // demo + dev-orders and demo-dev + orders are one PostgreSQL database.
    await ctx.waitForVisible(page.getByText(/demo-dev\/orders/));
    await ctx.screenshot('14-create-form-collision');
    await page.getByLabel('Namespace').fill('demo-dev');
    await page.getByLabel('Database name').fill('orders');
    await ctx.waitForVisible(page.getByText(/already defin/i));
    await ctx.screenshot('15-create-form-duplicate');
  });

  test('create: a dry run shows the files; a duplicate is refused before any pull request', async () => {
    const ctx = context();
    const a = await api$();
    const dry = await a.dryRun(
      'create-postgres-database',
      createDatabaseForm({ namespace: 'demo-dev', name: 'ledger' }),
    );
    const values = [...dry.files.entries()].find(([file]) =>
      file.endsWith('ledger/values.yaml'),
    );
    assert.ok(
      values,
      `dry run files: ${[...dry.files.keys()].join(', ')}\n${dry.log.join(
        '\n',
      )}`,
    );
    assert.match(values[1], /- name: ledger\n\s+deletionProtection: false/);

    const repo = appsRepo(ctx);
    const before = repo.head();
    const duplicate = await a.runTemplate(
      'create-postgres-database',
      createDatabaseForm({ namespace: 'demo-dev', name: 'orders' }),
    );
    assert.equal(duplicate.status, 'failed');
    assert.match(duplicate.error ?? '', /already/i);
    assert.equal(repo.head(), before, 'a refused create changed the apps repo');
  });

  test('create: followed to Ready in the task; with no time to wait, the owner is notified later', async () => {
    const a = await api$();
    const ready = await a.runTemplate(
      'create-postgres-database',
      createDatabaseForm({ namespace: 'demo-dev', name: 'ledger' }),
    );
    assertCompleted(ready);
    const log = ready.log.join('\n');
    for (const step of [/merged/i, /synced/i, /ready/i, /secrets/i]) {
      assert.match(log, step);
    }
    assert.match(outputText(ready), /demo-dev\.ledger\/postgresql/);

    const quick = await a.runTemplate(
      'create-postgres-database',
      createDatabaseForm(
        { namespace: 'demo-dev', name: 'journal' },
        { waitMinutes: 0 },
      ),
    );
    assertCompleted(quick);
    const notification = await pollUntil('the ready notification', async () => {
      const list = await a.request<{
        notifications: Array<{ payload: { title: string; link?: string } }>;
      }>('notifications/notifications');
      return list.notifications.find(n =>
        n.payload.title.includes('demo-dev-journal'),
      );
    });
    assert.match(notification.payload.title, /ready/i);
  });

  test('connect: refuses a missing database and another namespace before any pull request, warns about privileges', async () => {
    const ctx = context();
    const a = await api$();
    const repo = appsRepo(ctx);
    const before = repo.head();
    const connect = (appPath: string, name: string) =>
      a.runTemplate('connect-app-to-postgres', {
        database: { namespace: 'demo-dev', name },
        role: 'read',
        envPrefix: 'LEDGER_',
        appPath,
        valuesFile: 'values.yaml',
        ...APPS_REPO_FIELDS,
      });
    const missing = await connect('demo-dev/shop-api', 'no-such-db');
    assert.equal(missing.status, 'failed');
    assert.match(missing.error ?? '', /not|no such|does not exist/i);
    const otherNamespace = await connect('demo-prod/billing-service', 'ledger');
    assert.equal(otherNamespace.status, 'failed');
    assert.match(otherNamespace.error ?? '', /namespace/i);
    assert.equal(
      repo.head(),
      before,
      'a refused connect changed the apps repo',
    );

    const connected = await connect('demo-dev/shop-api', 'ledger');
    assertCompleted(connected);
    assert.match(outputText(connected), /privileges/i);
    assert.match(
      repo.show('demo-dev/shop-api/values.yaml'),
      /name: demo-dev-ledger-read/,
    );
  });

  test('protect and unprotect: a production database cannot be unprotected', async () => {
    const ctx = context();
    const a = await api$();
    const protectedTask = await a.runTemplate('protect-postgres-database', {
      database: { namespace: 'demo-dev', name: 'ledger' },
      protect: true,
      ...APPS_REPO_FIELDS,
    });
    assertCompleted(protectedTask);
    assert.match(
      appsRepo(ctx).show('demo-dev/ledger/values.yaml'),
      /deletionProtection: true/,
    );
    const before = appsRepo(ctx).head();
    // The template's own schema refuses it, so no task even starts.
    await assert.rejects(
      a.runTemplate('protect-postgres-database', {
        database: { namespace: 'demo-prod', name: 'payments' },
        protect: false,
        ...APPS_REPO_FIELDS,
      }),
      /production namespaces must keep deletion protection/,
    );
    assert.equal(appsRepo(ctx).head(), before);
  });

  test('remove: a protected database goes from Kubernetes only, and the task says how to restore', async () => {
    const ctx = context();
    const a = await api$();
    const wrongConfirmation = await a.runTemplate('remove-postgres-database', {
      database: { namespace: 'demo-dev', name: 'ledger' },
      confirmName: 'ledgers',
      ...APPS_REPO_FIELDS,
    });
    assert.equal(wrongConfirmation.status, 'failed');
    const removed = await a.runTemplate('remove-postgres-database', {
      database: { namespace: 'demo-dev', name: 'ledger' },
      confirmName: 'ledger',
      ...APPS_REPO_FIELDS,
    });
    assertCompleted(removed);
    assert.match(outputText(removed), /restore/i);
    assert.throws(() => appsRepo(ctx).show('demo-dev/ledger/values.yaml'));
    const inventory = await pollUntil('the kept database', async () => {
      const list = await a.request<{
        databases: Array<{
          namespace: string;
          name: string;
          lifecycle: string;
        }>;
      }>('idp-postgres/inventory');
      return list.databases.find(
        db => db.name === 'ledger' && db.lifecycle === 'removed-protected',
      );
    });
    assert.equal(inventory.namespace, 'demo-dev');
  });

  test('upgrade 0.4.1 → 0.5.0: refused for a non-admin before any pull request; run by a platform admin, the data is gone and production protection kept', async (t: TestContext) => {
    if (!hasBinaries('psql', 'kubectl')) {
      t.skip('needs psql and kubectl (postgresql-client, kubernetes-client)');
      return;
    }
    const ctx = context();
    sqlAsAdmin(
      ctx,
      'demo-prod',
      'reports',
      'create table monthly (id int); insert into monthly values (1);',
    );
    const upgrade = (caller: BackstageApi, confirmName: string) =>
      caller.runTemplate('upgrade-postgres-database', {
        database: { namespace: 'demo-prod', name: 'reports' },
        chartVersion: '0.5.0',
        confirmName,
        ...APPS_REPO_FIELDS,
      });
    const repo = appsRepo(ctx);
    const before = repo.head();
    const refused = await upgrade(await api$(), 'reports');
    assert.equal(refused.status, 'failed');
    assert.match(refused.error ?? '', /platform admin/i);
    assert.equal(
      repo.head(),
      before,
      'a refused upgrade changed the apps repo',
    );

    // Make the guest a platform admin the way an org would: a group in the catalog.
    const admin = await becomePlatformAdmin(ctx);
    const upgraded = await upgrade(admin, 'reports');
    assertCompleted(upgraded);
    const values = repo.show('demo-prod/reports/values.yaml');
    assert.match(values, /deletionProtection: true/);
    assert.match(
      repo.show('demo-prod/reports/application.yaml'),
      /chartVersion: ['"]?0\.5\.0/,
    );
    assert.equal(
      sqlAsAdmin(
        ctx,
        'demo-prod',
        'reports',
        "select count(*) from pg_tables where tablename = 'monthly'",
      ),
      '0',
      'the table written before the upgrade survived',
    );
  });
}

/**
 * Adds the guest to the e2e instance's platform admins group and signs in
 * again until the guest's token carries the membership.
 */
async function becomePlatformAdmin(ctx: Context): Promise<BackstageApi> {
  E2E_PLATFORM_ADMINS.write(ctx.backstage.workDir, ['guest']);
  return pollUntil('the guest to be a platform admin', async () => {
    const fresh = await BackstageApi.signIn(ctx.backstage.backendUrl);
    return fresh.ownershipEntityRefs.includes(E2E_PLATFORM_ADMINS.ref)
      ? fresh
      : undefined;
  });
}
