import {
  CHECK_STATES_WORST_FIRST,
  CheckResult,
  CheckState,
  DatabaseRole,
  DatabaseStatus,
  PrivilegeGroup,
  RoleStatus,
  describePrivilegeObjects,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** The checks of a role, in the order a secret is made, copied, used. */
export const MATRIX_COLUMNS = [
  { key: 'kubernetesSecret', title: 'Kubernetes secret' },
  { key: 'secretsManagerSecret', title: 'Secrets Manager copy' },
  { key: 'secretAgreement', title: 'Copies agree' },
  { key: 'login', title: 'Login' },
  { key: 'privileges', title: 'Privileges' },
] as const;

/** A column of the matrix. */
export type MatrixColumn = (typeof MATRIX_COLUMNS)[number]['key'];

/** One cell: a role's check, or none where the check does not apply. */
export interface MatrixCell {
  role: DatabaseRole;
  column: MatrixColumn;
  /** "write role, Login", to name the cell wherever it is shown. */
  name: string;
  /** Absent where the check does not apply (the admin role's privileges). */
  result?: CheckResult;
}

/** One row of the matrix: a role and its cells, in column order. */
export interface MatrixRow {
  role: DatabaseRole;
  roleName: string;
  cells: MatrixCell[];
}

/** How many groups of missing privileges a cell names before it says how many more. */
const NAMED_PRIVILEGES = 3;

/** The role × check matrix of a status, one row per role. */
export function matrixRows(status: DatabaseStatus): MatrixRow[] {
  return status.roles.map(role => ({
    role: role.role,
    roleName: role.roleName,
    cells: MATRIX_COLUMNS.map(({ key, title }) => ({
      role: role.role,
      column: key,
      name: `${role.role} role, ${title}`,
      result: cellResult(status, role, key),
    })),
  }));
}

function cellResult(
  status: DatabaseStatus,
  role: RoleStatus,
  column: MatrixColumn,
): CheckResult | undefined {
  switch (column) {
    case 'secretsManagerSecret':
      return secretsManagerResult(role);
    case 'privileges':
      return privilegesResult(status.grants, role.role);
    default:
      return role[column];
  }
}

/** The Secrets Manager check, with when a scheduled deletion was asked for and when it purges. */
function secretsManagerResult(role: RoleStatus): CheckResult {
  const { deletionDate, purgeWindow, ...result } = role.secretsManagerSecret;
  if (!deletionDate) return result;
  // The backend's reason may already give the dates; each is said once.
  const added = [
    result.reason.includes(day(deletionDate))
      ? ''
      : ` Deletion requested on ${day(deletionDate)}.`,
    !purgeWindow || result.reason.includes(day(purgeWindow.earliest))
      ? ''
      : ` It is purged between ${day(purgeWindow.earliest)} and ${day(
          purgeWindow.latest,
        )}, depending on its recovery window.`,
  ].join('');
  return { ...result, reason: `${result.reason}${added}` };
}

/**
 * One role's privileges from the grant report. The status judges grants
 * once for both roles, so a role with nothing missing is OK on its own and
 * a role missing privileges takes the overall grants state and reason.
 */
function privilegesResult(
  grants: DatabaseStatus['grants'],
  role: DatabaseRole,
): CheckResult | undefined {
  if (role === 'admin') return undefined;
  const report = grants.report;
  if (!report) return { state: grants.state, reason: grants.reason };
  const missing = report.missing.filter(f => f.role === role);
  if (missing.length === 0) {
    return {
      state: 'ok',
      reason: `The ${role} role has every privilege the manual’s cheatsheet expects.`,
    };
  }
  // Groups are separated by semicolons: a group's own names use commas.
  const named = missing.slice(0, NAMED_PRIVILEGES).map(privilegeText);
  const more = missing.length - named.length;
  const list =
    more > 0
      ? `${named.join('; ')}; ${more} more in the Grants section`
      : named.join('; ');
  return {
    // A role missing privileges is never OK, whatever the overall verdict.
    state: grants.state === 'ok' ? 'warning' : grants.state,
    reason: `The ${role} role misses ${list}. ${grants.reason}`,
  };
}

function privilegeText(group: PrivilegeGroup): string {
  return `${group.privilege} on ${describePrivilegeObjects(group)}`;
}

/** The date part of an ISO timestamp; other text as it is. */
function day(value: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
}

/** Cells that are not OK and share a state and reason, listed once with every place they apply. */
export interface ProblemLine {
  state: CheckState;
  reason: string;
  where: string[];
}

/**
 * The cells that are not OK, worst first. A consequence repeated per role
 * ("Not compared: the Kubernetes secret is missing.") is listed once with
 * the roles it applies to, so the causes are not buried under echoes.
 */
export function problemLines(rows: MatrixRow[]): ProblemLine[] {
  const lines = new Map<string, ProblemLine>();
  for (const cell of rows.flatMap(r => r.cells)) {
    const result = cell.result;
    if (!result || result.state === 'ok') continue;
    const key = `${result.state}\u0000${result.reason}`;
    const line = lines.get(key) ?? {
      state: result.state,
      reason: result.reason,
      where: [],
    };
    line.where.push(cell.name);
    lines.set(key, line);
  }
  return [...lines.values()].sort(
    (a, b) =>
      CHECK_STATES_WORST_FIRST.indexOf(a.state) -
      CHECK_STATES_WORST_FIRST.indexOf(b.state),
  );
}
