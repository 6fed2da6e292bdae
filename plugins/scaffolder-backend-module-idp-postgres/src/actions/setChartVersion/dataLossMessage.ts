/**
 * Explains the manual's upgrade guide for a move that recreates the
 * databases, naming the Secrets Manager secrets that have to be force-deleted.
 */
export function dataLossMessage(options: {
  targetPath: string;
  from: string;
  to: string;
  databases: string[];
  secretsToForceDelete: string[];
}): string {
  const { targetPath, from, to, databases, secretsToForceDelete } = options;
  const secrets =
    secretsToForceDelete.length > 0
      ? secretsToForceDelete.join(', ')
      : 'the admin, write and read secrets of each database';
  return [
    `Moving ${targetPath} from chart ${from} to ${to} crosses chart 0.5.0, which changed the underlying resource API version:`,
    `the databases ${databases.join(
      ', ',
    )} are recreated and ALL THEIR DATA IS LOST (there is no migration between the versions).`,
    "The manual's upgrade guide: (1) back up the data and delete the database definition from the apps repo;",
    `(2) charts before 0.5.0 only soft-delete their Secrets Manager secrets, so ask IDP in your onboarding Slack channel to force-delete ${secrets}`,
    "(aws secretsmanager delete-secret --secret-id '<name>' --force-delete-without-recovery), or the new resources cannot be created;",
    '(3) re-add the database with the new chart version.',
    'If you accept losing the data, run again with acknowledgeDataLoss: true.',
  ].join(' ');
}
