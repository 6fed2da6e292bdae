import { ConfigReader } from '@backstage/config';
import { readIdpPostgresActionsConfig } from './config';

describe('readIdpPostgresActionsConfig', () => {
  it('applies the defaults to an empty config', () => {
    expect(readIdpPostgresActionsConfig(new ConfigReader({}))).toEqual({
      defaultChartVersion: '0.5.0',
      productionNamespacePatterns: ['*-prod'],
      secretsManagerNamePattern:
        'customer/{namespace}/{namespace}-{database}-{role}',
    });
  });

  it('reads its own key and the platform settings', () => {
    const config = new ConfigReader({
      idpPostgres: {
        scaffolder: { defaultChartVersion: '1.0.4' },
        platform: {
          productionNamespacePatterns: ['*-prod', 'live-*'],
          secretsManagerNamePattern: 'db/{namespace}/{database}-{role}',
        },
      },
    });
    expect(readIdpPostgresActionsConfig(config)).toEqual({
      defaultChartVersion: '1.0.4',
      productionNamespacePatterns: ['*-prod', 'live-*'],
      secretsManagerNamePattern: 'db/{namespace}/{database}-{role}',
    });
  });

  it.each([
    [
      { scaffolder: { defaultChartVersion: '~0.5' } },
      /idpPostgres\.scaffolder\.defaultChartVersion: Chart version "~0.5"/,
    ],
    [
      { platform: { secretsManagerNamePattern: 'customer/{namespace}' } },
      /idpPostgres\.platform\.secretsManagerNamePattern: .*must contain \{database\}/,
    ],
    [
      { platform: { productionNamespacePatterns: 'x-prod' } },
      /productionNamespacePatterns/,
    ],
    [
      { defaultChartVersion: '0.5.0' },
      /idpPostgres\.defaultChartVersion has moved to idpPostgres\.scaffolder\.defaultChartVersion/,
    ],
  ])('refuses %j', (block, message) => {
    expect(() =>
      readIdpPostgresActionsConfig(new ConfigReader({ idpPostgres: block })),
    ).toThrow(message);
  });
});
