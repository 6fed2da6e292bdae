import { useApi } from '@backstage/core-plugin-api';
import {
  DatabaseRef,
  RestorePlan,
  RestoreResult,
  databaseResourceRef,
  idpPostgresSecretsRestorePermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { usePermission } from '@backstage/plugin-permission-react';
import { useCallback, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { idpPostgresApiRef, incompleteRestoreOf } from '../../api';
import type { AsyncState } from '../common/AsyncState';
import {
  DEFAULT_CHOICES,
  RestoreChoices,
  sameChoices,
} from './RestoreOptionsForm';
import { changesSomething, hasScheduledForDeletion } from './restoreWords';

/** A plan with the options it was made with: the restore runs with those. */
export interface PlannedRestore {
  options: RestoreChoices;
  plan: RestorePlan;
}

/** The restore flow of one database, for the section and the headline. */
export interface RestoreFlow {
  permission: { loading: boolean; allowed: boolean };
  choices: RestoreChoices;
  setChoices: (choices: RestoreChoices) => void;
  /** Once a plan met a secret scheduled for deletion, its option is offered. */
  offerScheduled: boolean;
  plan: AsyncState<PlannedRestore>;
  /** Makes a dry-run plan with the current choices. */
  makePlan: () => void;
  /** Chooses these options and makes a dry-run plan with them. */
  planWith: (choices: RestoreChoices) => void;
  /** True when a plan can be made now. */
  canPlan: boolean;
  result: AsyncState<{
    planned: PlannedRestore;
    result: RestoreResult;
    /** Set when a secret failed: which and why, in the backend's words. */
    failure?: string;
  }>;
  /** The plan's changes; empty when it would write nothing. */
  changes: PlannedRestore['plan']['items'];
  /** True when the options changed since the plan was made. */
  stale: boolean;
  /** The results of the current plan's restore, once it ran. */
  restored?: RestoreResult;
  /** Why that restore did not complete; its results are in `restored`. */
  failure?: string;
  busy: boolean;
  confirming: boolean;
  askToRestore: () => void;
  cancel: () => void;
  confirm: () => void;
}

/**
 * The manual's restore procedure as state: options, a dry-run plan, a
 * confirmation, the restore with the plan's options, then `onChanged` so
 * the status, known errors and monitoring check again.
 */
export function useRestore(
  dbRef: DatabaseRef,
  onChanged?: () => void,
): RestoreFlow {
  const api = useApi(idpPostgresApiRef);
  const permission = usePermission({
    permission: idpPostgresSecretsRestorePermission,
    resourceRef: databaseResourceRef(dbRef),
  });
  const [choices, setChoices] = useState<RestoreChoices>(DEFAULT_CHOICES);
  const [confirming, setConfirming] = useState(false);
  // Once a plan met a secret scheduled for deletion, the option stays, so
  // it does not vanish under the pointer when the roles change.
  const [scheduledSeen, setScheduledSeen] = useState(false);
  const [plan, runPlan] = useAsyncFn(
    async (options: RestoreChoices): Promise<PlannedRestore> => {
      const made = await api.planRestore(dbRef, options);
      if (hasScheduledForDeletion(made.items)) setScheduledSeen(true);
      return { options, plan: made };
    },
    [api, dbRef.namespace, dbRef.name],
  );
  const [result, restore] = useAsyncFn(
    async (planned: PlannedRestore) => {
      try {
        const restored = await api.restoreSecrets(dbRef, planned.options);
        onChanged?.();
        return { planned, result: restored };
      } catch (error) {
        // A secret failed: show what happened to each, not a bare error.
        const incomplete = incompleteRestoreOf(error);
        if (!incomplete) throw error;
        // The others may have been written, so the status checks again too.
        onChanged?.();
        return {
          planned,
          result: incomplete.result,
          failure: incomplete.message,
        };
      }
    },
    [api, dbRef.namespace, dbRef.name, onChanged],
  );

  const planned = plan.value;
  const busy = plan.loading || result.loading;
  const makePlan = useCallback(() => runPlan(choices), [runPlan, choices]);
  const planWith = useCallback(
    (chosen: RestoreChoices) => {
      setChoices(chosen);
      runPlan(chosen);
    },
    [runPlan],
  );
  const askToRestore = useCallback(() => setConfirming(true), []);
  const cancel = useCallback(() => setConfirming(false), []);
  const confirm = useCallback(() => {
    setConfirming(false);
    if (planned) restore(planned);
  }, [planned, restore]);
  return {
    permission,
    choices,
    setChoices,
    offerScheduled: scheduledSeen || choices.restoreScheduledSecrets,
    plan,
    makePlan,
    planWith,
    canPlan: permission.allowed && !busy && choices.roles.length > 0,
    result,
    changes: (planned?.plan.items ?? []).filter(changesSomething),
    stale: planned !== undefined && !sameChoices(planned.options, choices),
    // A new plan replaces the results of the previous one.
    restored:
      result.value?.planned === planned ? result.value?.result : undefined,
    failure:
      result.value?.planned === planned ? result.value?.failure : undefined,
    busy,
    confirming,
    askToRestore,
    cancel,
    confirm,
  };
}
