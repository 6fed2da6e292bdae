import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  DatabaseRef,
  databaseEntityRef,
  idpPostgresSecretsRestorePermission,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { idpPostgresApiRef } from '../../api';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { PermissionNote } from '../common/PermissionNote';
import { RestoreItemsTable } from './RestoreItemsTable';

/**
 * The manual's restore procedure as a button: a dry run shows what would
 * happen, a confirmation names every secret that will be written, and the
 * results come back per secret.
 */
export function RestoreSection(props: { dbRef: DatabaseRef }) {
  const { dbRef } = props;
  const api = useApi(idpPostgresApiRef);
  const permission = usePermission({
    permission: idpPostgresSecretsRestorePermission,
    resourceRef: databaseEntityRef(dbRef),
  });
  const [force, setForce] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [plan, makePlan] = useAsyncFn(
    () => api.planRestore(dbRef, { force }),
    [api, dbRef.namespace, dbRef.name, force],
  );
  const [result, restore] = useAsyncFn(
    () => api.restoreSecrets(dbRef, { force }),
    [api, dbRef.namespace, dbRef.name, force],
  );

  const writes = (plan.value?.items ?? []).filter(
    i => i.action === 'create' || i.action === 'overwrite',
  );
  const busy = plan.loading || result.loading;

  return (
    <InfoCard title="Restore secrets">
      <Typography variant="body2" paragraph>
        Recreates the database’s Kubernetes secrets from their copies in Secrets
        Manager, for example after the database was removed from the apps repo
        and added back. Start with a dry run: it changes nothing.
      </Typography>
      <FormControlLabel
        control={
          <Checkbox
            checked={force}
            onChange={e => setForce(e.target.checked)}
            disabled={!permission.allowed || busy}
          />
        }
        label="Overwrite Kubernetes secrets that differ from Secrets Manager"
      />
      <Box my={1}>
        <Button
          variant="outlined"
          onClick={() => makePlan()}
          disabled={!permission.allowed || busy}
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
      {plan.value && !result.value && (
        <>
          <RestoreItemsTable label="Restore plan" items={plan.value.items} />
          <Box my={1}>
            {writes.length > 0 ? (
              <Button
                variant="contained"
                color="primary"
                onClick={() => setConfirming(true)}
                disabled={busy}
              >
                Restore {writes.length} secret{writes.length === 1 ? '' : 's'}
              </Button>
            ) : (
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
      {result.value && (
        <RestoreItemsTable label="Restore results" items={result.value.items} />
      )}
      <ConfirmDialog
        open={confirming}
        title={`Restore secrets of ${dbRef.namespace}/${dbRef.name}?`}
        confirmLabel="Restore"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          restore();
        }}
      >
        <Typography variant="body2" component="div">
          In namespace {dbRef.namespace} this will:
          <ul>
            {writes.map(i => (
              <li key={i.role}>
                {i.action === 'create' ? 'create' : 'overwrite'} Kubernetes
                secret <code>{i.secretName}</code> from{' '}
                <code>{i.secretsManagerName}</code>
              </li>
            ))}
          </ul>
          Apps using these secrets pick them up when they restart.
        </Typography>
      </ConfirmDialog>
    </InfoCard>
  );
}
