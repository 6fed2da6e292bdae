import {
  DatabaseRef,
  formatDatabaseRef,
  ProvisioningStepState,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { ProgressExpectation } from '../../platform/IdpPostgresBackendClient';
import type { WaitOutcome } from './waitForProgress';

/** A step that is not done yet, or a part of the platform that could not be read. */
export interface MissingStep {
  step: string;
  detail: string;
}

const STEP_NAMES: Record<ProgressExpectation, Record<string, string>> = {
  ready: {
    merged: 'merged (the apps repo defines it)',
    synced: 'synced (the cluster holds its resource)',
    ready: 'ready (the resource reports Ready)',
    secrets: 'secrets present (Kubernetes and Secrets Manager)',
  },
  removed: {
    merged: 'merged (the apps repo no longer defines it)',
    synced: 'synced (the cluster no longer holds its resource)',
    ready: 'ready',
    secrets: 'secrets',
  },
};

/** How a log line names a step, e.g. "synced (the cluster holds its resource)". */
export function stepName(step: string, expect: ProgressExpectation): string {
  return STEP_NAMES[expect][step] ?? step;
}

/** The log line for a step that has just become done. */
export function stepDoneMessage(
  ref: DatabaseRef,
  state: ProvisioningStepState,
  expect: ProgressExpectation,
): string {
  return `${formatDatabaseRef(ref)}: ${stepName(state.step, expect)}${
    state.detail ? ` — ${state.detail}` : ''
  }`;
}

/**
 * What is still missing after the last look at the platform: its steps
 * that are not done and the parts it could not read; when the platform
 * answered that it does not know the database, the merge of the pull
 * request; and why the last look failed, when it did.
 */
export function missingSteps(outcome: WaitOutcome): MissingStep[] {
  const { last, lastError, answered } = outcome;
  const missing: MissingStep[] = [];
  if (last) {
    missing.push(
      ...last.steps
        .filter(s => !s.done)
        .map(s => ({ step: s.step, detail: s.detail })),
      ...last.unknown.map(part => ({
        step: 'unknown',
        detail: `Could not be read: ${part}`,
      })),
    );
  } else if (answered) {
    missing.push({
      step: 'merged',
      detail:
        'The platform does not know the database yet: the pull request is probably not merged.',
    });
  }
  if (lastError) {
    missing.push({
      step: 'unknown',
      detail: `The last look at the platform failed: ${lastError}`,
    });
  }
  return missing;
}

/** The sentence the template shows when the wait ends. */
export function waitSummary(
  ref: DatabaseRef,
  expect: ProgressExpectation,
  outcome: {
    complete: boolean;
    missing: MissingStep[];
    minutes: number;
    watched: boolean;
  },
): string {
  const state =
    expect === 'ready' ? 'ready to use' : 'removed from the platform';
  if (outcome.complete) {
    return `${formatDatabaseRef(ref)} is ${state}.`;
  }
  const missing = outcome.missing
    .map(m => `${stepName(m.step, expect)}: ${m.detail}`)
    .join('; ');
  const later = outcome.watched
    ? 'The owner and you will be notified when it is, or when it fails.'
    : 'No notification could be arranged, so look at its PostgreSQL tab later.';
  return `${formatDatabaseRef(ref)} is not ${state} yet after ${
    outcome.minutes
  } minute${
    outcome.minutes === 1 ? '' : 's'
  }. Still missing: ${missing}. ${later}`;
}
