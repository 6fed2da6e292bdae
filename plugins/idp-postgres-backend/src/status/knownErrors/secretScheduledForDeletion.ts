import {
  DatabaseRole,
  knownError,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseFacts } from '../facts';
import { deletionSentence } from '../purgeWindow';
import type { KnownErrorDetector, PartialStatus } from './KnownErrorDetector';

const ID = 'secrets-manager-secret-scheduled-for-deletion';
type KubernetesCopy = 'missing' | 'refused' | 'works' | 'unchecked' | 'unread';

function kubernetesCopy(
  facts: DatabaseFacts,
  status: PartialStatus,
  role: DatabaseRole,
): KubernetesCopy {
  const secret = facts.roles[role].kubernetesSecret;
  if (!secret.ok) return 'unread';
  if (!secret.value) return 'missing';
  const login = status.roles.find(r => r.role === role)?.login;
  if (login?.failure === 'wrong-password') return 'refused';
  return login?.state === 'ok' ? 'works' : 'unchecked';
}

const SAY: Record<KubernetesCopy, (names: string, one: boolean) => string> = {
  missing: (names, one) =>
    `Then restore the missing Kubernetes ${
      one ? 'secret' : 'secrets'
    } ${names} from the recovered copy (Restore action).`,
  refused: (names, one) =>
    `Restore ${names} with force: the database refuses ${
      one ? 'its' : 'their'
    } password (Restore action with force).`,
  works: (names, one) =>
    `${names} ${one ? 'is' : 'are'} present and ${
      one ? 'logs' : 'log'
    } in, so no Kubernetes secret needs restoring for ${one ? 'it' : 'them'}.`,
  unchecked: (names, one) =>
    `${names} ${one ? 'is' : 'are'} present but ${
      one ? 'its' : 'their'
    } login could not be checked; check the status again after cancelling.`,
  unread: (names, one) =>
    `${names} could not be read; check the status again after cancelling before restoring ${
      one ? 'it' : 'them'
    }.`,
};

/** The Kubernetes step, naming only what needs restoring. */
function kubernetesStep(
  facts: DatabaseFacts,
  status: PartialStatus,
  roles: DatabaseRole[],
): string {
  const byCopy = new Map<KubernetesCopy, string[]>();
  for (const role of roles) {
    const copy = kubernetesCopy(facts, status, role);
    byCopy.set(copy, [
      ...(byCopy.get(copy) ?? []),
      facts.names.kubernetesSecrets[role],
    ]);
  }
  return (Object.keys(SAY) as KubernetesCopy[])
    .filter(copy => byCopy.has(copy))
    .map(copy => {
      const names = byCopy.get(copy)!;
      return SAY[copy](names.join(', '), names.length === 1);
    })
    .join(' ');
}

/**
 * Role secrets scheduled for deletion in Secrets Manager. The detail says
 * when each is purged; the steps tell to restore only the Kubernetes
 * secrets that are missing or refused, not those that still work.
 */
export const secretScheduledForDeletion: KnownErrorDetector = {
  id: ID,
  // Crossplane cannot create a secret of a name scheduled for deletion, so
  // the resource fails on it.
  consequences: ['resource-not-ready'],
  detect(facts, status) {
    const scheduled = status.roles.flatMap(({ role }) => {
      const sm = facts.roles[role].secretsManager;
      return sm.ok && sm.value.presence.state === 'scheduled-for-deletion'
        ? [{ role, deletedDate: sm.value.presence.deletedDate }]
        : [];
    });
    if (scheduled.length === 0) return undefined;
    const roles = scheduled.map(s => s.role);
    const [cancel, , recreate] = knownError(ID).fix.steps;
    return {
      detail: scheduled
        .map(s =>
          deletionSentence(
            facts.names.secretsManagerSecrets[s.role],
            s.deletedDate,
          ),
        )
        .join(' '),
      roles,
      steps: [cancel, kubernetesStep(facts, status, roles), recreate],
    };
  },
  headline(found) {
    return {
      sentence: `Scheduled for deletion in Secrets Manager: ${found.detail} Cancel the deletion to keep the database.`,
      next: { kind: 'restore-secrets', label: 'Cancel the deletion' },
    };
  },
};
