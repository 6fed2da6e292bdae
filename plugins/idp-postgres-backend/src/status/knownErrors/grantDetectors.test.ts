import type {
  GrantReport,
  OwnershipFinding,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { healthyFacts } from '../__testUtils__/statusFacts';
import { evaluateStatus } from '../evaluateStatus';
import type { DatabaseFacts } from '../facts';

const ref = { namespace: 'idp-dev', name: 'big' };

/** Healthy facts whose grant report is changed by `change`. */
function factsWith(change: (report: GrantReport) => void): DatabaseFacts {
  const facts = healthyFacts(ref);
  if (!facts.grants?.ok) throw new Error('healthy facts have a grant report');
  change(facts.grants.value);
  return facts;
}

const finding = (object: string): OwnershipFinding => ({
  kind: 'table',
  object,
  owner: 'migrator',
  fixSql: `ALTER TABLE "public"."${object}" OWNER TO "idp-dev-big-admin";`,
});

describe('grant detectors on a large database', () => {
  it('name each group of missing privileges once, with its count and first names', () => {
    const samples = ['a', 'b', 'c', 'd', 'e'];
    const status = evaluateStatus(
      factsWith(report => {
        report.missing = [
          {
            role: 'write',
            privilege: 'INSERT',
            kind: 'table',
            count: 1000,
            samples,
          },
          {
            role: 'read',
            privilege: 'SELECT',
            kind: 'table',
            count: 1,
            samples: ['a'],
          },
        ];
        report.fixSql = [
          'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "public" TO "idp-dev-big-write";',
          'GRANT SELECT ON ALL TABLES IN SCHEMA "public" TO "idp-dev-big-read";',
        ];
      }),
    );
    const tables = status.knownErrors.find(
      e => e.id === 'missing-table-privileges',
    );
    expect(tables?.detail).toBe(
      'Missing write: INSERT on 1,000 tables: a, b, c, d, e and 995 more; read: SELECT on table a.',
    );
    expect(status.grants.reason).toMatch(
      /^1,001 privileges of the write and read roles are missing/,
    );
  });

  it('give the listing query first when the report holds only some of the objects not owned', () => {
    const status = evaluateStatus(
      factsWith(report => {
        report.notOwnedByAdmin = {
          count: 100,
          ownerCount: 2,
          owners: [
            {
              owner: 'migrator',
              count: 99,
              samples: [finding('t1'), finding('t2')],
            },
            {
              owner: 'postgres',
              count: 1,
              samples: [{ ...finding('t3'), owner: 'postgres' }],
            },
          ],
          listSql: 'SELECT … every one of them',
        };
      }),
    );
    const found = status.knownErrors.find(
      e => e.id === 'table-not-owned-by-admin',
    );
    expect(found?.detail).toMatch(
      /^100 tables and sequences in schema public are owned by migrator \(99\), postgres \(1\) \(e\.g\. public\.t1, public\.t2, public\.t3\), not by idp-dev-big-admin, so the grant SQL cannot reach them \(Apply grants leaves them out and grants the rest\)\./,
    );
    expect(found?.detail).toMatch(/The first query lists every one of them/);
    expect(found?.fix.commands).toEqual([
      'SELECT … every one of them',
      finding('t1').fixSql,
      finding('t2').fixSql,
      'ALTER TABLE "public"."t3" OWNER TO "idp-dev-big-admin";',
    ]);
  });

  it('give only the statements when the report holds every object not owned', () => {
    const status = evaluateStatus(
      factsWith(report => {
        report.notOwnedByAdmin = {
          count: 1,
          ownerCount: 1,
          owners: [{ owner: 'migrator', count: 1, samples: [finding('t1')] }],
          listSql: 'SELECT …',
        };
      }),
    );
    const found = status.knownErrors.find(
      e => e.id === 'table-not-owned-by-admin',
    );
    expect(found?.detail).toMatch(
      /^public\.t1 \(table\) is owned by migrator, not by idp-dev-big-admin/,
    );
    expect(found?.fix.commands).toEqual([finding('t1').fixSql]);
  });
});
