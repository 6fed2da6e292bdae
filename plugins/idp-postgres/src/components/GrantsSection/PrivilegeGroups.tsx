import {
  GrantedRole,
  PrivilegeGroup,
  describePrivilegeObjects,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';

/**
 * A group in one sentence: "write lacks INSERT on 1,000 tables: orders,
 * items, … and 995 more". Missing and extra privileges read differently.
 */
export function privilegeGroupText(
  group: PrivilegeGroup,
  finding: 'missing' | 'extra',
): string {
  const verb = finding === 'missing' ? 'lacks' : 'also has';
  return `${group.role} ${verb} ${
    group.privilege
  } on ${describePrivilegeObjects(group)}`;
}

/**
 * One role's missing and extra privileges, one line per privilege and kind
 * of object with a count and a few names, so a database with thousands of
 * tables shows the same few lines as one with two.
 */
export function PrivilegeGroups(props: {
  role: GrantedRole;
  missing: PrivilegeGroup[];
  extra: PrivilegeGroup[];
}) {
  const { role, missing, extra } = props;
  const lines = [
    ...missing.map(g => ({ group: g, finding: 'missing' as const })),
    ...extra.map(g => ({ group: g, finding: 'extra' as const })),
  ];
  if (lines.length === 0) {
    return (
      <Typography variant="body2" paragraph>
        The {role} role has exactly the expected privileges.
      </Typography>
    );
  }
  return (
    <ul aria-label={`Privileges of the ${role} role`}>
      {lines.map(({ group, finding }) => (
        <Typography
          component="li"
          variant="body2"
          key={`${finding}-${group.kind}-${group.privilege}`}
        >
          {privilegeGroupText(group, finding)}
        </Typography>
      ))}
    </ul>
  );
}
