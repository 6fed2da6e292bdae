import { useApi } from '@backstage/core-plugin-api';
import {
  DatabaseRef,
  GrantApplyResult,
  GrantReport,
  databaseResourceRef,
  idpPostgresGrantsApplyPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { usePermission } from '@backstage/plugin-permission-react';
import { useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { idpPostgresApiRef } from '../../api';
import type { AsyncState } from '../common/AsyncState';

/** The grant report and the apply flow of one database, for the section and the headline. */
export interface GrantsFlow {
  report: AsyncState<GrantReport>;
  /** The newest report: the last one loaded, or the one applying returned. */
  current?: GrantReport;
  applied: AsyncState<GrantApplyResult>;
  permission: { loading: boolean; allowed: boolean };
  /** True when there is SQL to apply and the user may apply it. */
  canApply: boolean;
  confirming: boolean;
  /** Opens the confirmation; nothing runs before it is confirmed. */
  askToApply: () => void;
  cancel: () => void;
  confirm: () => void;
}

/**
 * Loads the grant report (again whenever `version` changes, and after a
 * failed apply) and runs the apply flow: ask, confirm, apply, then
 * `onChanged` so the status, known errors and monitoring check again. An
 * apply that leaves out objects the admin role does not own still counts
 * as applied; its result says which.
 */
export function useGrants(
  dbRef: DatabaseRef,
  options: { version?: number; onChanged?: () => void } = {},
): GrantsFlow {
  const { version = 0, onChanged } = options;
  const api = useApi(idpPostgresApiRef);
  // The backend authorises against the database itself (its owner in the
  // platform inventory), so the UI asks about the same resource.
  const permission = usePermission({
    permission: idpPostgresGrantsApplyPermission,
    resourceRef: databaseResourceRef(dbRef),
  });
  const [confirming, setConfirming] = useState(false);
  // Bumped when applying fails, so the report shows the database as it is
  // now (a refused apply often means it changed since the last report).
  const [reloads, setReloads] = useState(0);
  // Whichever report arrived last is the truth: a reload after applying
  // replaces the apply's own report, and vice versa.
  const [current, setCurrent] = useState<GrantReport>();
  const report = useAsync(async () => {
    const loaded = await api.getGrants(dbRef);
    setCurrent(loaded);
    return loaded;
  }, [api, dbRef.namespace, dbRef.name, version, reloads]);
  const [applied, apply] = useAsyncFn(async () => {
    let result;
    try {
      result = await api.applyGrants(dbRef);
    } catch (error) {
      setReloads(n => n + 1);
      throw error;
    }
    setCurrent(result.after);
    onChanged?.();
    return result;
  }, [api, dbRef.namespace, dbRef.name, onChanged]);

  const askToApply = useCallback(() => setConfirming(true), []);
  const cancel = useCallback(() => setConfirming(false), []);
  const confirm = useCallback(() => {
    setConfirming(false);
    apply();
  }, [apply]);
  return {
    report,
    current,
    applied,
    permission,
    canApply:
      permission.allowed &&
      !applied.loading &&
      (current?.fixSql.length ?? 0) > 0,
    confirming,
    askToApply,
    cancel,
    confirm,
  };
}
