import {
  DATABASE_ROLES,
  knownError,
  readdTemplatePath,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { lifecycleFromFacts } from '../lifecycle';
import type { KnownErrorDetector } from './KnownErrorDetector';

const ID = 'removed-from-apps-repo-but-protected';

/**
 * The definition is gone from the apps repo and ArgoCD deleted the
 * resource, but the Secrets Manager secrets are still there (not scheduled
 * for deletion): deletion protection kept the database. Secrets only
 * scheduled for deletion are the unprotected case, which that error
 * explains. The missing Kubernetes secrets and resource follow from it.
 */
export const removedButProtected: KnownErrorDetector = {
  id: ID,
  consequences: ['kubernetes-secrets-missing', 'resource-not-ready'],
  detect(facts) {
    if (lifecycleFromFacts(facts) !== 'removed-protected') return undefined;
    const { ref, names } = facts;
    const kept = DATABASE_ROLES.filter(role => {
      const sm = facts.roles[role].secretsManager;
      return sm.ok && sm.value.presence.state === 'present';
    });
    if (kept.length === 0) return undefined;
    const missing = DATABASE_ROLES.filter(role => {
      const secret = facts.roles[role].kubernetesSecret;
      return secret.ok && !secret.value;
    });
    const [readd, restore, unwanted] = knownError(ID).fix.steps;
    const appsRepo = facts.platform.appsRepo;
    return {
      detail: `The apps repo no longer defines ${ref.namespace}/${
        ref.name
      } and there is no ${
        facts.resourcePlural
      } resource, but Secrets Manager still holds ${kept
        .map(role => names.secretsManagerSecrets[role])
        .join(', ')}.${
        missing.length > 0
          ? ` The Kubernetes secrets ${missing
              .map(role => names.kubernetesSecrets[role])
              .join(', ')} are missing, so apps using them cannot start.`
          : ' The Kubernetes secrets are there, so apps using them can connect; nothing manages the database until it is defined again.'
      }`,
      steps: [
        readd,
        missing.length > 0
          ? restore
          : 'The Kubernetes secrets are there, so apps using them keep working until the pull request is merged and synced.',
        unwanted,
      ],
      link: {
        title:
          'Re-add the definition with deletion protection (Create PostgreSQL database)',
        url: readdTemplatePath(ref, {
          owner: appsRepo?.owner?.entityRef,
          description: appsRepo?.description,
        }),
      },
    };
  },
  headline(found, facts) {
    const secretsGone = DATABASE_ROLES.some(role => {
      const secret = facts.roles[role].kubernetesSecret;
      return secret.ok && !secret.value;
    });
    return {
      sentence: `Removed from the apps repo, kept by deletion protection: the database and its data remain, but nothing manages it until its definition is added again${
        secretsGone
          ? '; its Kubernetes secrets are gone too (restore them to keep apps running meanwhile)'
          : ''
      }.`,
      next: {
        kind: 're-add-definition',
        label: 'Re-add the definition',
        link: found.fix.link?.url,
      },
    };
  },
};
