import type { KnownErrorDetector } from './KnownErrorDetector';

/**
 * Tables or sequences another role owns: the grant SQL runs as the admin
 * role and cannot grant on them, so the fix is the report's own
 * `ALTER … OWNER TO` statements, run by someone who may. The report holds a
 * few per owner; with more, the fix starts with its query that lists them
 * all, so nobody has to guess the rest.
 */
export const tableNotOwnedByAdmin: KnownErrorDetector = {
  id: 'table-not-owned-by-admin',
  detect(facts) {
    if (!facts.grants?.ok) return undefined;
    const report = facts.grants.value;
    const foreign = report.notOwnedByAdmin;
    if (foreign.count === 0) return undefined;
    const samples = foreign.owners.flatMap(o => o.samples);
    const owners = foreign.owners
      .map(o => `${o.owner} (${o.count.toLocaleString('en-US')})`)
      .join(', ');
    const moreOwners = foreign.ownerCount - foreign.owners.length;
    const described =
      foreign.count === 1
        ? `public.${samples[0].object} (${samples[0].kind}) is owned by ${samples[0].owner}`
        : `${foreign.count.toLocaleString(
            'en-US',
          )} tables and sequences in schema public are owned by ${owners}${
            moreOwners > 0 ? ` and ${moreOwners} more roles` : ''
          } (e.g. ${samples
            .slice(0, 5)
            .map(f => `public.${f.object}`)
            .join(', ')})`;
    const listed = samples.length < foreign.count;
    return {
      detail: `${described}, not by ${
        report.adminRole
      }, so the grant SQL cannot reach ${
        foreign.count === 1 ? 'it' : 'them'
      } (Apply grants leaves ${
        foreign.count === 1 ? 'it' : 'them'
      } out and grants the rest). Run the SQL as the current owner (it must be able to act as ${
        report.adminRole
      }) or as the cluster's master user, then apply the grants again.${
        listed
          ? ' The first query lists every one of them with its statement; the statements after it are the first few.'
          : ''
      }`,
      commands: [
        ...(listed ? [foreign.listSql] : []),
        ...samples.map(f => f.fixSql),
      ],
    };
  },
  headline(found) {
    return {
      sentence: `Grants cannot reach objects the admin role does not own: ${found.detail}`,
      next: { kind: 'ask-platform-team', label: 'Ask the platform team' },
    };
  },
};
