import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { DatabaseStatus } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import type { AsyncState } from '../common/AsyncState';
import { CheckedAt } from '../common/CheckedAt';
import { CheckMatrix } from './CheckMatrix';
import { ProblemList } from './ProblemList';
import { ResourceLine } from './ResourceLine';
import { StatusHeadline } from './StatusHeadline';
import { matrixRows, problemLines } from './matrixRows';
import type { TabActions } from './tabActions';

/**
 * The verdict on one database with the next thing to do, then the
 * resource and every role's checks as a matrix, with a refresh that asks
 * the backend to check again instead of using its cache.
 */
export function StatusSection(props: {
  status: AsyncState<DatabaseStatus>;
  onRefresh: () => void;
  /** The tab's actions the headline's next action may start. */
  actions?: TabActions;
}) {
  const { status, onRefresh, actions } = props;
  return (
    <InfoCard
      title="Status"
      action={
        <Button
          startIcon={<RefreshIcon />}
          onClick={onRefresh}
          disabled={status.loading}
          aria-label="Check the status again"
        >
          Refresh
        </Button>
      }
    >
      <StatusBody status={status} actions={actions} />
    </InfoCard>
  );
}

function StatusBody(props: {
  status: AsyncState<DatabaseStatus>;
  actions?: TabActions;
}) {
  const { loading, error, value } = props.status;
  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not get the status" />
    );
  }
  if (!value) return loading ? <Progress /> : null;
  const rows = matrixRows(value);
  return (
    <>
      {/* A refresh keeps the last status on screen, so nothing jumps. */}
      {loading && <LinearProgress aria-label="Checking again" />}
      <StatusHeadline status={value} actions={props.actions} />
      <ResourceLine resource={value.resource} />
      <CheckMatrix rows={rows} />
      <ProblemList lines={problemLines(rows)} />
      <Typography variant="body2" color="textSecondary">
        <CheckedAt at={value.checkedAt} />
      </Typography>
    </>
  );
}
