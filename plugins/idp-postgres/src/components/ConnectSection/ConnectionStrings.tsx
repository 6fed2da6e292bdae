import type {
  ConnectionClient,
  ConnectionString,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
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
 * One connection string per client library, each with the backend's note on
 * its SSL parameters. `where` tells apart the in-cluster and local lists in
 * labels, so two copy buttons never share a name.
 */
export function ConnectionStrings(props: {
  strings: ConnectionString[];
  where: string;
}) {
  return (
    <>
      {props.strings.map(s => (
        <div key={s.client}>
          <Snippet
            label={`${CLIENT_NAMES[s.client]} connection string ${props.where}`}
            text={s.value}
            note={s.sslNote}
          />
          {s.client === 'node-postgres' && <NodePostgresPitfall />}
        </div>
      ))}
    </>
  );
}
