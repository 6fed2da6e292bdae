import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  idpPostgresGrantsApplyPermission,
  idpPostgresStatusReadPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { pollUntil } from 'e2e-tests/src/poll';
import { BackstageApi } from 'e2e-tests/src/scaffolderApi';
import { createDatabaseForm } from 'e2e-tests/src/templateForms';

/** The seeded database the checks open: healthy, owned by team-shop. */
export const SEEDED_DATABASE = {
  namespace: 'demo-dev',
  name: 'orders',
  entity: 'demo-dev.orders',
};

/** The shipped templates the catalog module puts into the catalog. */
export const SHIPPED_TEMPLATES = [
  'create-postgres-database',
  'connect-app-to-postgres',
  'protect-postgres-database',
  'upgrade-postgres-database',
  'remove-postgres-database',
];

/**
 * Waits until the catalog module has emitted the seeded database as a
 * Resource (from the backend's inventory, on the module's default
 * schedule) and lists the shipped templates.
 */
export async function waitForCatalog(api: BackstageApi, timeoutMs: number) {
  await pollUntil(
    `resource:default/${SEEDED_DATABASE.entity} in the catalog`,
    async () => {
      const res = await api.fetch(
        `catalog/entities/by-name/resource/default/${SEEDED_DATABASE.entity}`,
      );
      return res.ok ? true : undefined;
    },
    timeoutMs,
  );
  const templates = await api.request<Array<{ metadata: { name: string } }>>(
    'catalog/entities?filter=kind=template&fields=metadata.name',
  );
  const names = templates.map(t => t.metadata.name);
  const missing = SHIPPED_TEMPLATES.filter(t => !names.includes(t));
  if (missing.length > 0) {
    throw new Error(
      `Templates missing from the catalog: ${missing.join(
        ', ',
      )} (found ${names.join(', ')})`,
    );
  }
}

/**
 * The README's permission policy is in force: the guest, who neither owns
 * the seeded database nor is a platform admin, may read its status but not
 * apply grants. With create-app's allow-all policy left in place the second
 * answer would be ALLOW.
 */
export async function checkPermissionPolicy(
  api: BackstageApi,
): Promise<string> {
  const resourceRef = `${SEEDED_DATABASE.namespace}/${SEEDED_DATABASE.name}`;
  const { items } = await api.request<{
    items: Array<{ id: string; result: string }>;
  }>('permission/authorize', {
    method: 'POST',
    body: {
      items: [
        {
          id: 'read',
          permission: idpPostgresStatusReadPermission,
          resourceRef,
        },
        {
          id: 'apply',
          permission: idpPostgresGrantsApplyPermission,
          resourceRef,
        },
      ],
    },
  });
  const result = (id: string) => items.find(i => i.id === id)?.result;
  if (result('read') !== 'ALLOW' || result('apply') !== 'DENY') {
    throw new Error(
      `Expected the guest (${api.ownershipEntityRefs.join(
        ', ',
      )}) to be allowed idp-postgres.status.read and denied idp-postgres.grants.apply on ${resourceRef}; got ${JSON.stringify(
        items,
      )}`,
    );
  }
  return `guest: status.read ALLOW, grants.apply DENY on ${resourceRef}`;
}

function appsRepoHead(stateDir: string): string {
  return execFileSync(
    'git',
    ['--git-dir', path.join(stateDir, 'apps-repo.git'), 'rev-parse', 'main'],
    { encoding: 'utf8' },
  ).trim();
}

/**
 * A dry run of the shipped create template through the scaffolder's API, as
 * the template editor runs it: every step finishes, the database's values
 * file is among the files, and the apps repo is unchanged.
 */
export async function checkTemplateDryRun(
  api: BackstageApi,
  stateDir: string,
): Promise<string> {
  const before = appsRepoHead(stateDir);
  const result = await api.dryRun(
    'create-postgres-database',
    createDatabaseForm({ namespace: 'demo-dev', name: 'ledger' }),
  );
  const values = [...result.files].find(([file]) =>
    file.endsWith('demo-dev/ledger/values.yaml'),
  );
  if (!values || !/- name: ledger\b/.test(values[1])) {
    throw new Error(
      `The dry run did not write demo-dev/ledger/values.yaml with the database (files: ${[
        ...result.files.keys(),
      ].join(', ')}):\n${result.log.join('\n')}`,
    );
  }
  if (appsRepoHead(stateDir) !== before) {
    throw new Error('The dry run changed the apps repo');
  }
  return `dry run of create-postgres-database: ${result.files.size} files, demo-dev/ledger/values.yaml written, apps repo unchanged`;
}
