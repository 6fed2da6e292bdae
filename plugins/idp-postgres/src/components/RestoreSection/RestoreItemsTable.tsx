import type {
  RestoreAction,
  RestoreItemResult,
  RestorePlanItem,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';

/** The plan's actions in words. */
export const ACTION_TEXT: Record<RestoreAction, string> = {
  create: 'Create',
  overwrite: 'Overwrite',
  'skip-differs': 'Skip: differs (needs overwrite)',
  'skip-in-sync': 'Skip: in sync',
  'skip-scheduled-for-deletion': 'Skip: scheduled for deletion',
  'skip-source-missing': 'Skip: nothing in Secrets Manager',
};

const OUTCOME_TEXT: Record<RestoreItemResult['outcome'], string> = {
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
};

/** A restore plan, or its results when `outcome` is present. */
export function RestoreItemsTable(props: {
  label: string;
  items: Array<RestorePlanItem | RestoreItemResult>;
}) {
  const withOutcome = props.items.some(i => 'outcome' in i);
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>Role</TableCell>
          <TableCell>Kubernetes secret</TableCell>
          <TableCell>Secrets Manager secret</TableCell>
          <TableCell>{withOutcome ? 'Outcome' : 'Action'}</TableCell>
          <TableCell>Why</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(item => (
          <TableRow key={item.role}>
            <TableCell>{item.role}</TableCell>
            <TableCell>
              <code>{item.secretName}</code>
            </TableCell>
            <TableCell>
              <code>{item.secretsManagerName}</code>
            </TableCell>
            <TableCell>
              {'outcome' in item
                ? `${OUTCOME_TEXT[item.outcome]} (${ACTION_TEXT[item.action]})`
                : ACTION_TEXT[item.action]}
            </TableCell>
            <TableCell>
              {'error' in item && item.error ? item.error : item.reason}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
