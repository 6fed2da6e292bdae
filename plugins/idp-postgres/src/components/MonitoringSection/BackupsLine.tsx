import { Link } from '@backstage/core-components';
import type { BackupPolicy } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';

/** The platform's backup policy, where it is written down, and what restoring data means today. */
export function BackupsLine(props: { backups: BackupPolicy }) {
  const { policy, link, restore } = props.backups;
  return (
    <>
      <Typography variant="body2">
        <strong>Backups:</strong> {policy}
        {link && (
          <>
            {' '}
            <Link to={link}>Backup policy</Link>
          </>
        )}
      </Typography>
      <Typography variant="body2">
        <strong>Restoring data:</strong> {restore}
      </Typography>
    </>
  );
}
