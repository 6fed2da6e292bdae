import { grantReport, healthyStatus } from '../../__testUtils__/fixtures';
import { matrixRows, problemLines } from './matrixRows';

describe('matrixRows', () => {
  it('makes a row per role and a cell per check, privileges not applying to admin', () => {
    const rows = matrixRows(healthyStatus());
    expect(rows.map(r => r.role)).toEqual(['admin', 'write', 'read']);
    expect(rows[0].cells.map(c => c.column)).toEqual([
      'kubernetesSecret',
      'secretsManagerSecret',
      'secretAgreement',
      'login',
      'privileges',
    ]);
    expect(rows[0].cells[4].result).toBeUndefined();
    expect(rows[1].cells[4].result?.state).toBe('ok');
  });

  it('names a role’s missing privileges, three groups at most', () => {
    const status = healthyStatus();
    status.state = 'warning';
    status.grants = {
      state: 'warning',
      reason: 'App demo-dev/shop reads the write role.',
      report: grantReport({
        missing: [
          {
            role: 'write',
            privilege: 'USAGE',
            kind: 'schema',
            count: 1,
            samples: ['public'],
          },
          {
            role: 'write',
            privilege: 'INSERT',
            kind: 'table',
            count: 1,
            samples: ['a'],
          },
          {
            role: 'write',
            privilege: 'USAGE',
            kind: 'sequence',
            count: 1200,
            samples: ['a_id_seq', 'b_id_seq'],
          },
          {
            role: 'write',
            privilege: 'SELECT',
            kind: 'default-tables',
            count: 1,
            samples: ['public'],
          },
        ],
      }),
    };
    const [, write, read] = matrixRows(status);
    expect(write.cells[4].result).toEqual({
      state: 'warning',
      reason:
        'The write role misses USAGE on schema public; INSERT on table a; USAGE on 1,200 sequences: a_id_seq, b_id_seq and 1,198 more; 1 more in the Grants section. App demo-dev/shop reads the write role.',
    });
    expect(read.cells[4].result?.state).toBe('ok');
  });

  it('takes the grants check as it is when there is no report', () => {
    const status = healthyStatus();
    status.grants = {
      state: 'unknown',
      reason: 'Grants not checked: no admin login.',
    };
    expect(matrixRows(status)[2].cells[4].result).toEqual(status.grants);
  });

  it('gives the deletion date once when the backend’s reason has it already', () => {
    const status = healthyStatus();
    status.roles[0].secretsManagerSecret = {
      state: 'error',
      reason: 'Secret x was deleted on 2026-12-01T08:00:00Z.',
      deletionDate: '2026-12-01T08:00:00Z',
    };
    expect(matrixRows(status)[0].cells[1].result?.reason).toBe(
      'Secret x was deleted on 2026-12-01T08:00:00Z.',
    );
  });
});

describe('problemLines', () => {
  it('lists what is not OK worst first, each shared reason once', () => {
    const status = healthyStatus();
    for (const role of status.roles) {
      role.kubernetesSecret = {
        state: 'error',
        reason: `Kubernetes secret ${role.roleName} is missing.`,
      };
      role.secretAgreement = {
        state: 'unknown',
        reason: 'Not compared: the Kubernetes secret is missing.',
      };
    }
    status.grants = { state: 'info', reason: 'No app uses read or write.' };
    const lines = problemLines(matrixRows(status));
    expect(lines.map(l => [l.state, l.where.length])).toEqual([
      ['error', 1],
      ['error', 1],
      ['error', 1],
      ['unknown', 3],
      ['info', 2],
    ]);
    expect(lines[3].where).toEqual([
      'admin role, Copies agree',
      'write role, Copies agree',
      'read role, Copies agree',
    ]);
  });
});
