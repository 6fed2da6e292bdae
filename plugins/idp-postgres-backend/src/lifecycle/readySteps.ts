import {
  DATABASE_ROLES,
  ProvisioningStepState,
  formatDatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseResource } from '../kubernetes/KubernetesGateway';
import type { Outcome } from '../status/outcome';
import type { InventoryView, ProgressFacts } from './progressFacts';

/** Reads an outcome's value, listing the part as unknown when it failed. */
export type NoteUnknown = <T>(
  part: string,
  outcome: Outcome<T>,
) => T | undefined;

/** What the steps are judged from, with unreadable parts already noted. */
export interface StepInputs {
  facts: ProgressFacts;
  view?: InventoryView;
  resource?: DatabaseResource;
  /** Whether the resource could be read (absent or not). */
  resourceKnown: boolean;
}

/** The steps to a usable database: merged, synced, ready, secrets. */
export function readySteps(
  inputs: StepInputs,
  note: NoteUnknown,
): ProvisioningStepState[] {
  return [
    mergedStep(inputs),
    syncedStep(inputs),
    readyStep(inputs),
    secretsStep(inputs.facts, note),
  ];
}

/** A step and what was seen of it. */
export function step(
  name: ProvisioningStepState['step'],
  done: boolean,
  detail: string,
): ProvisioningStepState {
  return { step: name, done, detail };
}

/** The resource in messages, e.g. `postgresqldatabases demo/orders`. */
export function resourceName(facts: ProgressFacts): string {
  return `${facts.resourcePlural} ${facts.ref.namespace}/${facts.ref.name}`;
}

function mergedStep({ facts, view, resource }: StepInputs) {
  const definition = view?.database?.definition;
  if (definition) {
    return step('merged', true, `Defined in ${definition.valuesPath}.`);
  }
  if (resource) {
    return step(
      'merged',
      true,
      'The cluster already holds its resource; the inventory has not seen the definition yet.',
    );
  }
  if (!view) {
    return step(
      'merged',
      false,
      'Whether the apps repo defines it could not be read (see unknown).',
    );
  }
  return step(
    'merged',
    false,
    `Not defined on the apps repo's main branch as of the inventory refreshed at ${
      view.refreshedAt
    }: merge the pull request that adds ${formatDatabaseRef(facts.ref)}.`,
  );
}

function syncedStep({ facts, resource, resourceKnown }: StepInputs) {
  const what = resourceName(facts);
  if (!resourceKnown) {
    return step('synced', false, `${what} could not be read (see unknown).`);
  }
  if (resource) return step('synced', true, `The cluster holds ${what}.`);
  return step(
    'synced',
    false,
    `The cluster does not hold ${what} yet: ArgoCD has not synced the definition.`,
  );
}

function readyStep({ resource, resourceKnown }: StepInputs) {
  if (!resourceKnown) {
    return step(
      'ready',
      false,
      'The resource could not be read (see unknown).',
    );
  }
  if (!resource) return step('ready', false, 'No resource yet.');
  const ready = resource.conditions.find(c => c.type === 'Ready');
  if (!ready) {
    return step('ready', false, 'The resource has no Ready condition yet.');
  }
  const message = ready.message ? `: ${ready.message}` : '';
  return step(
    'ready',
    ready.status === 'True',
    `Ready=${ready.status} (${ready.reason ?? 'no reason given'})${message}`,
  );
}

/** Present means usable: a secret scheduled for deletion counts as missing. */
function secretsStep(facts: ProgressFacts, note: NoteUnknown) {
  const missing: string[] = [];
  let unread = 0;
  for (const role of DATABASE_ROLES) {
    const k8sName = facts.names.kubernetesSecrets[role];
    const smName = facts.names.secretsManagerSecrets[role];
    const k8s = facts.kubernetesSecrets?.[role];
    const sm = facts.secretsManagerSecrets?.[role];
    const k8sPresent = k8s && note(`Kubernetes secret ${k8sName}`, k8s);
    if (!k8s?.ok) unread += 1;
    else if (!k8sPresent) missing.push(`Kubernetes secret ${k8sName}`);
    const smPresence = sm && note(`Secrets Manager secret ${smName}`, sm);
    if (!sm?.ok) unread += 1;
    else if (smPresence?.state === 'missing') {
      missing.push(`Secrets Manager secret ${smName}`);
    } else if (smPresence?.state === 'scheduled-for-deletion') {
      missing.push(`Secrets Manager secret ${smName} (scheduled for deletion)`);
    }
  }
  if (missing.length === 0 && unread === 0) {
    return step(
      'secrets',
      true,
      'The three Kubernetes secrets and the three Secrets Manager secrets exist.',
    );
  }
  const parts = [
    missing.length ? `Missing: ${missing.join(', ')}.` : '',
    unread ? `${unread} could not be read (see unknown).` : '',
  ];
  return step('secrets', false, parts.filter(Boolean).join(' '));
}
