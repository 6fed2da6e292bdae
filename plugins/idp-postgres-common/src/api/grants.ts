import type { DatabaseRole } from '../names';

/** The roles whose privileges the grant report checks. @public */
export type GrantedRole = Exclude<DatabaseRole, 'admin'>;

/** What kind of object a privilege is on. @public */
export type GrantObjectKind =
  | 'schema'
  | 'table'
  | 'sequence'
  | 'default-tables'
  | 'default-sequences';

/**
 * How many object names the grant report gives as samples per group. A
 * database with thousands of tables would otherwise make a report of
 * hundreds of kilobytes that nobody reads past the first lines.
 *
 * @public
 */
export const GRANT_REPORT_SAMPLES = 5;

/**
 * One privilege of one role on every object of one kind that lacks it (or,
 * in `extra`, holds it beyond the manual's cheatsheet): how many objects,
 * and the first names in byte order. Schema and default privileges concern
 * one schema, so their `count` is 1 and their sample is the schema.
 *
 * @public
 */
export interface PrivilegeGroup {
  role: GrantedRole;
  privilege: string;
  kind: GrantObjectKind;
  /** How many objects of this kind the finding holds for. */
  count: number;
  /** Up to {@link GRANT_REPORT_SAMPLES} object names, sorted. */
  samples: string[];
}

/**
 * A table or sequence in schema public that the admin role does not own.
 * Only an object's owner may grant on it, so the manual's
 * `GRANT … ON ALL TABLES` run as the admin role skips it (or fails on it).
 *
 * @public
 */
export interface OwnershipFinding {
  /** Views, materialized views and foreign tables count as tables. */
  kind: 'table' | 'sequence';
  object: string;
  /** The role that owns it now. */
  owner: string;
  /**
   * `ALTER … OWNER TO` the admin role, with quoted identifiers; to be run by
   * the current owner (who must be able to act as the admin role) or the
   * cluster's master user, not by the admin role.
   */
  fixSql: string;
}

/**
 * The objects one role owns instead of the admin role.
 *
 * @public
 */
export interface OwnerGroup {
  owner: string;
  /** How many tables and sequences it owns in schema public. */
  count: number;
  /** Up to {@link GRANT_REPORT_SAMPLES} of them, tables first, by name. */
  samples: OwnershipFinding[];
}

/**
 * Tables and sequences the admin role does not own, whose privileges the
 * fix SQL cannot grant. Sequences that belong to a table column are left
 * out: they change owner with their table.
 *
 * @public
 */
export interface NotOwnedByAdmin {
  /** How many there are; 0 when the admin role owns everything. */
  count: number;
  /** How many roles own them. */
  ownerCount: number;
  /**
   * Per owner, most objects first; at most 10 owners, so `ownerCount`
   * says when there are more.
   */
  owners: OwnerGroup[];
  /**
   * A read-only query listing every one of them with its owner and its
   * `ALTER … OWNER TO` statement; any role of the database may run it.
   */
  listSql: string;
}

/**
 * What read and write roles miss and have beyond the manual's cheatsheet,
 * grouped by role, privilege and kind of object, and the SQL that grants
 * what is missing.
 *
 * @public
 */
export interface GrantReport {
  database: string;
  /** The role the check ran as and the fix runs as. */
  adminRole: string;
  /** How many tables (views and the like included) and sequences schema public holds. */
  objects: { tables: number; sequences: number };
  missing: PrivilegeGroup[];
  extra: PrivilegeGroup[];
  /**
   * Schema-wide statements with quoted identifiers, empty when nothing is
   * missing; the same few lines however many objects miss a privilege.
   */
  fixSql: string[];
  notOwnedByAdmin: NotOwnedByAdmin;
  checkedAt: string;
}

/** What applying the grant SQL did. @public */
export interface GrantApplyResult {
  database: string;
  /**
   * The statements run. With objects the admin role does not own, the
   * table and sequence grants run per object it owns (a `DO` block), since
   * PostgreSQL refuses the whole `GRANT … ON ALL TABLES` otherwise.
   */
  statements: string[];
  /** PostgreSQL's warnings, at most 20. */
  warnings: string[];
  /**
   * Set when objects the admin role does not own were left out: everything
   * else was granted, and their privileges stay missing until their owner
   * hands them to the admin role with the `ALTER … OWNER TO` statements.
   */
  skipped?: NotOwnedByAdmin;
  /** The report after applying; anything still missing is listed here. */
  after: GrantReport;
}

const KIND_WORDS: Record<'table' | 'sequence', [string, string]> = {
  table: ['table', 'tables'],
  sequence: ['sequence', 'sequences'],
};

/**
 * The objects of a privilege group in words: "schema public", "future
 * tables in schema public", "table orders", or "1,000 tables: a, b, c, d,
 * e and 995 more".
 *
 * @public
 */
export function describePrivilegeObjects(group: PrivilegeGroup): string {
  const [first] = group.samples;
  if (group.kind === 'schema') return `schema ${first}`;
  if (group.kind === 'default-tables')
    return `future tables in schema ${first}`;
  if (group.kind === 'default-sequences') {
    return `future sequences in schema ${first}`;
  }
  const [one, many] = KIND_WORDS[group.kind];
  if (group.count === 1) return `${one} ${first}`;
  const more = group.count - group.samples.length;
  const names =
    more > 0
      ? `${group.samples.join(', ')} and ${more.toLocaleString('en-US')} more`
      : group.samples.join(', ');
  return `${group.count.toLocaleString('en-US')} ${many}: ${names}`;
}

/**
 * How many privileges a list of groups stands for (one per object and
 * privilege), as the report counted them before it grouped them.
 *
 * @public
 */
export function countPrivileges(groups: PrivilegeGroup[]): number {
  return groups.reduce((sum, group) => sum + group.count, 0);
}
