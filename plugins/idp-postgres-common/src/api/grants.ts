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
 * One privilege of one role on one object. `object` is the object's name
 * (for default privileges, the schema they apply in).
 *
 * @public
 */
export interface PrivilegeFinding {
  role: GrantedRole;
  kind: GrantObjectKind;
  object: string;
  privilege: string;
}

/**
 * A table or sequence in schema public that the admin role does not own.
 * Only an object's owner may grant on it, so the manual's `GRANT … ON ALL
 * TABLES` run as the admin role skips it (or fails on it).
 *
 * @public
 */
export interface OwnershipFinding {
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
 * What read and write roles miss and have beyond the manual's cheatsheet,
 * and the SQL that grants what is missing.
 *
 * @public
 */
export interface GrantReport {
  database: string;
  /** The role the check ran as and the fix runs as. */
  adminRole: string;
  missing: PrivilegeFinding[];
  extra: PrivilegeFinding[];
  /** Statements with quoted identifiers, empty when nothing is missing. */
  fixSql: string[];
  /**
   * Tables and sequences the admin role does not own, whose privileges the
   * fix SQL cannot grant; empty or left out when there are none.
   */
  notOwnedByAdmin?: OwnershipFinding[];
  checkedAt: string;
}

/** What applying the grant SQL did. @public */
export interface GrantApplyResult {
  database: string;
  statements: string[];
  /**
   * PostgreSQL's warnings, e.g. "no privileges were granted for …" on an
   * object the admin role does not own; such privileges stay missing.
   */
  warnings: string[];
  /** The report after applying; anything still missing is listed here. */
  after: GrantReport;
}
