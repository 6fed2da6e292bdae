import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { GrantedRole } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CheckedAt } from '../common/CheckedAt';
import { Snippet } from '../common/Snippet';
import { ApplyGrantsButton } from './ApplyGrantsButton';
import { ApplyGrantsDialog } from './ApplyGrantsDialog';
import { GrantApplyResultView } from './GrantApplyResultView';
import { NotOwnedByAdmin } from './NotOwnedByAdmin';
import { PrivilegeGroups } from './PrivilegeGroups';
import type { GrantsFlow } from './useGrants';

const ROLES: GrantedRole[] = ['write', 'read'];

/**
 * What the read and write roles miss or have beyond the manual's
 * cheatsheet, a line per privilege and kind of object, the objects the
 * admin role does not own, the SQL that grants the missing privileges (the
 * one place the tab shows it), and "Apply grants" for those allowed to run
 * it.
 */
export function GrantsView(props: {
  grants: GrantsFlow;
  /**
   * True when the status headline offers "Apply grants" as the next
   * action: the page then has one such button, not two doing the same.
   */
  applyOfferedAbove?: boolean;
}) {
  const { grants, applyOfferedAbove } = props;
  const { report, current, applied } = grants;
  if (!current) {
    return (
      <InfoCard title="Grants">
        {report.loading ? (
          <Progress />
        ) : (
          <ResponseErrorPanel
            error={report.error ?? new Error('No grant report')}
            title="Could not check the grants"
          />
        )}
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Grants">
      {report.error && (
        <ResponseErrorPanel
          error={report.error}
          title="Could not check the grants again; this is the last report"
        />
      )}
      {ROLES.map(role => {
        const missing = current.missing.filter(f => f.role === role);
        const extra = current.extra.filter(f => f.role === role);
        return (
          <Box key={role} mb={missing.length + extra.length > 0 ? 2 : 0}>
            {missing.length + extra.length > 0 && (
              <Typography variant="subtitle1" component="h4">
                {role} role
              </Typography>
            )}
            <PrivilegeGroups role={role} missing={missing} extra={extra} />
          </Box>
        );
      })}
      <NotOwnedByAdmin
        adminRole={current.adminRole}
        notOwned={current.notOwnedByAdmin}
      />
      {current.extra.length > 0 && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Extra privileges are reported, not revoked: a team may have granted
          them on purpose.
        </Typography>
      )}
      {current.fixSql.length > 0 ? (
        <>
          <Snippet
            label="SQL that grants the missing privileges"
            text={current.fixSql.join('\n')}
            note={`Run it as ${current.adminRole}, or apply it here.`}
          />
          {applyOfferedAbove ? (
            <Typography variant="body2" color="textSecondary">
              Apply it with Apply grants in the status above.
            </Typography>
          ) : (
            <ApplyGrantsButton grants={grants} />
          )}
        </>
      ) : (
        <Typography variant="body2" paragraph>
          Nothing is missing; there is no SQL to run.
        </Typography>
      )}
      {applied.loading && <Progress />}
      {applied.error && (
        <ResponseErrorPanel
          error={applied.error}
          title="Applying grants failed"
        />
      )}
      {applied.value && <GrantApplyResultView result={applied.value} />}
      <Typography variant="body2" color="textSecondary">
        <CheckedAt at={current.checkedAt} />
      </Typography>
      <ApplyGrantsDialog grants={grants} />
    </InfoCard>
  );
}
