import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  DatabaseRef,
  databaseResourceRef,
  idpPostgresSecretsRestorePermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { idpPostgresApiRef } from '../../api';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { PermissionNote } from '../common/PermissionNote';
import { RestoreConfirmation } from './RestoreConfirmation';
import { RestoreItemsTable } from './RestoreItemsTable';
import {
  DEFAULT_CHOICES,
  RestoreChoices,
  RestoreOptionsForm,
  sameChoices,
} from './RestoreOptionsForm';
import {
  changesSomething,
  hasScheduledForDeletion,
  writtenKind,
} from './restoreWords';

/**
 * The manual's restore procedure as a button: a dry run shows what would
 * happen, a confirmation names every secret that will be written, and the
 * results come back per secret.
 */
export function RestoreSection(props: {
  dbRef: DatabaseRef;
  /** Called once secrets were restored, so the status and known errors check again. */
  onChanged?: () => void;
}) {
  const { dbRef, onChanged } = props;
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
  // The plan keeps the options it was made with: the restore runs with
  // those, so it does exactly what the confirmation listed.
  const [plan, makePlan] = useAsyncFn(
    async (options: RestoreChoices) => {
      const made = await api.planRestore(dbRef, options);
      if (hasScheduledForDeletion(made.items)) setScheduledSeen(true);
      return { options, plan: made };
    },
    [api, dbRef.namespace, dbRef.name],
  );
  const [result, restore] = useAsyncFn(
    async (planned: NonNullable<typeof plan.value>) => {
      const restored = await api.restoreSecrets(dbRef, planned.options);
      onChanged?.();
      return { planned, result: restored };
    },
    [api, dbRef.namespace, dbRef.name, onChanged],
  );

  const planned = plan.value;
  const items = planned?.plan.items ?? [];
  const changes = items.filter(changesSomething);
  const stale = planned !== undefined && !sameChoices(planned.options, choices);
  // A new plan replaces the results of the previous one.
  const restored =
    result.value?.planned === planned ? result.value?.result : undefined;
  const busy = plan.loading || result.loading;

  return (
    <InfoCard title="Restore secrets">
      <Typography variant="body2" paragraph>
        Recreates the database’s Kubernetes secrets from their copies in Secrets
        Manager, for example after the database was removed from the apps repo
        and added back. Start with a dry run: it changes nothing.
      </Typography>
      <RestoreOptionsForm
        value={choices}
        onChange={setChoices}
        disabled={!permission.allowed || busy}
        offerScheduled={scheduledSeen || choices.restoreScheduledSecrets}
      />
      <Box my={1}>
        <Button
          variant="outlined"
          onClick={() => makePlan(choices)}
          disabled={!permission.allowed || busy || choices.roles.length === 0}
        >
          Plan restore (dry run)
        </Button>
      </Box>
      <PermissionNote
        loading={permission.loading}
        allowed={permission.allowed}
        action="restore secrets"
        permissionName={idpPostgresSecretsRestorePermission.name}
      />
      {busy && <Progress />}
      {plan.error && (
        <ResponseErrorPanel
          error={plan.error}
          title="Could not plan the restore"
        />
      )}
      {planned && !restored && (
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
                onClick={() => setConfirming(true)}
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
      {restored && (
        <RestoreItemsTable label="Restore results" items={restored.items} />
      )}
      <ConfirmDialog
        open={confirming}
        title={`Restore secrets of ${dbRef.namespace}/${dbRef.name}?`}
        confirmLabel="Restore"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          if (planned) restore(planned);
        }}
      >
        <RestoreConfirmation namespace={dbRef.namespace} items={items} />
      </ConfirmDialog>
    </InfoCard>
  );
}
