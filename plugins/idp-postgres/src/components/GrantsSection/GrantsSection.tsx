import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  DatabaseRef,
  GrantApplyResult,
  GrantedRole,
  databaseResourceRef,
  idpPostgresGrantsApplyPermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { idpPostgresApiRef } from '../../api';
import { CheckedAt } from '../common/CheckedAt';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { PermissionNote } from '../common/PermissionNote';
import { Snippet } from '../common/Snippet';
import { FindingsTable } from './FindingsTable';
import { GrantApplyResultView } from './GrantApplyResultView';
import { NotOwnedByAdmin } from './NotOwnedByAdmin';

const ROLES: GrantedRole[] = ['write', 'read'];

/**
 * What the read and write roles miss or have beyond the manual's
 * cheatsheet, the SQL that grants the missing privileges, and "Apply" for
 * those allowed to run it.
 */
export function GrantsSection(props: {
  dbRef: DatabaseRef;
  /** Called once grants were applied, so the status and known errors check again. */
  onChanged?: () => void;
}) {
  const { dbRef, onChanged } = props;
  const api = useApi(idpPostgresApiRef);
  // The backend authorises against the database itself (its owner in the
  // platform inventory), so the UI asks about the same resource.
  const permission = usePermission({
    permission: idpPostgresGrantsApplyPermission,
    resourceRef: databaseResourceRef(dbRef),
  });
  const [confirming, setConfirming] = useState(false);
  const report = useAsync(
    () => api.getGrants(dbRef),
    [api, dbRef.namespace, dbRef.name],
  );
  const [applied, apply] = useAsyncFn(async (): Promise<GrantApplyResult> => {
    const result = await api.applyGrants(dbRef);
    onChanged?.();
    return result;
  }, [api, dbRef.namespace, dbRef.name, onChanged]);

  if (report.loading) {
    return (
      <InfoCard title="Grants">
        <Progress />
      </InfoCard>
    );
  }
  if (report.error || !report.value) {
    return (
      <InfoCard title="Grants">
        <ResponseErrorPanel
          error={report.error ?? new Error('No grant report')}
          title="Could not check the grants"
        />
      </InfoCard>
    );
  }

  // After applying, the backend's fresh report replaces the old one.
  const current = applied.value?.after ?? report.value;
  const statements = current.fixSql.join('\n');
  const notOwned = current.notOwnedByAdmin?.length ?? 0;
  return (
    <InfoCard title="Grants">
      {ROLES.map(role => (
        <Box key={role} mb={2}>
          <Typography variant="h6" component="h4">
            {role} role
          </Typography>
          <FindingsTable
            role={role}
            missing={current.missing.filter(f => f.role === role)}
            extra={current.extra.filter(f => f.role === role)}
          />
        </Box>
      ))}
      <NotOwnedByAdmin
        adminRole={current.adminRole}
        findings={current.notOwnedByAdmin ?? []}
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
            text={statements}
            note={`Run it as ${current.adminRole}, or apply it here.`}
          />
          <Button
            variant="contained"
            color="primary"
            disabled={!permission.allowed || applied.loading}
            onClick={() => setConfirming(true)}
          >
            Apply grants
          </Button>
          <PermissionNote
            loading={permission.loading}
            allowed={permission.allowed}
            action="apply grants"
            permissionName={idpPostgresGrantsApplyPermission.name}
          />
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
      <ConfirmDialog
        open={confirming}
        title={`Apply grants on ${current.database}?`}
        confirmLabel="Apply"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          apply();
        }}
      >
        <Typography variant="body2" paragraph>
          These statements run as {current.adminRole} in one transaction:
        </Typography>
        <pre>{statements}</pre>
        {notOwned > 0 && (
          <Typography variant="body2">
            They grant nothing on the {notOwned} object
            {notOwned === 1 ? '' : 's'} {current.adminRole} does not own; see{' '}
            {notOwned === 1 ? 'it' : 'them'} above.
          </Typography>
        )}
      </ConfirmDialog>
    </InfoCard>
  );
}
