import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { readJsonFile, writeJsonFile } from '../state/jsonFile';
import { generateTlsMaterial, TlsMaterial } from './certificates';
import { removePostgresState } from './dataDirectory';
import { superuserClientConfig } from './PostgresConnectionInfo';
import { installedPostgresDistribution } from './postgresDistribution';
import { PostgresServer, PostgresServerOptions } from './PostgresServer';
import { runningAsRoot } from './rootPermissions';

const TITLE =
  'sandbox PostgreSQL as root, out of reach of the postgres OS user (a checkout under /root)';

async function query(server: PostgresServer, sql: string) {
  const client = new Client(superuserClientConfig(server.connectionInfo));
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/*
 * As root the server runs as the `postgres` OS user. These start real
 * servers with their state and their binaries below a 0700 folder, as in a
 * clone under /root, and with the fallback folders in a throwaway place.
 */
(runningAsRoot() ? describe : describe.skip)(
  runningAsRoot() ? TITLE : `${TITLE} (skipped: not running as root)`,
  () => {
    let base: string;
    const servers: PostgresServer[] = [];

    // Generating certificates costs seconds under Jest: one set for all servers.
    let tls: TlsMaterial;
    beforeAll(() => {
      tls = generateTlsMaterial();
    });

    const start = async (options: PostgresServerOptions) => {
      writeJsonFile(path.join(options.dir, 'tls.json'), tls);
      const server = new PostgresServer(options);
      servers.push(server);
      await server.start();
      return server;
    };

    /** A folder only root can enter, like /root. */
    const privateFolder = (name: string) => {
      const dir = path.join(base, name);
      fs.mkdirSync(dir, { mode: 0o700 });
      fs.chmodSync(dir, 0o700);
      return dir;
    };

    beforeEach(() => {
      base = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-root-'));
      fs.chmodSync(base, 0o755);
    });

    afterEach(async () => {
      for (const server of servers.splice(0)) await server.stop();
      fs.rmSync(base, { recursive: true, force: true });
    });

    it('keeps the cluster where the postgres user can reach it, found again on restart and removed by reset', async () => {
      const dir = path.join(
        privateFolder('home'),
        'clone',
        '.sandbox',
        'postgres',
      );
      const relocatedData = path.join(base, 'relocated');
      const options = { dir, reachableFolders: { relocatedData } };

      const first = await start(options);
      await query(first, 'CREATE TABLE kept (id int)');
      const link = path.join(dir, 'data');
      expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
      expect(fs.readlinkSync(link).startsWith(`${relocatedData}/`)).toBe(true);
      await first.stop();

      const second = await start(options);
      expect(
        await query(second, "SELECT to_regclass('kept') IS NOT NULL AS kept"),
      ).toEqual([{ kept: true }]);
      await second.stop();

      removePostgresState(dir);
      expect(fs.existsSync(dir)).toBe(false);
      expect(
        fs.readdirSync(relocatedData).filter(f => !f.endsWith('.state-dir')),
      ).toEqual([]);
    }, 90_000);

    it('runs binaries the postgres user cannot reach from a checked copy, repaired when files go missing', async () => {
      const installed = installedPostgresDistribution();
      const hidden = path.join(
        privateFolder('checkout'),
        'node_modules',
        'native',
      );
      fs.cpSync(installed.dir, hidden, {
        recursive: true,
        verbatimSymlinks: true,
      });
      const distribution = { dir: hidden, version: installed.version };
      const cache = path.join(base, 'cache');
      const copy = path.join(
        cache,
        `postgresql-${installed.version}-${process.platform}-${process.arch}`,
      );
      const serverIn = (name: string) =>
        start({
          dir: path.join(base, name),
          distribution,
          reachableFolders: { distributionCache: cache },
        });
      const runningBinary = (name: string) => {
        const owner = readJsonFile<{ postmasterPid: number }>(
          path.join(base, name, 'owner.json'),
        );
        return fs.realpathSync(`/proc/${owner!.postmasterPid}/exe`);
      };

      const first = await serverIn('a');
      expect(await query(first, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(runningBinary('a')).toBe(path.join(copy, 'bin', 'postgres'));
      expect(fs.statSync(cache).mode & 0o777).toBe(0o755);

      // What a cleaner of temporary folders does to files it finds old.
      fs.rmSync(path.join(copy, 'bin', 'initdb'));
      await serverIn('b');
      expect(runningBinary('b')).toBe(path.join(copy, 'bin', 'postgres'));
      expect(fs.existsSync(path.join(copy, 'bin', 'initdb'))).toBe(true);
    }, 90_000);
  },
);
