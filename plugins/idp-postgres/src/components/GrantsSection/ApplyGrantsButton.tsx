import { idpPostgresGrantsApplyPermission } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Button from '@material-ui/core/Button';
import { PermissionNote } from '../common/PermissionNote';
import type { GrantsFlow } from './useGrants';

/** Why the apply flow cannot start now, next to the button that starts it. */
export function ApplyGrantsNote(props: { grants: GrantsFlow }) {
  const { permission } = props.grants;
  return (
    <PermissionNote
      loading={permission.loading}
      allowed={permission.allowed}
      action="apply grants"
      permissionName={idpPostgresGrantsApplyPermission.name}
    />
  );
}

/** "Apply grants", which opens the confirmation, and why it is disabled when it is. */
export function ApplyGrantsButton(props: { grants: GrantsFlow }) {
  const { grants } = props;
  return (
    <>
      <Button
        variant="contained"
        color="primary"
        disabled={!grants.canApply}
        onClick={grants.askToApply}
      >
        Apply grants
      </Button>
      <ApplyGrantsNote grants={grants} />
    </>
  );
}
