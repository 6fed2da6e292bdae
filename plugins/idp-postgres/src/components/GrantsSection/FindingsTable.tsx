import type {
  GrantedRole,
  PrivilegeFinding,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

const KIND_NAMES: Record<PrivilegeFinding['kind'], string> = {
  schema: 'schema',
  table: 'table',
  sequence: 'sequence',
  'default-tables': 'future tables in schema',
  'default-sequences': 'future sequences in schema',
};

/** One role's missing and extra privileges, one row per object and privilege. */
export function FindingsTable(props: {
  role: GrantedRole;
  missing: PrivilegeFinding[];
  extra: PrivilegeFinding[];
}) {
  const { role, missing, extra } = props;
  const rows = [
    ...missing.map(f => ({ ...f, finding: 'Missing' })),
    ...extra.map(f => ({ ...f, finding: 'Extra' })),
  ];
  if (rows.length === 0) {
    return (
      <Typography variant="body2" paragraph>
        The {role} role has exactly the expected privileges.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Privileges of the ${role} role`}>
      <TableHead>
        <TableRow>
          <TableCell>Finding</TableCell>
          <TableCell>Privilege</TableCell>
          <TableCell>On</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(r => (
          <TableRow key={`${r.finding}-${r.kind}-${r.object}-${r.privilege}`}>
            <TableCell>{r.finding}</TableCell>
            <TableCell>{r.privilege}</TableCell>
            <TableCell>
              {KIND_NAMES[r.kind]} <code>{r.object}</code>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
