import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId, useState } from 'react';
import { CHECK_STATE_TEXT } from '../common/CheckStateLabel';
import { CheckStateIcon } from '../common/CheckStateIcon';
import { MatrixCellButton } from './MatrixCellButton';
import { MATRIX_COLUMNS, MatrixRow } from './matrixRows';

// The doubled classes outrank Backstage's theme, which pads table cells
// generously and lets words break into letters (its sheet comes after ours).
const useStyles = makeStyles(theme => ({
  scroller: { overflowX: 'auto' },
  table: { tableLayout: 'fixed', minWidth: 440 },
  roleColumn: { width: '24%' },
  // Role names are long identifiers; they may break anywhere but the
  // column headers break only between words.
  roleName: { display: 'block', overflowWrap: 'anywhere', lineHeight: 1.2 },
  header: {
    '&&': {
      ...theme.typography.caption,
      lineHeight: 1.25,
      padding: theme.spacing(0.75, 0.5),
      wordBreak: 'normal',
      overflowWrap: 'normal',
    },
  },
  cell: { '&&': { padding: theme.spacing(0.25, 0.5) } },
}));

/**
 * Every role's checks as a matrix: rows are the roles, columns the checks,
 * each cell an icon. Choosing a cell shows its reason under the matrix.
 */
export function CheckMatrix(props: { rows: MatrixRow[] }) {
  const { rows } = props;
  const classes = useStyles();
  const detailId = useId();
  const [selected, setSelected] = useState<string>();
  const selectedCell = rows
    .flatMap(r => r.cells)
    .find(c => c.name === selected);
  return (
    <>
      <div className={classes.scroller}>
        <Table
          size="small"
          aria-label="Checks per role"
          className={classes.table}
        >
          <TableHead>
            <TableRow>
              <TableCell className={`${classes.header} ${classes.roleColumn}`}>
                Role
              </TableCell>
              {MATRIX_COLUMNS.map(c => (
                <TableCell
                  key={c.key}
                  align="center"
                  className={classes.header}
                >
                  {c.title}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => (
              <TableRow key={row.role}>
                <TableCell
                  component="th"
                  scope="row"
                  className={`${classes.cell} ${classes.roleColumn}`}
                >
                  <Typography variant="body2">{row.role}</Typography>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    className={classes.roleName}
                  >
                    {row.roleName}
                  </Typography>
                </TableCell>
                {row.cells.map(cell => (
                  <TableCell
                    key={cell.column}
                    align="center"
                    className={classes.cell}
                  >
                    <MatrixCellButton
                      cell={cell}
                      expanded={selected === cell.name}
                      detailId={detailId}
                      onToggle={() =>
                        setSelected(s =>
                          s === cell.name ? undefined : cell.name,
                        )
                      }
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div id={detailId} aria-live="polite">
        {selectedCell?.result && (
          <Box display="flex" alignItems="flex-start" mt={1} style={{ gap: 8 }}>
            <CheckStateIcon state={selectedCell.result.state} />
            <Typography variant="body2">
              <strong>{selectedCell.name}:</strong>{' '}
              {CHECK_STATE_TEXT[selectedCell.result.state]}.{' '}
              {selectedCell.result.reason}
            </Typography>
          </Box>
        )}
      </div>
    </>
  );
}
