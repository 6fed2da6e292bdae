import { helmEnvYaml } from './helmEnvYaml';

describe('helmEnvYaml', () => {
  it('writes values and secret references in the manual’s shape', () => {
    expect(
      helmEnvYaml([
        { name: 'DB_NAME', value: 'idp-dev-orders' },
        {
          name: 'DB_USER',
          valueFrom: {
            secretKeyRef: { name: 'idp-dev-orders-read', key: 'username' },
          },
        },
      ]),
    ).toBe(
      [
        'env:',
        '  - name: DB_NAME',
        '    value: idp-dev-orders',
        '  - name: DB_USER',
        '    valueFrom:',
        '      secretKeyRef:',
        '        name: idp-dev-orders-read',
        '        key: username',
      ].join('\n'),
    );
  });

  it('quotes values YAML would read as something else', () => {
    const yaml = helmEnvYaml([
      { name: 'DB_PORT', value: '5432' },
      { name: 'FLAG', value: 'yes' },
      { name: 'ODD', value: 'a: b' },
    ]);
    expect(yaml).toContain('value: "5432"');
    expect(yaml).toContain('value: "yes"');
    expect(yaml).toContain('value: "a: b"');
  });
});
