import {
  DATABASE_ROLES,
  DatabaseRole,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';

const ROLE_HINTS: Record<DatabaseRole, string> = {
  admin: 'admin (owns tables, runs migrations)',
  write: 'write (reads and writes data)',
  read: 'read (reads data)',
};

/** Which role the snippets are for; radio buttons keep it one keystroke away. */
export function RoleSelector(props: {
  value: DatabaseRole;
  onChange: (role: DatabaseRole) => void;
}) {
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">Connect as role</FormLabel>
      <RadioGroup
        row
        name="role"
        value={props.value}
        onChange={e => props.onChange(e.target.value as DatabaseRole)}
      >
        {DATABASE_ROLES.map(role => (
          <FormControlLabel
            key={role}
            value={role}
            control={<Radio />}
            label={ROLE_HINTS[role]}
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}
