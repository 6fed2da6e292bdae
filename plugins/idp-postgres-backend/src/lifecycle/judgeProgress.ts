import type {
  DatabaseProgress,
  ProvisioningStepState,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { Outcome } from '../status/outcome';
import { platformFailure } from './platformFailure';
import type { ProgressFacts } from './progressFacts';
import {
  NoteUnknown,
  StepInputs,
  readySteps,
  resourceName,
  step,
} from './readySteps';

/**
 * Turns the facts into steps. A part that could not be read is listed in
 * `unknown` and leaves its step not done, so the answer degrades instead of
 * failing. `failed` only while the steps are not all done: a usable
 * database whose latest reconcile failed is still usable. A removal never
 * fails on the resource's conditions: a broken resource is often why it is
 * being removed (the 0.4.1 upgrade), and pruning it does not need it healthy.
 */
export function judgeProgress(
  facts: ProgressFacts,
  now: Date,
): DatabaseProgress {
  const unknown: string[] = [];
  const note: NoteUnknown = <T>(part: string, outcome: Outcome<T>) => {
    if (outcome.ok) return outcome.value;
    unknown.push(`${part}: ${outcome.reason}`);
    return undefined;
  };
  const inputs: StepInputs = {
    facts,
    view: note('inventory', facts.inventory),
    resource: note('custom resource', facts.resource),
    resourceKnown: facts.resource.ok,
  };
  const steps =
    facts.expect === 'ready' ? readySteps(inputs, note) : removalSteps(inputs);
  const complete = steps.every(s => s.done);
  const failure =
    !complete && facts.expect === 'ready' && inputs.resource
      ? platformFailure(inputs.resource.conditions)
      : undefined;
  const waiting = steps.find(s => !s.done);
  return {
    namespace: facts.ref.namespace,
    name: facts.ref.name,
    steps,
    complete,
    failed: failure !== undefined,
    reason:
      failure ??
      (waiting
        ? `Waiting for step ${waiting.step}: ${waiting.detail}`
        : 'Every step is done.'),
    unknown,
    checkedAt: now.toISOString(),
  };
}

/** The steps of a removal: the definition gone, then the resource. */
function removalSteps(inputs: StepInputs): ProvisioningStepState[] {
  const { facts, view, resource, resourceKnown } = inputs;
  const definition = view?.database?.definition;
  let merged: ProvisioningStepState;
  if (!view) {
    merged = step(
      'merged',
      false,
      'Whether the apps repo still defines it could not be read (see unknown).',
    );
  } else if (definition) {
    merged = step(
      'merged',
      false,
      `Still defined in ${definition.valuesPath}: merge the pull request that removes it.`,
    );
  } else {
    merged = step(
      'merged',
      true,
      `No longer defined in the apps repo as of the inventory refreshed at ${view.refreshedAt}.`,
    );
  }
  const what = resourceName(facts);
  let synced: ProvisioningStepState;
  if (!resourceKnown) {
    synced = step('synced', false, `${what} could not be read (see unknown).`);
  } else if (resource) {
    synced = step(
      'synced',
      false,
      `The cluster still holds ${what}: ArgoCD has not synced the removal yet.`,
    );
  } else {
    synced = step('synced', true, 'The cluster no longer holds its resource.');
  }
  return [merged, synced];
}
