import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { binarySuiteTitle, hasBinary } from '../testing/binaries';

const run = promisify(execFile);
const BIN = resolvePackagePath('@jppol-idp/idp-sandbox', 'bin/sandbox');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise(r => server.close(r));
  return port;
}

/** Runs a line the CLI printed, as a user pastes it into a shell. */
async function paste(output: string, marker: string, append = '') {
  const line = output
    .split('\n')
    .map(l => l.trim())
    .find(l => l.includes(marker));
  if (!line) throw new Error(`No line with "${marker}" in:\n${output}`);
  const command = line.replace(/^[\w -]+: (?=\S+=|kubectl|aws)/, '');
  const { stdout } = await run('bash', ['-c', `${command}${append}`], {
    timeout: 30_000,
    // No kubeconfig or AWS profile of the machine may help the printed line.
    env: { ...process.env, HOME: os.tmpdir(), KUBECONFIG: '' },
  });
  return stdout.trim();
}

/*
 * The command line as a newcomer uses it: start, seed, connect with the
 * printed lines, stop, start again with the data kept, reset. Each command
 * runs in its own process, as from a shell. Ports are free ones passed as
 * flags: without flags the CLI takes the dev backend's from app-config.
 */
(hasBinary('psql') ? describe : describe.skip)(
  binarySuiteTitle('psql', 'yarn sandbox (the command line)'),
  () => {
    let stateDir: string;
    let portFlags: string[];

    const sandbox = async (command: string, ...flags: string[]) => {
      const { stdout } = await run(
        process.execPath,
        [BIN, command, '--state-dir', stateDir, ...flags],
        { timeout: 120_000 },
      );
      return stdout;
    };

    beforeAll(async () => {
      stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-cli-'));
      // mkdtemp makes a 0700 folder; keep the cluster in place when we run as root.
      fs.chmodSync(stateDir, 0o755);
      portFlags = [
        '--postgres-port',
        String(await freePort()),
        '--kubernetes-port',
        String(await freePort()),
        '--secrets-manager-port',
        String(await freePort()),
      ];
    });

    afterAll(async () => {
      await sandbox('reset').catch(() => undefined);
      fs.rmSync(stateDir, { recursive: true, force: true });
    }, 60_000);

    it('starts, seeds, connects with the printed lines, and keeps data across a restart', async () => {
      const firstStart = await sandbox('start', ...portFlags);
      expect(firstStart).toContain('Sandbox running');
      const psql = (query: string) =>
        paste(firstStart, 'sslmode=require"', ` -Atc "${query}"`);
      expect(await psql('select 1')).toBe('1');
      const { password } = JSON.parse(
        fs.readFileSync(path.join(stateDir, 'postgres/superuser.json'), 'utf8'),
      );
      expect(firstStart).not.toContain(password);

      const seeded = await sandbox('seed');
      expect(seeded).toContain('demo-dev/orders: healthy');
      const databases =
        "select string_agg(datname, ',' order by datname) from pg_database where datname like 'demo-%'";
      const before = await psql(databases);
      expect(before.split(',')).toEqual(
        expect.arrayContaining(['demo-dev-orders', 'demo-prod-billing']),
      );

      expect(await sandbox('stop')).toContain('Sandbox stopped');
      // Like an init script's status: exit code 3 when not running.
      await expect(sandbox('status')).rejects.toMatchObject({
        code: 3,
        stdout: expect.stringContaining('not running'),
      });

      const secondStart = await sandbox('start', ...portFlags);
      // The same endpoints (the server behind the proxy may move) and the same data:
      // the line printed by the first start still works.
      const endpoints = (output: string) =>
        output
          .split('\n')
          .filter(l => !/pid \d+|the server itself is on/.test(l));
      expect(endpoints(secondStart)).toEqual(endpoints(firstStart));
      expect(await psql(databases)).toBe(before);

      await sandbox('reset');
      expect(fs.existsSync(path.join(stateDir, 'pgpass'))).toBe(false);
    }, 240_000);

    (hasBinary('kubectl') && hasBinary('aws') ? describe : describe.skip)(
      binarySuiteTitle(
        hasBinary('kubectl') ? 'aws' : 'kubectl',
        'with kubectl and aws',
      ),
      () => {
        it('prints kubectl and aws lines that work as printed', async () => {
          await sandbox('start', ...portFlags);
          try {
            await sandbox('seed');
            const status = await sandbox('status');
            const token = JSON.parse(
              fs.readFileSync(
                path.join(stateDir, 'kubernetes-token.json'),
                'utf8',
              ),
            ).token;
            expect(status).toContain(`Token:   ${token}`);
            expect(status).toContain('development-only');
            expect(status).toContain(
              `CA file: ${path.join(stateDir, 'kubernetes-ca.crt')}`,
            );

            // Namespace and name only: the AGE column moves between two calls.
            const secretsIn = (output: string) =>
              output
                .split('\n')
                .filter(l => l.startsWith('demo-dev '))
                .map(l => l.split(/\s+/).slice(0, 2).join('/'));
            const viaKubeconfig = await paste(
              status,
              `kubectl --kubeconfig ${path.join(stateDir, 'kubeconfig')}`,
            );
            expect(secretsIn(viaKubeconfig).length).toBeGreaterThan(0);
            const viaToken = await paste(status, 'without the kubeconfig:');
            expect(secretsIn(viaToken)).toEqual(secretsIn(viaKubeconfig));

            const listed = JSON.parse(
              await paste(status, 'aws --endpoint-url'),
            );
            expect(
              listed.SecretList.map((s: { Name: string }) => s.Name),
            ).toEqual(
              expect.arrayContaining([
                expect.stringMatching(/^customer\/demo-dev\//),
              ]),
            );
          } finally {
            await sandbox('stop');
          }
        }, 180_000);
      },
    );

    it.each([
      ['--kubernetes-port', 'the Kubernetes API emulator'],
      ['--secrets-manager-port', 'the Secrets Manager emulator'],
      ['--postgres-port', 'PostgreSQL'],
    ])(
      'fails to start on a taken %s, naming it, and leaves nothing running',
      async (flag, part) => {
        const blocker = net.createServer();
        await new Promise<void>(r => blocker.listen(0, '127.0.0.1', r));
        const taken = (blocker.address() as net.AddressInfo).port;
        const flags = [...portFlags];
        flags[flags.indexOf(flag) + 1] = String(taken);
        try {
          await expect(sandbox('start', ...flags)).rejects.toMatchObject({
            code: 1,
            stderr: expect.stringContaining(`Port ${taken} for ${part}`),
          });
        } finally {
          await new Promise(r => blocker.close(r));
        }
        await expect(sandbox('status')).rejects.toMatchObject({ code: 3 });
        expect(fs.existsSync(path.join(stateDir, 'postgres/owner.json'))).toBe(
          false,
        );
      },
      60_000,
    );
  },
);

/** The environment of a shell outside yarn: yarn itself sets INIT_CWD. */
function withoutInitCwd(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.INIT_CWD;
  return env;
}

describe('yarn sandbox paths', () => {
  let from: string;
  beforeEach(() => {
    from = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-sandbox-cwd-'));
  });
  afterEach(() => fs.rmSync(from, { recursive: true, force: true }));

  it('resolves a relative --state-dir against the folder the user ran yarn in (INIT_CWD)', async () => {
    // Yarn runs the script in the package folder and names the user's folder in INIT_CWD.
    const { stdout } = await run(
      process.execPath,
      [BIN, 'status', '--state-dir', 'my-state'],
      {
        cwd: path.dirname(path.dirname(BIN)),
        env: { ...process.env, INIT_CWD: from },
      },
    ).catch(e => e);
    expect(stdout).toContain(`state in ${path.join(from, 'my-state')})`);
  });

  (hasBinary('yarn') ? describe : describe.skip)(
    binarySuiteTitle('yarn', 'through yarn'),
    () => {
      it('does so from a folder inside the package', async () => {
        const inside = path.join(path.dirname(path.dirname(BIN)), 'src');
        const { stdout } = await run(
          'yarn',
          ['sandbox', 'status', '--state-dir', 'not-here'],
          { cwd: inside, env: withoutInitCwd() },
        ).catch(e => e);
        expect(stdout).toContain(`state in ${path.join(inside, 'not-here')})`);
      }, 60_000);
    },
  );
});
