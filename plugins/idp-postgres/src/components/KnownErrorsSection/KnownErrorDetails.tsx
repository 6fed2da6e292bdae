import { Link } from '@backstage/core-components';
import type { KnownErrorFix } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { Snippet } from '../common/Snippet';
import { SectionLink } from './SectionLink';

/** Where the tab's own actions live, for links from a fix to them. */
export interface ActionSections {
  grants?: string;
  restore?: string;
}

const ACTION_WORDS: Record<
  NonNullable<KnownErrorFix['action']>,
  { section: keyof ActionSections; text: string; link: string }
> = {
  'apply-grants': {
    section: 'grants',
    text: 'The Grants section below shows the SQL and can apply it.',
    link: 'Go to the SQL in Grants',
  },
  'restore-secrets': {
    section: 'restore',
    text: 'The Restore section below can do this.',
    link: 'Go to Restore secrets',
  },
};

/**
 * The cause and the fix of a known error, with commands to copy. For an
 * error detected on this database whose fix the Grants section applies,
 * the SQL is left to that section, so each statement is shown once.
 */
export function KnownErrorDetails(props: {
  title: string;
  cause: string;
  fix: KnownErrorFix;
  detail?: string;
  /** Set for an error detected on the database shown, not a catalogue entry. */
  detected?: boolean;
  sections?: ActionSections;
}) {
  const { title, cause, fix, detail, detected, sections } = props;
  const action = fix.action ? ACTION_WORDS[fix.action] : undefined;
  const target = action ? sections?.[action.section] : undefined;
  const commands =
    detected && fix.action === 'apply-grants' ? [] : fix.commands ?? [];
  return (
    <div>
      {detail && (
        <Typography variant="body2" paragraph>
          <strong>Seen:</strong> {detail}
        </Typography>
      )}
      <Typography variant="body2" paragraph>
        <strong>Cause:</strong> {cause}
      </Typography>
      <Typography variant="body2" component="div">
        <strong>Fix:</strong>
        <ol>
          {fix.steps.map(step => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </Typography>
      {fix.link && (
        <Typography variant="body2" paragraph>
          <Link to={fix.link.url}>{fix.link.title}</Link>
        </Typography>
      )}
      {commands.map((command, index) => (
        <Snippet
          key={command}
          label={`Fix command ${index + 1} for “${title}”`}
          text={command}
        />
      ))}
      {action && (
        <Typography variant="body2" color="textSecondary">
          {action.text}{' '}
          {target && <SectionLink to={target}>{action.link}</SectionLink>}
        </Typography>
      )}
    </div>
  );
}
