import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

const LINK_NAMES: Record<string, string> = {
  pgAdmin: 'pgAdmin',
  argoCd: 'ArgoCD application',
  slack: 'Slack channel',
  manual: 'Manual: working with PostgreSQL',
};

/** The platform's links for the database, named for people, in one line. */
export function ConnectionLinks(props: { links: Record<string, string> }) {
  const entries = Object.entries(props.links);
  if (entries.length === 0) return null;
  return (
    <Box component="nav" aria-label="Database links" mt={2}>
      <Typography variant="body2" component="div">
        <strong>Links: </strong>
        {entries.map(([key, url], index) => (
          <span key={key}>
            {index > 0 && ' · '}
            <Link to={url}>{LINK_NAMES[key] ?? key}</Link>
          </span>
        ))}
      </Typography>
    </Box>
  );
}
