import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SecretsManagerEmulator } from './SecretsManagerEmulator';

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    e => e as Error & { name: string; $metadata?: { httpStatusCode?: number } },
  );
}

describe('SecretsManagerEmulator with the AWS SDK', () => {
  const emulator = new SecretsManagerEmulator();
  let client: SecretsManagerClient;

  beforeAll(async () => {
    await emulator.start();
    client = new SecretsManagerClient({
      endpoint: emulator.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await emulator.stop();
  });

  afterEach(() => emulator.faults.clear());

  it('creates, reads and rotates a value', async () => {
    const created = await client.send(
      new CreateSecretCommand({
        Name: 'customer/a/a-db-admin',
        SecretString: '{"v":1}',
      }),
    );
    expect(created.ARN).toMatch(
      /^arn:aws:secretsmanager:eu-west-1:\d{12}:secret:customer\/a\/a-db-admin-.{6}$/,
    );
    const put = await client.send(
      new PutSecretValueCommand({
        SecretId: 'customer/a/a-db-admin',
        SecretString: '{"v":2}',
      }),
    );
    const value = await client.send(
      new GetSecretValueCommand({ SecretId: created.ARN }),
    );
    expect(value).toMatchObject({
      Name: 'customer/a/a-db-admin',
      SecretString: '{"v":2}',
      VersionId: put.VersionId,
      VersionStages: ['AWSCURRENT'],
    });
    expect(value.CreatedDate).toBeInstanceOf(Date);
    const previous = await client.send(
      new GetSecretValueCommand({
        SecretId: 'customer/a/a-db-admin',
        VersionStage: 'AWSPREVIOUS',
      }),
    );
    expect(previous.SecretString).toBe('{"v":1}');

    const again = await rejection(
      client.send(
        new CreateSecretCommand({
          Name: 'customer/a/a-db-admin',
          SecretString: 'x',
        }),
      ),
    );
    expect(again).toBeInstanceOf(ResourceExistsException);
    expect(again.message).toBe(
      'The operation failed because the secret customer/a/a-db-admin already exists.',
    );
  });

  it('answers ResourceNotFoundException for unknown secrets', async () => {
    const error = await rejection(
      client.send(new GetSecretValueCommand({ SecretId: 'nope' })),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe(
      "Secrets Manager can't find the specified secret.",
    );
  });

  it('schedules deletion, refuses reads and re-creation, restores, and force-deletes', async () => {
    const name = 'customer/b/b-db-read';
    await client.send(
      new CreateSecretCommand({ Name: name, SecretString: 'pw' }),
    );
    const deleted = await client.send(
      new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }),
    );
    const described = await client.send(
      new DescribeSecretCommand({ SecretId: name }),
    );
    expect(described.DeletedDate).toBeInstanceOf(Date);
    expect(
      deleted.DeletionDate!.getTime() - described.DeletedDate!.getTime(),
    ).toBeCloseTo(7 * 24 * 3600 * 1000, -3);

    const read = await rejection(
      client.send(new GetSecretValueCommand({ SecretId: name })),
    );
    expect(read).toBeInstanceOf(InvalidRequestException);
    expect(read.message).toBe(
      "You can't perform this operation on the secret because it was marked for deletion.",
    );
    const recreate = await rejection(
      client.send(new CreateSecretCommand({ Name: name, SecretString: 'pw2' })),
    );
    expect(recreate).toBeInstanceOf(InvalidRequestException);
    expect(recreate.message).toBe(
      "You can't create this secret because a secret with this name is already scheduled for deletion.",
    );

    await client.send(new RestoreSecretCommand({ SecretId: name }));
    expect(
      (await client.send(new GetSecretValueCommand({ SecretId: name })))
        .SecretString,
    ).toBe('pw');

    await client.send(new DeleteSecretCommand({ SecretId: name }));
    await client.send(
      new DeleteSecretCommand({
        SecretId: name,
        ForceDeleteWithoutRecovery: true,
      }),
    );
    await client.send(
      new CreateSecretCommand({ Name: name, SecretString: 'fresh' }),
    );
    expect(
      (await client.send(new GetSecretValueCommand({ SecretId: name })))
        .SecretString,
    ).toBe('fresh');

    const both = await rejection(
      client.send(
        new DeleteSecretCommand({
          SecretId: name,
          ForceDeleteWithoutRecovery: true,
          RecoveryWindowInDays: 7,
        }),
      ),
    );
    expect(both.name).toBe('InvalidParameterException');
    const short = await rejection(
      client.send(
        new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 3 }),
      ),
    );
    expect(short.message).toBe(
      'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
    );
  });

  it('purges a scheduled secret once its recovery window has passed', async () => {
    const name = 'customer/c/expiring';
    await client.send(
      new CreateSecretCommand({ Name: name, SecretString: 'x' }),
    );
    await client.send(
      new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }),
    );
    const realNow = emulator.store.now;
    emulator.store.now = () => realNow() + 8 * 24 * 3600;
    try {
      const error = await rejection(
        client.send(new DescribeSecretCommand({ SecretId: name })),
      );
      expect(error).toBeInstanceOf(ResourceNotFoundException);
    } finally {
      emulator.store.now = realNow;
    }
  });

  it('lists with name filters, planned deletions and pages', async () => {
    for (let i = 0; i < 5; i++) {
      await client.send(
        new CreateSecretCommand({
          Name: `customer/list/s${i}`,
          SecretString: `${i}`,
        }),
      );
    }
    await client.send(
      new DeleteSecretCommand({ SecretId: 'customer/list/s4' }),
    );
    const filter = [{ Key: 'name' as const, Values: ['customer/list/'] }];
    const visible = await client.send(
      new ListSecretsCommand({ Filters: filter }),
    );
    expect(visible.SecretList!.map(s => s.Name)).toEqual(
      [0, 1, 2, 3].map(i => `customer/list/s${i}`),
    );
    const withPlanned = await client.send(
      new ListSecretsCommand({ Filters: filter, IncludePlannedDeletion: true }),
    );
    expect(withPlanned.SecretList).toHaveLength(5);
    expect(withPlanned.SecretList![4].DeletedDate).toBeInstanceOf(Date);

    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const pageResult = await client.send(
        new ListSecretsCommand({
          Filters: filter,
          MaxResults: 3,
          NextToken: token,
        }),
      );
      names.push(...pageResult.SecretList!.map(s => s.Name!));
      token = pageResult.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(names).toHaveLength(4);

    const negated = await client.send(
      new ListSecretsCommand({
        Filters: [
          { Key: 'name', Values: ['customer/list/', '!customer/list/s0'] },
        ],
      }),
    );
    expect(negated.SecretList!.map(s => s.Name)).not.toContain(
      'customer/list/s0',
    );
  });

  it('batch-gets up to 20 secrets with per-secret errors', async () => {
    await client.send(
      new CreateSecretCommand({
        Name: 'customer/batch/ok',
        SecretString: 'ok',
      }),
    );
    await client.send(
      new CreateSecretCommand({
        Name: 'customer/batch/gone',
        SecretString: 'x',
      }),
    );
    await client.send(
      new DeleteSecretCommand({ SecretId: 'customer/batch/gone' }),
    );
    const result = await client.send(
      new BatchGetSecretValueCommand({
        SecretIdList: [
          'customer/batch/ok',
          'customer/batch/missing',
          'customer/batch/gone',
        ],
      }),
    );
    expect(result.SecretValues!.map(v => v.SecretString)).toEqual(['ok']);
    expect(result.Errors!.map(e => [e.SecretId, e.ErrorCode])).toEqual([
      ['customer/batch/missing', 'ResourceNotFoundException'],
      ['customer/batch/gone', 'InvalidRequestException'],
    ]);
    const tooMany = await rejection(
      client.send(
        new BatchGetSecretValueCommand({
          SecretIdList: Array.from({ length: 21 }, (_, i) => `s${i}`),
        }),
      ),
    );
    expect(tooMany.name).toBe('ValidationException');
    const byFilter = await client.send(
      new BatchGetSecretValueCommand({
        Filters: [{ Key: 'name', Values: ['customer/batch/'] }],
      }),
    );
    expect(byFilter.SecretValues!.map(v => v.Name)).toEqual([
      'customer/batch/ok',
    ]);
  });

  it('injects throttling, server errors, latency and malformed bodies per operation', async () => {
    await client.send(
      new CreateSecretCommand({ Name: 'customer/f/x', SecretString: 'x' }),
    );
    emulator.faults.set('GetSecretValue', { status: 429 });
    const throttled = await rejection(
      client.send(new GetSecretValueCommand({ SecretId: 'customer/f/x' })),
    );
    expect(throttled.name).toBe('ThrottlingException');
    expect(throttled.$metadata?.httpStatusCode).toBe(429);
    // DescribeSecret has no rule and still works.
    await expect(
      client.send(new DescribeSecretCommand({ SecretId: 'customer/f/x' })),
    ).resolves.toBeDefined();

    emulator.faults.set('GetSecretValue', { status: 500 });
    const failed = await rejection(
      client.send(new GetSecretValueCommand({ SecretId: 'customer/f/x' })),
    );
    expect(failed.name).toBe('InternalServiceError');

    emulator.faults.set('GetSecretValue', { malformedBody: true });
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: 'customer/f/x' })),
    ).rejects.toThrow();

    emulator.faults.set('GetSecretValue', { delayMs: 200 });
    const started = Date.now();
    await client.send(new GetSecretValueCommand({ SecretId: 'customer/f/x' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
