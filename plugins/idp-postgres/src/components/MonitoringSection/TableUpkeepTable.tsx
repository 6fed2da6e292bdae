import type { TableUpkeep } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useReadableCells } from '../common/readableCells';
import { formatBytes, formatTime } from './monitoringFormat';

/** The largest tables and when autovacuum and autoanalyze last visited them. */
export function TableUpkeepTable(props: { tables: TableUpkeep[] }) {
  const { readable } = useReadableCells();
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Largest tables" style={{ minWidth: 440 }}>
        <TableHead>
          <TableRow>
            <TableCell className={readable}>Table</TableCell>
            <TableCell className={readable} align="right">
              Size
            </TableCell>
            <TableCell className={readable}>Last autovacuum</TableCell>
            <TableCell className={readable}>Last autoanalyze</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.tables.map(t => (
            <TableRow key={`${t.schema}.${t.table}`}>
              <TableCell>
                <code>
                  {t.schema}.{t.table}
                </code>
              </TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                {formatBytes(t.sizeBytes)}
              </TableCell>
              <TableCell className={readable}>
                {formatTime(t.lastAutovacuum)}
              </TableCell>
              <TableCell className={readable}>
                {formatTime(t.lastAutoanalyze)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
