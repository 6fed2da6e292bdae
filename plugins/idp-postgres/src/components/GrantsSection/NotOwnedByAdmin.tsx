import type { NotOwnedByAdmin as NotOwned } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';
import { CopyButton } from '../common/CopyButton';
import { Snippet } from '../common/Snippet';

const TITLE = 'Objects the admin role does not own';

// A statement is one long line; it wraps inside its cell instead of
// pushing the table past the card's edge.
const useStyles = makeStyles({ statement: { overflowWrap: 'anywhere' } });

const number = (n: number) => n.toLocaleString('en-US');

/**
 * Tables and sequences whose owner is not the admin role, counted per
 * owner with a few samples. Granting on them needs their owner, so no fix
 * SQL or Apply here can help: the team has to hand them over first, and
 * only the current owner can do that. With more than the samples, the
 * report's listing query gives every one with its statement.
 */
export function NotOwnedByAdmin(props: {
  adminRole: string;
  notOwned: NotOwned;
}) {
  const { adminRole, notOwned } = props;
  const headingId = useId();
  const classes = useStyles();
  if (notOwned.count === 0) return null;
  const samples = notOwned.owners.flatMap(o => o.samples);
  const moreOwners = notOwned.ownerCount - notOwned.owners.length;
  const owners = notOwned.owners
    .map(o => `${o.owner} owns ${number(o.count)}`)
    .join(', ');
  return (
    <Box component="section" mb={2} aria-labelledby={headingId}>
      <Typography variant="h6" component="h4" id={headingId}>
        {TITLE}
      </Typography>
      <Typography variant="body2" paragraph>
        {number(notOwned.count)}{' '}
        {notOwned.count === 1 ? 'table or sequence' : 'tables and sequences'} in
        schema public: {owners}
        {moreOwners > 0 ? `, and ${number(moreOwners)} more roles` : ''}.
      </Typography>
      <Typography variant="body2" paragraph>
        Only an object’s owner can grant privileges on it, so for these the
        manual’s GRANT statements, and the SQL below, fail or only warn “no
        privileges were granted” when run as {adminRole}; Apply grants leaves
        them out. Make {adminRole} the owner first: each statement must be run
        by the object’s current owner (who must be a member of {adminRole}) or
        the cluster’s master user, not by {adminRole}.
      </Typography>
      <Table size="small" aria-label={TITLE}>
        <TableHead>
          <TableRow>
            <TableCell>Object</TableCell>
            <TableCell>Owner now</TableCell>
            <TableCell>Statement for the owner to run</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {samples.map(f => (
            <TableRow key={`${f.kind}-${f.object}`}>
              <TableCell>
                {f.kind} <code>{f.object}</code>
              </TableCell>
              <TableCell>
                <code>{f.owner}</code>
              </TableCell>
              <TableCell>
                <code className={classes.statement}>{f.fixSql}</code>
                <CopyButton
                  text={f.fixSql}
                  label={`ownership statement for ${f.kind} ${f.object}`}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box mt={2}>
        <Snippet
          label="Query that lists every object the admin role does not own"
          text={notOwned.listSql}
          note={
            samples.length < notOwned.count
              ? `The table shows ${number(samples.length)} of ${number(
                  notOwned.count,
                )}; the query lists all of them with their statements. Any role of the database may run it.`
              : 'Any role of the database may run it; it only reads the catalogs.'
          }
        />
      </Box>
    </Box>
  );
}
