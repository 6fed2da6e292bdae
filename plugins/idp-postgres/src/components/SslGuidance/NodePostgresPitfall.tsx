import { WarningPanel } from '@backstage/core-components';
import { knownError } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { KnownErrorDetails } from '../KnownErrorsSection/KnownErrorDetails';

/** The catalogue entry this panel shows; the backend cannot detect it. */
const NODE_POSTGRES_PITFALL = 'node-postgres-sslmode-require-verifies';

/**
 * node-postgres reads sslmode differently from every other client; its
 * known error is shown next to its connection string because that is where
 * people copy from. The text is the catalogue's, so the panel, the known
 * errors search and the API say the same.
 */
export function NodePostgresPitfall() {
  const entry = knownError(NODE_POSTGRES_PITFALL);
  return (
    // Folded: the string's own note above says the gist; this is the detail.
    <WarningPanel title={entry.title}>
      <div>
        <Typography variant="body2" paragraph>
          {entry.detection}
        </Typography>
        <KnownErrorDetails
          title={entry.title}
          cause={entry.cause}
          fix={entry.fix}
        />
      </div>
    </WarningPanel>
  );
}
