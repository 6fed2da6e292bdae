import Typography from '@material-ui/core/Typography';
import { Snippet } from '../common/Snippet';

/** Where the Dockerfile puts the RDS CA bundle; the snippets refer to it. */
export const CA_BUNDLE_PATH = '/etc/ssl/certs/rds-global-bundle.pem';

const DOCKERFILE = `# The CA bundle that signs the database's certificate
ADD https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem ${CA_BUNDLE_PATH}
RUN chmod 644 ${CA_BUNDLE_PATH}`;

/**
 * What the two SSL modes mean and when to choose which, for the connection
 * strings, every one of which carries an SSL setting.
 */
export function SslGuidance() {
  return (
    <section aria-label="SSL: require or verify-full">
      <Typography variant="body2" paragraph>
        The database accepts encrypted connections only; a client that connects
        without SSL gets “no pg_hba.conf entry for host … no encryption”.
      </Typography>
      <ul>
        <li>
          <Typography variant="body2">
            <strong>require</strong> encrypts the traffic but does not check who
            answers. It is the minimum, and enough for development and for
            connections through a port-forward, where the certificate names the
            database server rather than localhost and a check would fail.
          </Typography>
        </li>
        <li>
          <Typography variant="body2">
            <strong>verify-full</strong> encrypts and also proves the server is
            the database, by checking its certificate against the RDS
            certificate authority and its name against the host you connect to.
            Use it for production apps running in the cluster. It needs the RDS
            CA bundle inside your container.
          </Typography>
        </li>
      </ul>
      <Snippet
        label="Dockerfile lines adding the RDS CA bundle"
        text={DOCKERFILE}
        note={
          <>
            Then point the client at the file:{' '}
            <code>sslrootcert={CA_BUNDLE_PATH}</code> with{' '}
            <code>sslmode=verify-full</code> for libpq, psycopg, pgx and psql;{' '}
            <code>sslmode=verify-full&amp;sslrootcert=…</code> for JDBC; the
            file’s content as <code>ssl.ca</code> for node-postgres.
          </>
        }
      />
    </section>
  );
}
