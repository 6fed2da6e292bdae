import { Link, LinkButton } from '@backstage/core-components';
import type { NextAction } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import ContactSupportIcon from '@material-ui/icons/ContactSupport';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import type { TabActions } from './tabActions';

/**
 * The one next action: a button where the tab can do it, a link button
 * where a template or the apps repo does it, words where nobody here can.
 */
export function NextActionControl(props: {
  next: NextAction;
  actions?: TabActions;
}) {
  const { next, actions } = props;
  switch (next.kind) {
    case 'apply-grants':
    case 'restore-secrets': {
      const trigger = actions?.[next.kind];
      if (!trigger) return <ActionWords next={next} />;
      return (
        <>
          <Button
            variant="contained"
            color="primary"
            onClick={trigger.start}
            disabled={trigger.disabled}
          >
            {next.label}
          </Button>
          {trigger.note}
        </>
      );
    }
    case 'wait':
      return (
        <ActionWords
          next={next}
          icon={<HourglassEmptyIcon fontSize="small" />}
        />
      );
    case 'ask-platform-team':
      return (
        <ActionWords
          next={next}
          icon={<ContactSupportIcon fontSize="small" />}
        />
      );
    default:
      // A template or a file in the apps repo; without a link, say what to do.
      if (!next.link) return <ActionWords next={next} />;
      return (
        <LinkButton to={next.link} variant="contained" color="primary">
          {next.label}
        </LinkButton>
      );
  }
}

/** An action nobody can start from here, as a sentence, linked when there is a link. */
function ActionWords(props: { next: NextAction; icon?: JSX.Element }) {
  const { next, icon } = props;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      {icon}
      <Typography variant="body1">
        <strong>Next: </strong>
        {next.link ? <Link to={next.link}>{next.label}</Link> : next.label}
      </Typography>
    </Box>
  );
}
