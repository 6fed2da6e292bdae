import type { OwnershipFinding } from '@jppol-idp/backstage-plugin-idp-postgres-common';
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

const TITLE = 'Objects the admin role does not own';

// A statement is one long line; it wraps inside its cell instead of
// pushing the table past the card's edge.
const useStyles = makeStyles({ statement: { overflowWrap: 'anywhere' } });

/**
 * Tables and sequences whose owner is not the admin role. Granting on them
 * needs their owner, so no fix SQL or Apply here can help: the team has to
 * hand them over first, and only the current owner can do that.
 */
export function NotOwnedByAdmin(props: {
  adminRole: string;
  findings: OwnershipFinding[];
}) {
  const { adminRole, findings } = props;
  const headingId = useId();
  const classes = useStyles();
  if (findings.length === 0) return null;
  return (
    <Box component="section" mb={2} aria-labelledby={headingId}>
      <Typography variant="h6" component="h4" id={headingId}>
        {TITLE}
      </Typography>
      <Typography variant="body2" paragraph>
        Only an object’s owner can grant privileges on it, so for these the
        manual’s GRANT statements, and the SQL below, fail or only warn “no
        privileges were granted” when run as {adminRole}. Make {adminRole} the
        owner first: each statement must be run by the object’s current owner
        (who must be a member of {adminRole}) or the cluster’s master user, not
        by {adminRole}.
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
          {findings.map(f => (
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
    </Box>
  );
}
