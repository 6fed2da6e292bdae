import { useApi } from '@backstage/core-plugin-api';
import {
  DatabaseRef,
  NameProblem,
  NewDatabaseCheck,
  databaseRefProblems,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { idpPostgresApiRef } from '../../api';
import { useSettledDatabaseRef } from '../common/useSettledDatabaseRef';

/** Where the checks of a new database's name stand. */
export interface NewDatabaseCheckState {
  /**
   * The naming rules broken by the inputs that have a value; an empty input
   * is not flagged while the user is still filling the form in.
   */
  local: NameProblem[];
  /** True while the user types or the backend has not answered yet. */
  checking: boolean;
  /**
   * The backend's answer for what is typed now. Absent while checking, when
   * an input is empty or breaks a rule, and when the backend failed.
   */
  check?: NewDatabaseCheck;
  /** Why the backend could not answer. */
  error?: Error;
}

/**
 * Checks a new database's name once typing pauses: the naming rules here,
 * then, when they hold, the backend (already defined, collisions,
 * namespace served, production). Only the latest answer is kept.
 */
export function useNewDatabaseCheck(ref: DatabaseRef): NewDatabaseCheckState {
  const api = useApi(idpPostgresApiRef);
  const { settled, typing } = useSettledDatabaseRef(ref);
  const { namespace, name } = settled;

  const local = useMemo(
    () =>
      databaseRefProblems({ namespace, name }).filter(
        problem => (problem.field === 'namespace' ? namespace : name) !== '',
      ),
    [namespace, name],
  );
  const askBackend =
    namespace !== '' && name !== '' && local.length === 0 && !typing;

  const backend = useAsync(
    async () =>
      askBackend ? api.checkNewDatabase({ namespace, name }) : undefined,
    [api, namespace, name, askBackend],
  );

  const checking = typing || (askBackend && backend.loading);
  return {
    local,
    checking,
    check: checking || !askBackend ? undefined : backend.value,
    error: checking || !askBackend ? undefined : backend.error,
  };
}
