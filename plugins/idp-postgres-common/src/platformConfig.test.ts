import { ConfigReader } from '@backstage/config';
import { movedConfigKeys, readPlatformConfig } from './platformConfig';

const read = (platform: object) =>
  readPlatformConfig(new ConfigReader({ idpPostgres: { platform } }));

describe('readPlatformConfig', () => {
  it('applies the defaults when nothing is configured', () => {
    expect(readPlatformConfig(new ConfigReader({}))).toEqual({
      appsRepoUrl: undefined,
      productionNamespacePatterns: ['*-prod'],
      secretsManagerNamePattern:
        'customer/{namespace}/{namespace}-{database}-{role}',
    });
  });

  it('reads every setting', () => {
    expect(
      read({
        appsRepoUrl: 'https://github.com/acme/apps/tree/main',
        productionNamespacePatterns: ['*-prod', 'live-*'],
        secretsManagerNamePattern: 'db/{namespace}/{database}-{role}',
      }),
    ).toEqual({
      appsRepoUrl: 'https://github.com/acme/apps/tree/main',
      productionNamespacePatterns: ['*-prod', 'live-*'],
      secretsManagerNamePattern: 'db/{namespace}/{database}-{role}',
    });
  });

  it.each([
    [
      { appsRepoUrl: 'github.com/acme/apps' },
      /platform\.appsRepoUrl: .* not an http\(s\) URL/,
    ],
    [{ appsRepoUrl: 'file:///etc/passwd' }, /platform\.appsRepoUrl/],
    [
      { productionNamespacePatterns: ['*-prod', ' '] },
      /productionNamespacePatterns: a pattern is empty/,
    ],
    [
      { secretsManagerNamePattern: 'db/{namespace}' },
      /secretsManagerNamePattern: .* must contain \{database\}/,
    ],
    [
      { secretsManagerNamePattern: 'db/{database}-{role}-{team}' },
      /unknown placeholder \{team\}/,
    ],
  ])('refuses %j, naming the key', (platform, message) => {
    expect(() => read(platform)).toThrow(message);
  });

  it('names every setting of an earlier release and where it lives now', () => {
    const config = new ConfigReader({
      idpPostgres: {
        defaultChartVersion: '0.5.0',
        productionNamespacePatterns: ['*-prod'],
        secretsManagerNamePattern: 'a/{database}-{role}',
        inventory: { appsRepoUrl: 'https://github.com/acme/apps/tree/main' },
      },
    });
    expect(movedConfigKeys(config)).toEqual([
      'idpPostgres.inventory.appsRepoUrl has moved to idpPostgres.platform.appsRepoUrl',
      'idpPostgres.productionNamespacePatterns has moved to idpPostgres.platform.productionNamespacePatterns',
      'idpPostgres.secretsManagerNamePattern has moved to idpPostgres.platform.secretsManagerNamePattern',
      'idpPostgres.defaultChartVersion has moved to idpPostgres.scaffolder.defaultChartVersion',
    ]);
    expect(() => readPlatformConfig(config)).toThrow(
      /^Config has changed: idpPostgres\.inventory\.appsRepoUrl has moved/,
    );
  });
});
