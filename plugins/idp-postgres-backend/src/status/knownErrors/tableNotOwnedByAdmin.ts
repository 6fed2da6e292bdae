import type { KnownErrorDetector } from './KnownErrorDetector';

/**
 * Tables or sequences another role owns: the grant SQL runs as the admin
 * role and cannot grant on them, so the fix is the report's own
 * `ALTER … OWNER TO` statements, run by someone who may.
 */
export const tableNotOwnedByAdmin: KnownErrorDetector = {
  id: 'table-not-owned-by-admin',
  detect(facts) {
    if (!facts.grants?.ok) return undefined;
    const report = facts.grants.value;
    const foreign = report.notOwnedByAdmin ?? [];
    if (foreign.length === 0) return undefined;
    return {
      detail: `${foreign
        .map(f => `public.${f.object} (${f.kind}) is owned by ${f.owner}`)
        .join(', ')}, not by ${
        report.adminRole
      }, so applying the grants cannot grant on it. Run the SQL as the current owner (it must be able to act as ${
        report.adminRole
      }) or as the cluster's master user, then apply the grants again.`,
      commands: foreign.map(f => f.fixSql),
    };
  },
  headline(found) {
    return {
      sentence: `Grants cannot reach objects the admin role does not own: ${found.detail}`,
      next: { kind: 'ask-platform-team', label: 'Ask the platform team' },
    };
  },
};
