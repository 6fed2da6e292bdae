import { valuesKeysRejectedByChart } from './chartValues';

describe('valuesKeysRejectedByChart', () => {
  it('names keys chart 1.0 and later do not allow, at the top and in entries', () => {
    expect(
      valuesKeysRejectedByChart(
        {
          postgresqlDatabases: [
            { name: 'a', mode: 'protected' },
            { name: 'b', deletionProtection: true, size: 'large' },
          ],
          replicas: 3,
          global: { any: 'thing' },
        },
        '1.0.4',
      ),
    ).toEqual([
      'replicas',
      'postgresqlDatabases[1].deletionProtection',
      'postgresqlDatabases[1].size',
    ]);
  });

  it('allows what ArgoCD sets for every application', () => {
    expect(
      valuesKeysRejectedByChart(
        {
          postgresqlDatabases: [{ name: 'a', mode: 'standard' }],
          global: {},
          idp_oidc_provider_url: 'https://oidc.example',
          idp_aws_account: '123',
        },
        '1.0.1',
      ),
    ).toEqual([]);
  });

  it('says nothing for charts without a schema, or versions it cannot read', () => {
    const values = { postgresqlDatabases: [{ name: 'a' }], replicas: 3 };
    expect(valuesKeysRejectedByChart(values, '0.5.0')).toEqual([]);
    expect(valuesKeysRejectedByChart(values, '0.4.1')).toEqual([]);
    expect(valuesKeysRejectedByChart(values, 'latest')).toEqual([]);
  });
});
