import Typography from '@material-ui/core/Typography';

/**
 * Why an action is unavailable. A disabled button alone tells a screen
 * reader user nothing, so the reason is text next to it.
 */
export function PermissionNote(props: {
  loading: boolean;
  allowed: boolean;
  action: string;
  permissionName: string;
}) {
  if (props.loading) {
    return (
      <Typography variant="body2" color="textSecondary">
        Checking whether you may {props.action}…
      </Typography>
    );
  }
  if (props.allowed) return null;
  return (
    <Typography variant="body2" color="textSecondary">
      You may not {props.action}: it needs the {props.permissionName} permission
      on this database. Ask the database’s owners or the platform team.
    </Typography>
  );
}
