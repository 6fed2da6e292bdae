import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { readPluginConfig } from './readPluginConfig';
import { clusterForNamespace } from './clusterForNamespace';

const minimalCluster = {
  name: 'dev',
  namespaces: ['idp-dev'],
  kubernetes: { auth: 'inCluster' },
  secretsManager: { region: 'eu-west-1' },
};

function read(idpPostgres: unknown) {
  return readPluginConfig(
    new ConfigReader(idpPostgres === undefined ? {} : ({ idpPostgres } as any)),
  );
}

describe('readPluginConfig', () => {
  it('applies the defaults to a minimal cluster', () => {
    const config = read({ clusters: [minimalCluster] });
    expect(config.proxy).toEqual({
      namespace: 'rds-proxy',
      service: 'rds-proxy-idp-rds-proxy',
      port: 5432,
    });
    expect(config.clusters[0]).toEqual({
      name: 'dev',
      namespaces: ['idp-dev'],
      kubernetes: { auth: 'inCluster' },
      secretsManager: {
        region: 'eu-west-1',
        namePattern: 'customer/{namespace}/{namespace}-{database}-{role}',
      },
      postgres: {
        host: 'rds-proxy-idp-rds-proxy.rds-proxy.svc.cluster.local',
        port: 5432,
        ssl: { mode: 'no-verify' },
      },
      customResource: {
        group: 'idp.jppol.dk',
        version: 'v1alpha1',
        plural: 'postgresqldatabases',
      },
      restore: {
        target: 'secret',
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets' },
      },
    });
    expect(config.productionNamespacePatterns).toEqual(['*-prod']);
    expect(config.timeouts).toEqual({
      kubernetes: 5000,
      secretsManager: 5000,
      postgres: 5000,
    });
    expect(config.cacheTtlMs).toBe(30_000);
    expect(config.cacheMaxBytes).toBe(64 * 1024 * 1024);
    expect(config.links).toEqual({});
    // The plugin cannot read Aurora's snapshot settings, so it says so.
    expect(config.backups).toEqual({
      policy: expect.stringMatching(
        /^The platform's Aurora snapshot policy is not configured in Backstage \(idpPostgres\.backups\.policy\)/,
      ),
    });
  });

  it('reads the backup policy the platform team states, and refuses one without a sentence', () => {
    const backups = {
      policy: 'Aurora keeps automated snapshots for 14 days.',
      link: 'https://docs.example.com/backups',
    };
    expect(read({ clusters: [minimalCluster], backups }).backups).toEqual(
      backups,
    );
    expect(() =>
      read({ clusters: [minimalCluster], backups: { link: backups.link } }),
    ).toThrow(/idpPostgres\.backups\.policy/);
  });

  it('reads every option that is set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-postgres-config-'));
    const caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nx\n');
    const config = read({
      clusters: [
        {
          ...minimalCluster,
          kubernetes: {
            auth: 'url',
            url: 'http://127.0.0.1:6443',
            token: 'a-token',
            skipTLSVerify: true,
          },
          secretsManager: {
            region: 'eu-north-1',
            endpoint: 'http://127.0.0.1:4566',
            accountId: '123456789012',
          },
          postgres: {
            host: '127.0.0.1',
            port: 15432,
            ssl: { mode: 'verify-full', caFile, servername: 'localhost' },
          },
          customResource: { group: 'example.com', plural: 'databases' },
          restore: {
            target: 'external-secret',
            secretStoreRef: { kind: 'SecretStore', name: 'team-store' },
          },
        },
        {
          name: 'prod',
          namespaces: ['idp-prod'],
          kubernetes: { auth: 'kubeconfig', context: 'prod' },
          secretsManager: { region: 'eu-west-1' },
        },
      ],
      proxy: { port: 6432 },
      links: { slack: 'https://slack.example.com/c' },
      platform: {
        productionNamespacePatterns: ['*-prod', 'live-*'],
        secretsManagerNamePattern: 'apps/{namespace}/{database}/{role}',
        appsRepoUrl: 'https://github.com/acme/apps/tree/main',
      },
      timeouts: { postgresMs: 1500 },
      cacheTtlSeconds: 0,
      cacheMaxMegabytes: 0.5,
    });
    const [dev, prod] = config.clusters;
    expect(dev.kubernetes).toEqual({
      auth: 'url',
      url: 'http://127.0.0.1:6443',
      token: 'a-token',
      skipTLSVerify: true,
    });
    expect(dev.postgres.ssl).toEqual({
      mode: 'verify-full',
      caFile,
      servername: 'localhost',
      ca: '-----BEGIN CERTIFICATE-----\nx\n',
    });
    expect(dev.customResource).toEqual({
      group: 'example.com',
      version: 'v1alpha1',
      plural: 'databases',
    });
    expect(dev.restore).toEqual({
      target: 'external-secret',
      secretStoreRef: { kind: 'SecretStore', name: 'team-store' },
    });
    expect(prod.restore.target).toBe('secret');
    expect(prod.kubernetes).toEqual({ auth: 'kubeconfig', context: 'prod' });
    expect(prod.postgres.port).toBe(6432);
    expect(config.timeouts.postgres).toBe(1500);
    expect(config.timeouts.kubernetes).toBe(5000);
    expect(config.cacheTtlMs).toBe(0);
    expect(config.cacheMaxBytes).toBe(512 * 1024);
    expect(config.productionNamespacePatterns).toEqual(['*-prod', 'live-*']);
    // One Secrets Manager name pattern, the platform's, for every cluster.
    expect(dev.secretsManager).toEqual({
      region: 'eu-north-1',
      endpoint: 'http://127.0.0.1:4566',
      accountId: '123456789012',
      namePattern: 'apps/{namespace}/{database}/{role}',
    });
    expect(prod.secretsManager.namePattern).toBe(
      'apps/{namespace}/{database}/{role}',
    );
    expect(config.inventory.appsRepoUrl).toBe(
      'https://github.com/acme/apps/tree/main',
    );
  });

  it('reads numbers and booleans given as strings, as environment substitutions give them', () => {
    const config = read({
      clusters: [
        {
          ...minimalCluster,
          kubernetes: {
            auth: 'url',
            url: 'http://127.0.0.1:6443',
            skipTLSVerify: 'true',
          },
          secretsManager: { region: 'eu-west-1', accountId: 123456789012 },
          postgres: { port: '15432' },
        },
      ],
      timeouts: { kubernetesMs: '2500' },
      cacheTtlSeconds: '0',
      maxPostgresConnections: ' 4 ',
      inventory: { refreshIntervalSeconds: '60', concurrency: '2' },
    });
    expect(config.clusters[0].kubernetes).toMatchObject({
      skipTLSVerify: true,
    });
    expect(config.clusters[0].postgres.port).toBe(15432);
    expect(config.clusters[0].secretsManager.accountId).toBe('123456789012');
    expect(config.timeouts.kubernetes).toBe(2500);
    expect(config.cacheTtlMs).toBe(0);
    expect(config.maxPostgresConnections).toBe(4);
    expect(config.inventory).toMatchObject({
      refreshIntervalMs: 60_000,
      concurrency: 2,
    });
    expect(() =>
      read({ clusters: [minimalCluster], cacheTtlSeconds: '30s' }),
    ).toThrow(/idpPostgres\.cacheTtlSeconds/);
    expect(() =>
      read({ clusters: [minimalCluster], cacheTtlSeconds: '' }),
    ).toThrow(/idpPostgres\.cacheTtlSeconds/);
  });

  it('waits a day for a watched database unless configured, and reads the app URL for links', () => {
    expect(read({ clusters: [minimalCluster] }).notifications).toEqual({
      watchMs: 24 * 3_600_000,
    });
    const config = readPluginConfig(
      new ConfigReader({
        app: { baseUrl: 'https://backstage.example/' },
        idpPostgres: {
          clusters: [minimalCluster],
          notifications: { watchHours: 2 },
        },
      }),
    );
    expect(config.notifications.watchMs).toBe(2 * 3_600_000);
    expect(config.appBaseUrl).toBe('https://backstage.example');
    expect(() =>
      read({ clusters: [minimalCluster], notifications: { watchHours: 0 } }),
    ).toThrow(/idpPostgres\.notifications\.watchHours/);
  });

  it('reads no config block as no clusters yet', () => {
    expect(read(undefined).clusters).toEqual([]);
    expect(read({}).clusters).toEqual([]);
  });

  it.each([
    [
      'plain PostgreSQL',
      { ...minimalCluster, postgres: { ssl: { mode: 'disable' } } },
      /clusters\[0\]\.postgres\.ssl\.mode/,
    ],
    [
      'verify-full without a CA',
      { ...minimalCluster, postgres: { ssl: { mode: 'verify-full' } } },
      /clusters\[0\]\.postgres\.ssl\.caFile/,
    ],
    [
      'a URL cluster without a URL',
      { ...minimalCluster, kubernetes: { auth: 'url' } },
      /clusters\[0\]\.kubernetes\.url/,
    ],
    [
      'an unknown auth',
      { ...minimalCluster, kubernetes: { auth: 'magic' } },
      /clusters\[0\]\.kubernetes\.auth/,
    ],
    [
      'an account ID that is not 12 digits',
      { ...minimalCluster, secretsManager: { region: 'x', accountId: '1234' } },
      /clusters\[0\]\.secretsManager\.accountId: an AWS account ID is 12 digits/,
    ],
    [
      'a misspelt key',
      { ...minimalCluster, namespace: ['idp-dev'] },
      /clusters\[0\]: Unrecognized key.*namespace/,
    ],
    [
      'no namespaces',
      { ...minimalCluster, namespaces: [] },
      /clusters\[0\]\.namespaces/,
    ],
  ])('rejects %s with the key in the message', (_, cluster, message) => {
    expect(() => read({ clusters: [cluster] })).toThrow(message);
  });

  it('accepts the blocks the scaffolder module and the dev sandbox read from the same key', () => {
    expect(() =>
      read({
        clusters: [minimalCluster],
        scaffolder: { defaultChartVersion: '1.0.4' },
        sandbox: { enabled: true },
      }),
    ).not.toThrow();
  });

  it('refuses a bad platform setting, naming its key', () => {
    expect(() =>
      read({
        clusters: [minimalCluster],
        platform: { secretsManagerNamePattern: 'customer/{database}' },
      }),
    ).toThrow(
      /idpPostgres\.platform\.secretsManagerNamePattern: .*must contain \{role\}/,
    );
  });

  it('names where each setting of an earlier release lives now', () => {
    expect(() =>
      read({
        clusters: [
          {
            ...minimalCluster,
            secretsManager: {
              region: 'x',
              namePattern: 'a/{database}-{role}',
              credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' },
            },
          },
        ],
      }),
    ).toThrow(
      "Config has changed: idpPostgres.clusters[0].secretsManager.namePattern has moved to idpPostgres.platform.secretsManagerNamePattern (one pattern for every cluster); idpPostgres.clusters[0].secretsManager.credentials has moved to aws.mainAccount or aws.accounts (@backstage/integration-aws-node); name the cluster's account with idpPostgres.clusters[0].secretsManager.accountId",
    );
    expect(() =>
      read({
        clusters: [minimalCluster],
        inventory: { appsRepoUrl: 'https://github.com/acme/apps/tree/main' },
      }),
    ).toThrow(
      'Config has changed: idpPostgres.inventory.appsRepoUrl has moved to idpPostgres.platform.appsRepoUrl',
    );
  });

  it('still rejects a misspelt top-level key', () => {
    expect(() =>
      read({ clusters: [minimalCluster], cacheTTLSeconds: 5 }),
    ).toThrow(/Unrecognized key.*cacheTTLSeconds/);
  });

  it('rejects a negative timeout and a non-numeric port', () => {
    expect(() =>
      read({ clusters: [minimalCluster], timeouts: { kubernetesMs: -1 } }),
    ).toThrow(/idpPostgres\.timeouts\.kubernetesMs/);
    expect(() =>
      read({ clusters: [minimalCluster], proxy: { port: 'x' } }),
    ).toThrow(/idpPostgres\.proxy\.port/);
  });

  it('rejects a status cache without room', () => {
    expect(() =>
      read({ clusters: [minimalCluster], cacheMaxMegabytes: 0 }),
    ).toThrow(/idpPostgres\.cacheMaxMegabytes/);
  });

  it('rejects a CA file that cannot be read', () => {
    expect(() =>
      read({
        clusters: [
          {
            ...minimalCluster,
            postgres: {
              ssl: { mode: 'verify-full', caFile: '/nonexistent/ca.pem' },
            },
          },
        ],
      }),
    ).toThrow(/caFile "\/nonexistent\/ca.pem" cannot be read \(ENOENT\)/);
  });

  it('rejects a namespace served by two clusters', () => {
    expect(() =>
      read({
        clusters: [minimalCluster, { ...minimalCluster, name: 'other' }],
      }),
    ).toThrow(/"idp-dev" is served by both cluster "dev" and "other"/);
  });

  it('never repeats a secret value in an error', () => {
    let message = '';
    try {
      read({
        clusters: [
          {
            ...minimalCluster,
            kubernetes: { auth: 'url', url: 'not a url', token: 'tok-SECRET' },
          },
        ],
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/kubernetes\.url/);
    expect(message).not.toContain('tok-SECRET');
  });
});

describe('clusterForNamespace', () => {
  const config = read({ clusters: [minimalCluster] });

  it('finds the cluster serving a namespace', () => {
    expect(clusterForNamespace(config, 'idp-dev').name).toBe('dev');
  });

  it('reports a namespace no cluster serves as not found', () => {
    expect(() => clusterForNamespace(config, 'other')).toThrow(NotFoundError);
  });
});
