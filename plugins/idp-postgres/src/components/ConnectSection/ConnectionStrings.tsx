import {
  CONNECTION_CLIENTS,
  ConnectionClient,
  ConnectionString,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import { useState } from 'react';
import { Snippet } from '../common/Snippet';
import { NodePostgresPitfall } from '../SslGuidance/NodePostgresPitfall';

const CLIENT_NAMES: Record<ConnectionClient, string> = {
  'node-postgres': 'node-postgres (Node.js)',
  jdbc: 'JDBC (Java, Kotlin)',
  psycopg: 'psycopg (Python)',
  pgx: 'pgx (Go)',
  psql: 'psql',
};

/**
 * One connection string per client library, one at a time: the radio
 * buttons choose the client, the others stay in the page (hidden) for
 * search and links. Each has the backend's note on its SSL parameters.
 * `where` tells apart the in-cluster and local lists in labels, so two
 * copy buttons never share a name. The node-postgres pitfall goes next to
 * its string in one list only (`pitfall`), so the page says it once.
 */
export function ConnectionStrings(props: {
  strings: ConnectionString[];
  where: string;
  initialClient?: ConnectionClient;
  pitfall?: boolean;
}) {
  const { strings, where, pitfall } = props;
  const [client, setClient] = useState<ConnectionClient>(
    props.initialClient ?? strings[0]?.client ?? CONNECTION_CLIENTS[0],
  );
  return (
    <>
      <FormControl component="fieldset" margin="none">
        <FormLabel component="legend">Client library {where}</FormLabel>
        <RadioGroup
          row
          value={client}
          onChange={e => setClient(e.target.value as ConnectionClient)}
        >
          {strings.map(s => (
            <FormControlLabel
              key={s.client}
              value={s.client}
              control={<Radio size="small" />}
              label={CLIENT_NAMES[s.client]}
            />
          ))}
        </RadioGroup>
      </FormControl>
      {strings.map(s => (
        <div key={s.client} hidden={s.client !== client}>
          <Snippet
            label={`${CLIENT_NAMES[s.client]} connection string ${where}`}
            text={s.value}
            note={s.sslNote}
          />
          {pitfall && s.client === 'node-postgres' && <NodePostgresPitfall />}
        </div>
      ))}
    </>
  );
}
