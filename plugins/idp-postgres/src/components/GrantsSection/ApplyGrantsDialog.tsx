import Typography from '@material-ui/core/Typography';
import { CodeBlock } from '../common/CodeBlock';
import { ConfirmDialog } from '../common/ConfirmDialog';
import type { GrantsFlow } from './useGrants';

/** Asks before applying, with every statement that will run and as whom. */
export function ApplyGrantsDialog(props: { grants: GrantsFlow }) {
  const { grants } = props;
  const current = grants.current;
  if (!current) return null;
  const notOwned = current.notOwnedByAdmin.count;
  return (
    <ConfirmDialog
      open={grants.confirming}
      title={`Apply grants on ${current.database}?`}
      confirmLabel="Apply"
      onCancel={grants.cancel}
      onConfirm={grants.confirm}
    >
      <Typography variant="body2" paragraph>
        These statements run as {current.adminRole} in one transaction:
      </Typography>
      <CodeBlock
        text={current.fixSql.join('\n')}
        aria-label="Statements to run"
      />
      {notOwned > 0 && (
        <Typography variant="body2">
          The table and sequence grants run per object {current.adminRole} owns,
          and leave out the {notOwned.toLocaleString('en-US')} object
          {notOwned === 1 ? '' : 's'} it does not own; see{' '}
          {notOwned === 1 ? 'it' : 'them'} in the Grants section.
        </Typography>
      )}
    </ConfirmDialog>
  );
}
