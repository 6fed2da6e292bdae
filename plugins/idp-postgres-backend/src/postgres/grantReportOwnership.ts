import { escapeIdentifier, escapeLiteral } from 'pg';
import type {
  NotOwnedByAdmin,
  OwnershipFinding,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  COLUMN_SEQUENCE,
  MAX_OWNER_GROUPS,
  OwnerRow,
  TABLE_RELKINDS,
} from './grantQuery';
import { SCHEMA } from './privileges';

/**
 * The word `ALTER … OWNER TO` needs per pg_class relkind: PostgreSQL
 * accepts `ALTER TABLE` on some of the others, but not on all of them.
 */
const ALTER_KEYWORDS: Record<string, string> = {
  r: 'TABLE',
  p: 'TABLE',
  v: 'VIEW',
  m: 'MATERIALIZED VIEW',
  f: 'FOREIGN TABLE',
  S: 'SEQUENCE',
};

/** The statement that hands one object of schema public to the admin role. */
export function alterOwnerSql(
  relkind: string,
  name: string,
  admin: string,
): string {
  return `ALTER ${ALTER_KEYWORDS[relkind] ?? 'TABLE'} ${escapeIdentifier(
    SCHEMA,
  )}.${escapeIdentifier(name)} OWNER TO ${escapeIdentifier(admin)};`;
}

/**
 * The objects the admin role does not own, from the ownership query's rows:
 * counted, per owner with a few samples and their statements, and the query
 * a person runs to list them all.
 */
export function notOwnedByAdmin(
  admin: string,
  rows: OwnerRow[],
): NotOwnedByAdmin {
  return {
    count: rows.reduce((sum, row) => sum + row.count, 0),
    ownerCount: rows.length,
    owners: rows.slice(0, MAX_OWNER_GROUPS).map(row => ({
      owner: row.owner,
      count: row.count,
      samples: (row.samples ?? []).map(
        (sample): OwnershipFinding => ({
          kind: sample.relkind === 'S' ? 'sequence' : 'table',
          object: sample.name,
          owner: row.owner,
          fixSql: alterOwnerSql(sample.relkind, sample.name, admin),
        }),
      ),
    })),
    listSql: listNotOwnedSql(admin),
  };
}

/**
 * A query a person can run (as any role of the database; it only reads the
 * catalogs) that lists every table and sequence of schema public the admin
 * role does not own, with the statement that hands each over. The names
 * are SQL literals here, quoted by `escapeLiteral`; `format('%I')` quotes
 * them as identifiers in the statements it builds.
 */
export function listNotOwnedSql(admin: string): string {
  const keyword = Object.entries(ALTER_KEYWORDS)
    .map(([relkind, word]) => `WHEN '${relkind}' THEN '${word}'`)
    .join(' ');
  const kinds = [...TABLE_RELKINDS, 'S'].map(k => `'${k}'`).join(', ');
  return [
    'SELECT c.relname AS object,',
    '       pg_get_userbyid(c.relowner) AS owner,',
    `       format('ALTER %s %I.%I OWNER TO %I;', CASE c.relkind ${keyword} END,`,
    `              n.nspname, c.relname, ${escapeLiteral(admin)}) AS statement`,
    '  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace',
    ` WHERE n.nspname = ${escapeLiteral(SCHEMA)}`,
    `   AND c.relkind IN (${kinds})`,
    `   AND pg_get_userbyid(c.relowner) <> ${escapeLiteral(admin)}`,
    `   AND NOT (c.relkind = 'S' AND ${COLUMN_SEQUENCE.replace(/\s+/g, ' ')})`,
    ' ORDER BY owner, object;',
  ].join('\n');
}
