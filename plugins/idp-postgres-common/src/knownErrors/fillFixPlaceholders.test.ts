import { knownError } from './catalogue';
import { fillFixPlaceholders } from './fillFixPlaceholders';

describe('fillFixPlaceholders', () => {
  it('writes one command per affected role with its names', () => {
    const fix = fillFixPlaceholders(
      knownError('kubernetes-secrets-missing').fix,
      {
        namespace: 'idp-dev',
        database: 'kdb1',
        roles: [
          { role: 'write', secretId: 'customer/idp-dev/idp-dev-kdb1-write' },
          { role: 'read', secretId: 'customer/idp-dev/idp-dev-kdb1-read' },
        ],
      },
    );
    expect(fix.commands).toHaveLength(2);
    expect(fix.commands![0]).toMatch(
      /^kubectl create secret generic idp-dev-kdb1-write -n idp-dev .*--from-literal=username=idp-dev-kdb1-write /,
    );
    expect(fix.commands![1]).toContain('idp-dev-kdb1-read -n idp-dev');
    expect(fix.commands!.join('\n')).not.toMatch(/\{\w+\}/);
  });

  it('fills secret ids and keeps the steps and action', () => {
    const entry = knownError('secrets-manager-secret-scheduled-for-deletion');
    const fix = fillFixPlaceholders(entry.fix, {
      namespace: 'demo-prod',
      database: 'reports',
      roles: [
        { role: 'read', secretId: 'customer/demo-prod/demo-prod-reports-read' },
      ],
    });
    expect(fix.commands).toEqual([
      "aws secretsmanager restore-secret --secret-id 'customer/demo-prod/demo-prod-reports-read'",
      "aws secretsmanager delete-secret --secret-id 'customer/demo-prod/demo-prod-reports-read' --force-delete-without-recovery",
    ]);
    expect(fix.steps).toEqual(entry.fix.steps);
  });

  it('fills the database into steps, so a person can run what they name', () => {
    const fix = fillFixPlaceholders(knownError('chart-below-0-5-0').fix, {
      namespace: 'demo-prod',
      database: 'reports',
    });
    expect(fix.steps).toContain(
      'Delete the PostgresqlDatabase resource if it is still there (kubectl delete postgresqldatabases reports -n demo-prod), so Crossplane recreates all the resources.',
    );
    expect(fix.steps.join('\n')).not.toMatch(/\{\w+\}/);
  });

  it('leaves role placeholders alone when no role is known', () => {
    const fix = fillFixPlaceholders(
      { steps: ['x'], commands: ['echo {namespace}/{secretId}'] },
      { namespace: 'n', database: 'd' },
    );
    expect(fix.commands).toEqual(['echo n/{secretId}']);
  });

  it('returns a fix without commands unchanged', () => {
    const fix = {
      steps: ['Apply the grants.'],
      action: 'apply-grants' as const,
    };
    expect(fillFixPlaceholders(fix, { namespace: 'n', database: 'd' })).toEqual(
      fix,
    );
  });
});
