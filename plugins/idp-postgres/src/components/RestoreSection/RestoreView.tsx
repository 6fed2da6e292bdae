import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import {
  DatabaseRef,
  idpPostgresSecretsRestorePermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { PermissionNote } from '../common/PermissionNote';
import { RestoreConfirmation } from './RestoreConfirmation';
import { RestoreItemsTable } from './RestoreItemsTable';
import { RestoreOptionsForm } from './RestoreOptionsForm';
import type { RestoreFlow } from './useRestore';
import { writtenKind } from './restoreWords';

/** Why planning is unavailable, next to whatever starts it. */
export function RestorePermissionNote(props: { restore: RestoreFlow }) {
  const { permission } = props.restore;
  return (
    <PermissionNote
      loading={permission.loading}
      allowed={permission.allowed}
      action="restore secrets"
      permissionName={idpPostgresSecretsRestorePermission.name}
    />
  );
}

/**
 * The manual's restore procedure as a button: a dry run shows what would
 * happen, a confirmation names every secret that will be written, and the
 * results come back per secret.
 */
export function RestoreView(props: {
  dbRef: DatabaseRef;
  restore: RestoreFlow;
}) {
  const { dbRef, restore } = props;
  const { plan, result, changes, stale, restored, failure, busy } = restore;
  const items = plan.value?.plan.items ?? [];
  return (
    <InfoCard title="Restore secrets">
      <Typography variant="body2" paragraph>
        Recreates missing Kubernetes secrets from their Secrets Manager copies.
        The dry run changes nothing.
      </Typography>
      <RestoreOptionsForm
        value={restore.choices}
        onChange={restore.setChoices}
        disabled={!restore.permission.allowed || busy}
        offerScheduled={restore.offerScheduled}
      />
      <Box my={1}>
        <Button
          variant="outlined"
          onClick={restore.makePlan}
          disabled={!restore.canPlan}
        >
          Plan restore (dry run)
        </Button>
      </Box>
      <RestorePermissionNote restore={restore} />
      {busy && <Progress />}
      {plan.error && (
        <ResponseErrorPanel
          error={plan.error}
          title="Could not plan the restore"
        />
      )}
      {plan.value && !restored && (
        <>
          <RestoreItemsTable label="Restore plan" items={items} />
          {items.some(i => writtenKind(i) === 'ExternalSecret') && (
            <Typography variant="body2" color="textSecondary">
              In this cluster a restore writes an ExternalSecret: the External
              Secrets Operator then makes the Secret from Secrets Manager.
            </Typography>
          )}
          <Box my={1}>
            {stale && (
              <Typography variant="body2" paragraph>
                The options changed since this plan. Plan again to see what they
                do before restoring.
              </Typography>
            )}
            {!stale && changes.length > 0 && (
              <Button
                variant="contained"
                color="primary"
                onClick={restore.askToRestore}
                disabled={busy}
              >
                Restore {changes.length} secret
                {changes.length === 1 ? '' : 's'}
              </Button>
            )}
            {!stale && changes.length === 0 && (
              <Typography variant="body2">
                Nothing to restore: no secret would be written.
              </Typography>
            )}
          </Box>
        </>
      )}
      {result.error && (
        <ResponseErrorPanel error={result.error} title="Restore failed" />
      )}
      {failure && (
        <WarningPanel
          severity="error"
          title="Not every secret was restored"
          message={failure}
          defaultExpanded
        />
      )}
      {restored && (
        <RestoreItemsTable label="Restore results" items={restored.items} />
      )}
      <ConfirmDialog
        open={restore.confirming}
        title={`Restore secrets of ${dbRef.namespace}/${dbRef.name}?`}
        confirmLabel="Restore"
        onCancel={restore.cancel}
        onConfirm={restore.confirm}
      >
        <RestoreConfirmation namespace={dbRef.namespace} items={items} />
      </ConfirmDialog>
    </InfoCard>
  );
}
