import {
  GrantApplyResult,
  countPrivileges,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';
import { CodeBlock } from '../common/CodeBlock';

const number = (n: number) => n.toLocaleString('en-US');

/**
 * What applying did: the statements run, PostgreSQL's warnings, the
 * objects left out because the admin role does not own them (with the
 * statements their owner runs), and what is still missing.
 */
export function GrantApplyResultView(props: { result: GrantApplyResult }) {
  const { statements, warnings, skipped, after } = props.result;
  const stillMissing = countPrivileges(after.missing);
  const leftOut = skipped?.owners.flatMap(o => o.samples) ?? [];
  return (
    <section aria-label="Result of applying grants">
      <Typography variant="subtitle1" component="h5">
        Applied {statements.length} statement
        {statements.length === 1 ? '' : 's'}
      </Typography>
      {skipped && (
        <WarningPanel
          title={`Left out ${number(skipped.count)} object${
            skipped.count === 1 ? '' : 's'
          } ${after.adminRole} does not own`}
          defaultExpanded
        >
          <Typography variant="body2" paragraph>
            Everything else was granted. Granting on{' '}
            {skipped.count === 1 ? 'this one' : 'these'} needs{' '}
            {skipped.owners
              .map(o => `${o.owner} (${number(o.count)})`)
              .join(', ')}
            {skipped.ownerCount > skipped.owners.length ? ' and others' : ''} to
            hand {skipped.count === 1 ? 'it' : 'them'} to {after.adminRole}{' '}
            first, then apply again:
          </Typography>
          <CodeBlock
            text={leftOut.map(f => f.fixSql).join('\n')}
            aria-label="Statements for the owners to run"
          />
          {leftOut.length < skipped.count && (
            <Typography variant="body2">
              The query in the Grants section lists all {number(skipped.count)}.
            </Typography>
          )}
        </WarningPanel>
      )}
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
        {stillMissing === 0
          ? 'Nothing is missing any more.'
          : `${number(stillMissing)} privilege${
              stillMissing === 1 ? ' is' : 's are'
            } still missing${
              skipped
                ? ', on the objects left out'
                : ', usually on objects the admin role does not own'
            }; see the Grants section above.`}
      </Typography>
    </section>
  );
}
