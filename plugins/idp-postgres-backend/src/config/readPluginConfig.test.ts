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
            namePattern: 'apps/{namespace}/{database}/{role}',
            credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' },
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
      productionNamespacePatterns: ['*-prod', 'live-*'],
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
      'a name pattern without {role}',
      {
        ...minimalCluster,
        secretsManager: { region: 'x', namePattern: 'customer/{database}' },
      },
      /must contain \{role\}/,
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

  it('accepts the keys the scaffolder module and the dev sandbox read from the same block', () => {
    expect(() =>
      read({
        clusters: [minimalCluster],
        defaultChartVersion: '1.0.4',
        secretsManagerNamePattern:
          'customer/{namespace}/{namespace}-{database}-{role}',
        sandbox: { enabled: true },
      }),
    ).not.toThrow();
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
