import {
  GrantObjectKind,
  describePrivilegeObjects,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { KnownErrorDetector } from './KnownErrorDetector';

/**
 * A detector for one grant known error: the privileges of the grant report
 * on these kinds of object are missing. Its fix is the report's own SQL for
 * them, so the commands are exact for this database.
 */
export function missingGrantsDetector(options: {
  id: string;
  kinds: GrantObjectKind[];
  /** Picks this error's statements out of the report's fix SQL. */
  sql: RegExp;
}): KnownErrorDetector {
  const { id, kinds, sql } = options;
  return {
    id,
    detect(facts, status) {
      // `info`: no app uses the roles, so there is nothing to fix yet; the
      // grants check says so, and the grant report still lists the SQL.
      if (!facts.grants?.ok || status.grants.state === 'info') return undefined;
      const report = facts.grants.value;
      const missing = report.missing.filter(m => kinds.includes(m.kind));
      if (missing.length === 0) return undefined;
      // One line per role, privilege and kind, with a few names each: the
      // detail stays short at a thousand tables.
      const groups = missing.map(
        m => `${m.role}: ${m.privilege} on ${describePrivilegeObjects(m)}`,
      );
      return {
        detail: `Missing ${groups.join('; ')}.`,
        commands: report.fixSql.filter(s => sql.test(s)),
      };
    },
    headline(_found, _facts, status) {
      return {
        sentence: `Missing privileges: ${status.grants.reason}`,
        next: { kind: 'apply-grants', label: 'Apply grants' },
      };
    },
  };
}
