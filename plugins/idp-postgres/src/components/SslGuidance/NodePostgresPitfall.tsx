import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';

/**
 * node-postgres reads sslmode differently from every other client; shown
 * next to its connection string because that is where people copy from.
 */
export function NodePostgresPitfall() {
  return (
    <WarningPanel
      title="node-postgres: sslmode=require is not what it says"
      defaultExpanded
    >
      <Typography variant="body2" component="div">
        <p>
          Other clients read <code>sslmode=require</code> as “encrypt, do not
          verify”. node-postgres 8 reads it as verify-full: it checks the
          certificate against the certificate authorities Node knows, which do
          not include the RDS one, and the app fails with “self-signed
          certificate in certificate chain” or “unable to verify the first
          certificate”.
        </p>
        <p>
          For encryption without verification write{' '}
          <code>sslmode=no-verify</code> (or{' '}
          <code>uselibpqcompat=true&amp;sslmode=require</code>). To verify,
          leave sslmode out of the URL and pass the RDS CA bundle as{' '}
          <code>
            ssl: {'{'} ca: fs.readFileSync(…) {'}'}
          </code>
          , connecting to the real host name, not localhost.
        </p>
      </Typography>
    </WarningPanel>
  );
}
