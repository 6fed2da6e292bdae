import {
  DATABASE_ROLES,
  DatabaseRole,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import { useId } from 'react';
import type { RestoreOptions } from '../../api';

/** Every option the section sends, so a plan can be compared with the form. */
export type RestoreChoices = Required<RestoreOptions>;

export const DEFAULT_CHOICES: RestoreChoices = {
  force: false,
  roles: [...DATABASE_ROLES],
  restoreScheduledSecrets: false,
};

export function sameChoices(a: RestoreChoices, b: RestoreChoices): boolean {
  return (
    a.force === b.force &&
    a.restoreScheduledSecrets === b.restoreScheduledSecrets &&
    a.roles.length === b.roles.length &&
    a.roles.every(r => b.roles.includes(r))
  );
}

/**
 * What the restore covers and may do. The option for secrets scheduled for
 * deletion only appears once a plan met one: it cancels a deletion someone
 * asked for, which nobody should be offered without a reason.
 */
export function RestoreOptionsForm(props: {
  value: RestoreChoices;
  onChange: (value: RestoreChoices) => void;
  disabled: boolean;
  offerScheduled: boolean;
}) {
  const { value, onChange, disabled, offerScheduled } = props;
  const scheduledHelpId = useId();
  const toggleRole = (role: DatabaseRole, checked: boolean) =>
    onChange({
      ...value,
      // In the common order, so the request reads the same whatever the clicks.
      roles: DATABASE_ROLES.filter(r =>
        r === role ? checked : value.roles.includes(r),
      ),
    });
  return (
    <Box mb={1}>
      <FormControl component="fieldset" error={value.roles.length === 0}>
        <FormLabel component="legend">Roles to restore</FormLabel>
        <FormGroup row>
          {DATABASE_ROLES.map(role => (
            <FormControlLabel
              key={role}
              label={role}
              control={
                <Checkbox
                  checked={value.roles.includes(role)}
                  onChange={e => toggleRole(role, e.target.checked)}
                  disabled={disabled}
                />
              }
            />
          ))}
        </FormGroup>
        {value.roles.length === 0 && (
          <FormHelperText>Choose at least one role to restore.</FormHelperText>
        )}
      </FormControl>
      <FormGroup>
        <FormControlLabel
          label="Overwrite Kubernetes secrets that differ from Secrets Manager"
          control={
            <Checkbox
              checked={value.force}
              onChange={e => onChange({ ...value, force: e.target.checked })}
              disabled={disabled}
            />
          }
        />
        {offerScheduled && (
          <>
            <FormControlLabel
              label="Also restore secrets scheduled for deletion (cancels the deletion in Secrets Manager)"
              control={
                <Checkbox
                  checked={value.restoreScheduledSecrets}
                  onChange={e =>
                    onChange({
                      ...value,
                      restoreScheduledSecrets: e.target.checked,
                    })
                  }
                  disabled={disabled}
                  inputProps={{ 'aria-describedby': scheduledHelpId }}
                />
              }
            />
            <FormHelperText id={scheduledHelpId}>
              Secrets Manager cannot read a secret scheduled for deletion, so
              the restore skips it. With this option it first cancels the
              deletion (RestoreSecret): the secret is kept and restored from.
            </FormHelperText>
          </>
        )}
      </FormGroup>
    </Box>
  );
}
