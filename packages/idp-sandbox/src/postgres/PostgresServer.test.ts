import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { testPostgres } from '../testing/testPostgres';
import { binarySuiteTitle, hasBinary } from '../testing/binaries';
import { superuserClientConfig } from './PostgresConnectionInfo';

const run = promisify(execFile);

describe('sandbox PostgreSQL (started by the Jest global setup)', () => {
  const info = testPostgres();

  it('serves PostgreSQL 17 over TLS verified against the sandbox CA', async () => {
    const client = new Client(superuserClientConfig(info));
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT version() AS version, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      expect(rows[0].version).toMatch(/^PostgreSQL 17\./);
      expect(rows[0].ssl).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('refuses a plain connection with the real pg_hba error', async () => {
    const client = new Client({ ...superuserClientConfig(info), ssl: false });
    const error = await client.connect().then(
      () => undefined,
      e => e,
    );
    await client.end().catch(() => {});
    expect(error).toMatchObject({ code: '28000' });
    expect(error.message).toBe(
      'no pg_hba.conf entry for host "127.0.0.1", user "postgres", database "postgres", no encryption',
    );
  });

  it('checks passwords with SCRAM (28P01 on a wrong one)', async () => {
    const client = new Client({
      ...superuserClientConfig(info),
      password: 'not-the-password',
    });
    const error = await client.connect().then(
      () => undefined,
      e => e,
    );
    await client.end().catch(() => {});
    expect(error).toMatchObject({ code: '28P01' });
    expect(error.message).not.toContain('not-the-password');
  });

  (hasBinary('psql') ? describe : describe.skip)(
    binarySuiteTitle('psql', 'with psql'),
    () => {
      it('lets psql connect with sslmode=require', async () => {
        const { stdout } = await run(
          'psql',
          [
            `host=127.0.0.1 port=${info.port} user=${info.user} dbname=postgres sslmode=require`,
            '-tAc',
            'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
          ],
          { env: { ...process.env, PGPASSWORD: info.password } },
        );
        expect(stdout.trim()).toBe('t');
      });

      it('shows psql users the no-encryption error with sslmode=disable', async () => {
        const error = await run(
          'psql',
          [
            `host=127.0.0.1 port=${info.port} user=${info.user} dbname=postgres sslmode=disable`,
            '-tAc',
            'SELECT 1',
          ],
          { env: { ...process.env, PGPASSWORD: info.password } },
        ).then(
          () => undefined,
          e => e,
        );
        expect(error?.stderr).toContain(
          'no pg_hba.conf entry for host "127.0.0.1"',
        );
        expect(error?.stderr).toContain('no encryption');
      });
    },
  );
});
