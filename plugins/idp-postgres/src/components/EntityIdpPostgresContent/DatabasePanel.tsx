import type { DatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import { ConnectSection } from '../ConnectSection/ConnectSection';
import { GrantsSection } from '../GrantsSection/GrantsSection';
import { KnownErrorsSection } from '../KnownErrorsSection/KnownErrorsSection';
import { RestoreSection } from '../RestoreSection/RestoreSection';
import { StatusSection } from '../StatusSection/StatusSection';
import { useDatabaseStatus } from '../common/useDatabaseStatus';

/**
 * Every section for one database. Each section loads on its own, so a
 * backend route that fails leaves the others usable.
 */
export function DatabasePanel(props: { dbRef: DatabaseRef }) {
  const { dbRef } = props;
  const { status, refresh } = useDatabaseStatus(dbRef);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Typography variant="h5" component="h2" id={headingId} gutterBottom>
        {dbRef.name}{' '}
        <Typography component="span" color="textSecondary">
          in namespace {dbRef.namespace}
        </Typography>
      </Typography>
      <Grid container spacing={3}>
        <Grid item xs={12} lg={6}>
          <StatusSection status={status} onRefresh={refresh} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <KnownErrorsSection status={status} />
        </Grid>
        <Grid item xs={12}>
          <ConnectSection dbRef={dbRef} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <GrantsSection dbRef={dbRef} onChanged={refresh} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <RestoreSection dbRef={dbRef} onChanged={refresh} />
        </Grid>
      </Grid>
    </section>
  );
}
