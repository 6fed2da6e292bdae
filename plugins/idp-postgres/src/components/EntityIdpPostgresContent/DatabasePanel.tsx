import type { DatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useId } from 'react';
import { ConnectSection } from '../ConnectSection/ConnectSection';
import { GrantsView } from '../GrantsSection/GrantsView';
import { KnownErrorsSection } from '../KnownErrorsSection/KnownErrorsSection';
import { MonitoringSection } from '../MonitoringSection/MonitoringSection';
import { RestoreView } from '../RestoreSection/RestoreView';
import { StatusSection } from '../StatusSection/StatusSection';
import { useDatabasePanel } from './useDatabasePanel';

/** A section other parts of the panel link to and move the focus to. */
function Anchor(props: { id: string; children: ReactNode }) {
  return (
    <Box id={props.id} tabIndex={-1} mb={3} style={{ outline: 'none' }}>
      {props.children}
    </Box>
  );
}

/**
 * Every section for one database: first what is wrong and what to do
 * (status and known errors side by side), then how to connect beside the
 * monitoring and the actions. Pairs of about equal height share a row, so
 * a healthy database fits in about one and a half screens. Each section
 * loads on its own, so a backend route that fails leaves the others usable.
 */
export function DatabasePanel(props: { dbRef: DatabaseRef }) {
  const { dbRef } = props;
  const panel = useDatabasePanel(dbRef);
  const headingId = useId();
  const next = panel.status.value?.headline?.next?.kind;
  return (
    <section aria-labelledby={headingId}>
      <Typography variant="h5" component="h2" id={headingId} gutterBottom>
        {dbRef.name}{' '}
        <Typography component="span" color="textSecondary">
          in namespace {dbRef.namespace}
        </Typography>
      </Typography>
      {/* Two columns rather than rows, so a short card does not leave a
          gap beside a tall one: the page stays about 1.5 screens. */}
      <Grid container spacing={3}>
        <Grid item xs={12} lg={6}>
          <Box mb={3}>
            <StatusSection
              status={panel.status}
              onRefresh={panel.refresh}
              actions={panel.actions}
            />
          </Box>
          <ConnectSection dbRef={dbRef} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <Box mb={3}>
            <KnownErrorsSection
              status={panel.status}
              sections={panel.sections}
            />
          </Box>
          <Box mb={3}>
            <MonitoringSection monitoring={panel.monitoring} />
          </Box>
          <Anchor id={panel.sections.grants}>
            <GrantsView
              grants={panel.grants}
              applyOfferedAbove={next === 'apply-grants'}
            />
          </Anchor>
          <Anchor id={panel.sections.restore}>
            <RestoreView dbRef={dbRef} restore={panel.restore} />
          </Anchor>
        </Grid>
      </Grid>
    </section>
  );
}
