import type { KnownErrorMatch } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { KnownErrorDetails } from './KnownErrorDetails';

/**
 * One catalogue entry, folded: its title, and when opened the messages it
 * is printed as (the one a search matched first), its cause and its fix.
 */
export function CatalogueEntry(props: { match: KnownErrorMatch }) {
  const { entry, matched } = props.match;
  const phrasings = [
    ...(entry.message ? [entry.message] : []),
    ...(entry.patterns ?? []),
  ];
  const shown = [...matched, ...phrasings.filter(p => !matched.includes(p))];
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography>{entry.title}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <div>
          {shown.length > 0 && (
            <Typography variant="body2" component="div" paragraph>
              <strong>{matched.length > 0 ? 'Matched' : 'Message'}:</strong>{' '}
              <code>{shown[0]}</code>
              {shown.length > 1 && (
                <>
                  {' '}
                  Also printed as:{' '}
                  {shown.slice(1).map((phrasing, index) => (
                    <span key={phrasing}>
                      {index > 0 && ', '}
                      <code>{phrasing}</code>
                    </span>
                  ))}
                </>
              )}
            </Typography>
          )}
          <KnownErrorDetails
            title={entry.title}
            cause={entry.cause}
            fix={entry.fix}
          />
        </div>
      </AccordionDetails>
    </Accordion>
  );
}
