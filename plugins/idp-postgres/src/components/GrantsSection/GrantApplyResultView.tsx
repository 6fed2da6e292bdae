import type { GrantApplyResult } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';

/** What applying did: the statements run, PostgreSQL's warnings, what is still missing. */
export function GrantApplyResultView(props: { result: GrantApplyResult }) {
  const { statements, warnings, after } = props.result;
  return (
    <section aria-label="Result of applying grants">
      <Typography variant="subtitle1" component="h5">
        Applied {statements.length} statement
        {statements.length === 1 ? '' : 's'}
      </Typography>
      {warnings.length > 0 && (
        <WarningPanel title="PostgreSQL warned" defaultExpanded>
          <ul>
            {warnings.map(w => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </WarningPanel>
      )}
      <Typography variant="body2">
        {after.missing.length === 0
          ? 'Nothing is missing any more.'
          : `${after.missing.length} privilege${
              after.missing.length === 1 ? ' is' : 's are'
            } still missing, usually on objects the admin role does not own; see the table above.`}
      </Typography>
    </section>
  );
}
