import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, isError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  DatabaseProgress,
  DatabaseRef,
  databaseTabPath,
  formatDatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  backendMessage,
  IdpPostgresBackendClient,
  ProgressExpectation,
} from '../../platform/IdpPostgresBackendClient';
import { stepDoneMessage } from './progressReport';

/** Failures that waiting will not fix: the request itself is wrong or not allowed. */
const FATAL_ERRORS = ['InputError', 'NotAllowedError', 'AuthenticationError'];

/** Where a wait stopped. */
export interface WaitOutcome {
  complete: boolean;
  /** Whether the platform answered at all (a 404 is an answer). */
  answered: boolean;
  /** The last progress read; undefined when the platform did not know the database. */
  last?: DatabaseProgress;
  /** Why the last look at the platform failed, when it did. */
  lastError?: string;
}

/**
 * The wall-clock start of a wait, kept in a checkpoint so that a task
 * resumed after a restart keeps its original deadline.
 */
export async function waitStartedAt(
  ctx: Pick<ActionContext<any>, 'checkpoint'>,
  key: string,
): Promise<number> {
  return ctx.checkpoint({ key, fn: () => Date.now() });
}

/**
 * Polls the platform until the database is ready (or removed), the
 * deadline passes, or the platform reports a failure, which is thrown.
 * Each step is logged once, when it is first seen done; a checkpoint per
 * step keeps a resumed task from logging it again. A failed look at the
 * platform is logged and retried, except for failures waiting cannot fix.
 * At least one look is taken, so a deadline in the past means "check once".
 */
export async function waitForProgress(options: {
  ctx: Pick<ActionContext<any>, 'checkpoint' | 'logger' | 'signal'>;
  platform: IdpPostgresBackendClient;
  credentials: BackstageCredentials;
  ref: DatabaseRef;
  expect: ProgressExpectation;
  deadline: number;
  pollMs: number;
}): Promise<WaitOutcome> {
  const { ctx, platform, credentials, ref, expect, deadline, pollMs } = options;
  // Checkpoints are read once per step run, so the steps seen in this run are remembered here.
  const logged = new Set<string>();
  let outcome: WaitOutcome = { complete: false, answered: false };
  let reportedUnknown = false;
  for (;;) {
    let read: { progress?: DatabaseProgress } | undefined;
    try {
      read = { progress: await platform.progress(credentials, ref, expect) };
    } catch (error) {
      if (!isError(error) || FATAL_ERRORS.includes(error.name)) {
        throw error;
      }
      outcome = { ...outcome, lastError: backendMessage(error) };
      // The client's message already says what could not be read.
      ctx.logger.warn(`${error.message}; trying again`);
    }
    const last = read?.progress;
    if (read && last === undefined) {
      // For a removal, a database the platform no longer knows at all is gone.
      if (expect === 'removed') {
        return { complete: true, answered: true };
      }
      outcome = { complete: false, answered: true };
      if (!reportedUnknown) {
        ctx.logger.info(
          `${formatDatabaseRef(
            ref,
          )}: the platform does not know it yet; waiting for the pull request to be merged`,
        );
        reportedUnknown = true;
      }
    }
    if (last) {
      outcome = { complete: false, answered: true, last };
      for (const state of last.steps.filter(s => s.done)) {
        if (!logged.has(state.step)) {
          logged.add(state.step);
          await ctx.checkpoint({
            key: `step-${expect}-${state.step}`,
            fn: () => {
              ctx.logger.info(stepDoneMessage(ref, state, expect));
              return true;
            },
          });
        }
      }
      if (last.failed) {
        throw new ConflictError(
          `The platform reports that ${formatDatabaseRef(ref)} failed: ${
            last.reason
          } See its PostgreSQL tab (${databaseTabPath(
            ref,
          )}) for the known errors and their fixes.`,
        );
      }
      if (last.complete) {
        return { complete: true, answered: true, last };
      }
    }
    if (Date.now() + pollMs > deadline) {
      return outcome;
    }
    await sleep(pollMs, undefined, { signal: ctx.signal });
  }
}
