import {
  DATABASE_ROLES,
  DatabaseRef,
  MAX_IDENTIFIER_BYTES,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { previewNames } from './previewNames';

const useStyles = makeStyles({
  name: { fontFamily: 'monospace', wordBreak: 'break-all' },
});

/**
 * What the platform will call the database, its roles and their secrets,
 * and how much room PostgreSQL's identifier limit leaves: the admin role
 * name is the longest, so it is the one that hits the limit first.
 */
export function DerivedNames(props: { dbRef: DatabaseRef }) {
  const classes = useStyles();
  const { database, roles, bytesLeft } = previewNames(props.dbRef);
  return (
    <Box mt={2}>
      <Typography variant="body2" component="div">
        PostgreSQL database: <code className={classes.name}>{database}</code>
      </Typography>
      <Typography variant="body2" component="div">
        Roles and Kubernetes secrets:{' '}
        {DATABASE_ROLES.map((role, i) => (
          <span key={role}>
            {i > 0 && ', '}
            <code className={classes.name}>{roles[role]}</code>
          </span>
        ))}
      </Typography>
      <Typography
        variant="body2"
        component="div"
        color={bytesLeft < 0 ? 'error' : 'textSecondary'}
      >
        {bytesLeft} bytes left of {MAX_IDENTIFIER_BYTES} in the longest role
        name
      </Typography>
    </Box>
  );
}
