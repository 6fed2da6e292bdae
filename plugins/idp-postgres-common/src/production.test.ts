import { isProductionNamespace } from './production';

describe('isProductionNamespace', () => {
  it.each<[string, boolean]>([
    ['idp-prod', true],
    ['shop-prod', true],
    ['prod', false],
    ['idp-production', false],
    ['idp-dev', false],
    ['idp-prod-tools', false],
  ])('%s with the default patterns: %s', (namespace, expected) => {
    expect(isProductionNamespace(namespace)).toBe(expected);
  });

  it('uses configured patterns instead of the default', () => {
    const patterns = ['prd-*', 'shop-live'];
    expect(isProductionNamespace('prd-orders', patterns)).toBe(true);
    expect(isProductionNamespace('shop-live', patterns)).toBe(true);
    expect(isProductionNamespace('idp-prod', patterns)).toBe(false);
  });

  it('treats no patterns as no production namespaces', () => {
    expect(isProductionNamespace('idp-prod', [])).toBe(false);
  });
});
