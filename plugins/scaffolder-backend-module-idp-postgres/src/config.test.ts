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

  it('reads every key', () => {
    const config = new ConfigReader({
      idpPostgres: {
        defaultChartVersion: '1.0.4',
        productionNamespacePatterns: ['*-prod', 'live-*'],
        secretsManagerNamePattern: 'db/{namespace}/{database}-{role}',
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
      { defaultChartVersion: '~0.5' },
      /defaultChartVersion: Chart version "~0.5"/,
    ],
    [
      { secretsManagerNamePattern: 'customer/{namespace}' },
      /secretsManagerNamePattern: .*must contain \{database\}/,
    ],
    [{ productionNamespacePatterns: 'x-prod' }, /productionNamespacePatterns/],
  ])('refuses %j', (block, message) => {
    expect(() =>
      readIdpPostgresActionsConfig(new ConfigReader({ idpPostgres: block })),
    ).toThrow(message);
  });
});
