import type {
  CheckResult,
  CheckState,
  DatabaseStatus,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** One row of the status table. */
export interface CheckRow {
  name: string;
  result: CheckResult;
}

/** Every check of a status, in the order a person reads them: resource, roles, grants. */
export function statusChecks(status: DatabaseStatus): CheckRow[] {
  return [
    { name: 'Database resource', result: status.resource },
    ...status.roles.flatMap(role => {
      const who = `${role.role} role (${role.roleName})`;
      const deletion = role.secretsManagerSecret.deletionDate;
      return [
        { name: `${who}: Kubernetes secret`, result: role.kubernetesSecret },
        {
          name: `${who}: Secrets Manager secret`,
          result: deletion
            ? {
                ...role.secretsManagerSecret,
                reason: `${role.secretsManagerSecret.reason} Deletion requested on ${deletion}.`,
              }
            : role.secretsManagerSecret,
        },
        { name: `${who}: secret copies agree`, result: role.secretAgreement },
        { name: `${who}: login`, result: role.login },
      ];
    }),
    { name: 'Grants of read and write', result: status.grants },
  ];
}

/** The one-sentence verdict for the overall state. */
export const VERDICTS: Record<CheckState, string> = {
  ok: 'Healthy: every check passed.',
  warning: 'Working, but something needs attention.',
  error: 'Broken: at least one check failed.',
  unknown:
    'Not every check could be run, so the health is partly unknown; the unknown checks say why.',
};
