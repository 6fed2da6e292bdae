import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

const LINK_NAMES: Record<string, string> = {
  pgAdmin: 'pgAdmin',
  argoCd: 'ArgoCD application',
  slack: 'Slack channel',
  manual: 'Manual: working with PostgreSQL',
};

/** The platform's links for the database, named for people. */
export function ConnectionLinks(props: { links: Record<string, string> }) {
  const entries = Object.entries(props.links);
  if (entries.length === 0) return null;
  return (
    <nav aria-label="Database links">
      <Typography variant="subtitle2" component="h4">
        Links
      </Typography>
      <ul>
        {entries.map(([key, url]) => (
          <li key={key}>
            <Link to={url}>{LINK_NAMES[key] ?? key}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
