import type { KnownErrorFix } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { Snippet } from '../common/Snippet';

const ACTION_HINTS: Record<NonNullable<KnownErrorFix['action']>, string> = {
  'apply-grants': 'The Grants section below can apply this fix.',
  'restore-secrets': 'The Restore section below can do this.',
};

/** The cause and the fix of a known error, with commands to copy. */
export function KnownErrorDetails(props: {
  title: string;
  cause: string;
  fix: KnownErrorFix;
  detail?: string;
}) {
  const { title, cause, fix, detail } = props;
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
      {fix.commands?.map((command, index) => (
        <Snippet
          key={command}
          label={`Fix command ${index + 1} for “${title}”`}
          text={command}
        />
      ))}
      {fix.action && (
        <Typography variant="body2" color="textSecondary">
          {ACTION_HINTS[fix.action]}
        </Typography>
      )}
    </div>
  );
}
