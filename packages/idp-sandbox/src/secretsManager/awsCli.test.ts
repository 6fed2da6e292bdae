import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { binarySuiteTitle, hasBinary } from '../testing/binaries';
import { SecretsManagerEmulator } from './SecretsManagerEmulator';

const run = promisify(execFile);

(hasBinary('aws') ? describe : describe.skip)(
  binarySuiteTitle('aws', 'SecretsManagerEmulator with the aws CLI'),
  () => {
    const emulator = new SecretsManagerEmulator();

    // Static credentials and no user config, so the machine's AWS setup
    // cannot leak in and no real account is ever called.
    const aws = (...args: string[]) =>
      run(
        'aws',
        [
          'secretsmanager',
          ...args,
          '--endpoint-url',
          emulator.url,
          '--region',
          'eu-west-1',
          '--output',
          'json',
        ],
        {
          env: {
            ...process.env,
            AWS_ACCESS_KEY_ID: 'test',
            AWS_SECRET_ACCESS_KEY: 'test',
            AWS_CONFIG_FILE: '/dev/null',
            AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
            AWS_PAGER: '',
          },
        },
      );

    beforeAll(() => emulator.start());
    afterAll(() => emulator.stop());

    it('runs the manual force-delete procedure and shows the real errors', async () => {
      const id = 'customer/team/team-db-admin';
      const created = JSON.parse(
        (
          await aws(
            'create-secret',
            '--name',
            id,
            '--secret-string',
            '{"password":"x"}',
          )
        ).stdout,
      );
      expect(created.Name).toBe(id);

      await aws('delete-secret', '--secret-id', id);
      const read = await aws('get-secret-value', '--secret-id', id).then(
        () => '',
        (e: { stderr: string }) => e.stderr,
      );
      expect(read).toContain(
        "An error occurred (InvalidRequestException) when calling the GetSecretValue operation: You can't perform this operation on the secret because it was marked for deletion.",
      );

      const listed = JSON.parse(
        (await aws('list-secrets', '--include-planned-deletion')).stdout,
      );
      expect(listed.SecretList.map((s: { Name: string }) => s.Name)).toEqual([
        id,
      ]);

      await aws(
        'delete-secret',
        '--secret-id',
        id,
        '--force-delete-without-recovery',
      );
      const gone = await aws('describe-secret', '--secret-id', id).then(
        () => '',
        (e: { stderr: string }) => e.stderr,
      );
      expect(gone).toContain('(ResourceNotFoundException)');
      // Each aws CLI v1 start takes about a second.
    }, 30_000);
  },
);
