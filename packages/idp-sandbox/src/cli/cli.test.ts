import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { binarySuiteTitle, hasBinary } from '../testing/binaries';

const run = promisify(execFile);
const BIN = resolvePackagePath('@jppol-idp/idp-sandbox', 'bin/sandbox');

/*
 * The command line as a newcomer uses it: start, seed, connect with the
 * printed psql line, stop, start again with the data kept, reset. Each
 * command runs in its own process, as from a shell.
 */
(hasBinary('psql') ? describe : describe.skip)(
  binarySuiteTitle('psql', 'yarn sandbox (the command line)'),
  () => {
    let stateDir: string;

    const sandbox = async (command: string) => {
      const { stdout } = await run(
        process.execPath,
        [BIN, command, '--state-dir', stateDir],
        { timeout: 120_000 },
      );
      return stdout;
    };

    /** Runs the psql line `start` printed, with a query added. */
    const printedPsql = async (startOutput: string, query: string) => {
      const line = startOutput
        .split('\n')
        .map(l => l.trim())
        .find(l => l.includes(' psql "') && l.includes('sslmode=require'));
      if (!line) {
        throw new Error(`start printed no psql line:\n${startOutput}`);
      }
      const { stdout } = await run('bash', ['-c', `${line} -Atc "${query}"`], {
        timeout: 30_000,
      });
      return stdout.trim();
    };

    beforeAll(() => {
      stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-cli-'));
      // mkdtemp makes a 0700 folder; the postgres OS user must enter it when we run as root.
      fs.chmodSync(stateDir, 0o755);
    });

    afterAll(async () => {
      await sandbox('reset').catch(() => undefined);
      fs.rmSync(stateDir, { recursive: true, force: true });
    }, 60_000);

    it('starts, seeds, connects with the printed line, and keeps data across a restart', async () => {
      const firstStart = await sandbox('start');
      expect(firstStart).toContain('Sandbox running');
      expect(await printedPsql(firstStart, 'select 1')).toBe('1');

      const seeded = await sandbox('seed');
      expect(seeded).toContain('demo-dev/orders: healthy');
      const databases =
        "select string_agg(datname, ',' order by datname) from pg_database where datname like 'demo-%'";
      const before = await printedPsql(firstStart, databases);
      expect(before.split(',')).toEqual(
        expect.arrayContaining(['demo-dev-orders', 'demo-prod-billing']),
      );

      expect(await sandbox('stop')).toContain('Sandbox stopped');
      // Like an init script's status: exit code 3 when not running.
      await expect(sandbox('status')).rejects.toMatchObject({
        code: 3,
        stdout: expect.stringContaining('not running'),
      });

      const secondStart = await sandbox('start');
      // The same endpoints (the server behind the proxy may move) and the same data:
      // the line printed by the first start still works.
      const endpoints = (output: string) =>
        output
          .split('\n')
          .filter(l => !/pid \d+|the server itself is on/.test(l));
      expect(endpoints(secondStart)).toEqual(endpoints(firstStart));
      expect(await printedPsql(firstStart, databases)).toBe(before);

      await sandbox('reset');
      expect(fs.existsSync(path.join(stateDir, 'pgpass'))).toBe(false);
    }, 240_000);
  },
);
