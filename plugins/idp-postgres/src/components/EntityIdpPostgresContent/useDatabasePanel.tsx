import type {
  DatabaseRef,
  DatabaseStatus,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { ApplyGrantsNote } from '../GrantsSection/ApplyGrantsButton';
import { GrantsFlow, useGrants } from '../GrantsSection/useGrants';
import { useMonitoring } from '../MonitoringSection/useMonitoring';
import { RestorePermissionNote } from '../RestoreSection/RestoreView';
import { restoreChoicesFor } from '../RestoreSection/restoreChoicesFor';
import { RestoreFlow, useRestore } from '../RestoreSection/useRestore';
import type { TabActions } from '../StatusSection/tabActions';
import { scrollToSection, sectionId } from '../common/scrollToSection';
import { useDatabaseStatus } from '../common/useDatabaseStatus';

/**
 * The state of one database's panel. Every action ends in `refresh`, and
 * the status (with its known errors), the grant report and the monitoring
 * all load again on it, so nothing stays stale after an action.
 */
export function useDatabasePanel(dbRef: DatabaseRef) {
  const { status, refresh, version } = useDatabaseStatus(dbRef);
  const grants = useGrants(dbRef, { version, onChanged: refresh });
  const restore = useRestore(dbRef, refresh);
  const monitoring = useMonitoring(dbRef, version);
  const sections = useMemo(
    () => ({
      grants: sectionId(dbRef, 'grants'),
      restore: sectionId(dbRef, 'restore'),
    }),
    [dbRef],
  );
  const actions = headlineActions(
    grants,
    restore,
    sections.restore,
    status.value,
  );
  return { status, refresh, grants, restore, monitoring, sections, actions };
}

/**
 * The headline's buttons start the sections' own flows, with the same
 * confirmation and permission checks. Applying opens the confirmation;
 * restoring makes the dry-run plan, with the options the status calls
 * for, where the Restore section shows it.
 */
function headlineActions(
  grants: GrantsFlow,
  restore: RestoreFlow,
  restoreSection: string,
  status: DatabaseStatus | undefined,
): TabActions {
  return {
    'apply-grants': {
      start: grants.askToApply,
      disabled: !grants.canApply,
      note: (
        <>
          <ApplyGrantsNote grants={grants} />
          {grants.current?.fixSql.length === 0 && (
            // The status was judged before the grant report was read again.
            <Typography variant="body2" color="textSecondary">
              The grant report shows nothing missing any more; Refresh checks
              the status again.
            </Typography>
          )}
        </>
      ),
    },
    'restore-secrets': {
      start: () => {
        scrollToSection(restoreSection);
        restore.planWith(restoreChoicesFor(status, restore.choices));
      },
      disabled: !restore.canPlan,
      note: <RestorePermissionNote restore={restore} />,
    },
  };
}
