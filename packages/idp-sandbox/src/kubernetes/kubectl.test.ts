import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { binarySuiteTitle, hasBinary } from '../testing/binaries';
import { KubernetesEmulator } from './KubernetesEmulator';
import { writeKubeconfig } from './kubeconfig';

const run = promisify(execFile);

(hasBinary('kubectl') ? describe : describe.skip)(
  binarySuiteTitle('kubectl', 'KubernetesEmulator with kubectl'),
  () => {
    const emulator = new KubernetesEmulator();
    let dir: string;
    let kubeconfig: string;

    const kubectl = (...args: string[]) =>
      run('kubectl', ['--kubeconfig', kubeconfig, ...args]);
    const kubectlError = (...args: string[]) =>
      kubectl(...args).then(
        r => {
          throw new Error(`kubectl unexpectedly succeeded: ${r.stdout}`);
        },
        (e: { stderr: string }) => e.stderr,
      );

    beforeAll(async () => {
      await emulator.start();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-kubectl-'));
      kubeconfig = path.join(dir, 'kubeconfig');
      writeKubeconfig(
        kubeconfig,
        emulator.url,
        emulator.token,
        emulator.caCert,
      );
      emulator.store.ensureNamespace('team-k');
    });

    afterAll(async () => {
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('creates, gets, lists and deletes a secret like the manual restore step', async () => {
      const created = await kubectl(
        'create',
        'secret',
        'generic',
        'team-k-db-admin',
        '-n',
        'team-k',
        '--from-literal=endpoint=localhost',
        '--from-literal=port=5432',
        '--from-literal=username=team-k-db-admin',
        '--from-literal=password=pw',
      );
      expect(created.stdout.trim()).toBe('secret/team-k-db-admin created');

      const port = await kubectl(
        'get',
        'secret',
        'team-k-db-admin',
        '-n',
        'team-k',
        '-o',
        'jsonpath={.data.port}',
      );
      expect(Buffer.from(port.stdout, 'base64').toString()).toBe('5432');

      const table = await kubectl('get', 'secrets', '-n', 'team-k');
      expect(table.stdout).toMatch(/^NAME\s+AGE\n/);
      expect(table.stdout).toContain('team-k-db-admin');

      const deleted = await kubectl(
        'delete',
        'secret',
        'team-k-db-admin',
        '-n',
        'team-k',
      );
      expect(deleted.stdout.trim()).toBe('secret "team-k-db-admin" deleted');

      expect(
        await kubectlError('get', 'secret', 'team-k-db-admin', '-n', 'team-k'),
      ).toContain(
        'Error from server (NotFound): secrets "team-k-db-admin" not found',
      );
    });

    it('shows the API server validation error for a bad name', async () => {
      const stderr = await kubectlError(
        'create',
        'secret',
        'generic',
        'Bad_Name',
        '-n',
        'team-k',
        '--from-literal=a=b',
      );
      expect(stderr).toContain(
        'Secret "Bad_Name" is invalid: metadata.name: Invalid value',
      );
    });

    it('lists namespaces and the database custom resource', async () => {
      emulator.store.apply(emulator.databaseResource, 'team-k', {
        metadata: { name: 'orders' },
        spec: {},
      });
      const ns = await kubectl('get', 'namespaces', '-o', 'name');
      expect(ns.stdout.trim()).toBe('namespace/team-k');
      const crs = await kubectl(
        'get',
        emulator.databaseResource.plural,
        '-n',
        'team-k',
        '-o',
        'name',
      );
      expect(crs.stdout.trim()).toBe(
        `${emulator.databaseResource.singular}.${emulator.databaseResource.group}/orders`,
      );
    });

    it('fails without the token', async () => {
      const anonymous = path.join(dir, 'anonymous');
      writeKubeconfig(anonymous, emulator.url, 'wrong', emulator.caCert);
      const stderr = await run('kubectl', [
        '--kubeconfig',
        anonymous,
        'get',
        'secrets',
        '-n',
        'team-k',
      ]).then(
        () => '',
        (e: { stderr: string }) => e.stderr,
      );
      expect(stderr).toContain(
        'You must be logged in to the server (Unauthorized)',
      );
    });
  },
);
