import {
  DatabaseRef,
  databaseName,
  databaseTabPath,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { templateReference } from '../templateNames';

/**
 * What merging the removal of a database's definition does, in a sentence
 * for the form, the pull request and the task's output. Deletion protection
 * decides between "everything is gone" and "only the Kubernetes side goes".
 */
export function removalConsequence(
  ref: DatabaseRef,
  options: { protected: boolean; softDeletesSecrets: boolean },
): string {
  const database = databaseName(ref);
  if (options.protected) {
    return [
      `${ref.namespace}/${ref.name} has deletion protection: merging the removal deletes only its Kubernetes side (the database resource and the role secrets ${database}-admin, -write and -read in ${ref.namespace}, so apps using them lose their credentials).`,
      `The PostgreSQL database ${database}, ALL ITS DATA and its Secrets Manager secrets stay.`,
      `To restore it, add the definition again with ${templateReference(
        'create',
      )} (same namespace and name: it re-attaches to the existing database), or restore the Kubernetes secrets from Secrets Manager on its PostgreSQL tab (${databaseTabPath(
        ref,
      )}).`,
    ].join(' ');
  }
  return [
    `${ref.namespace}/${ref.name} has no deletion protection: merging the removal deletes the PostgreSQL database ${database} with ALL ITS DATA, its roles and their secrets. This cannot be undone.`,
    ...(options.softDeletesSecrets
      ? [
          'Its chart only schedules the Secrets Manager secrets for deletion, so adding a database of the same name again needs them force-deleted by a platform admin first.',
        ]
      : []),
  ].join(' ');
}
