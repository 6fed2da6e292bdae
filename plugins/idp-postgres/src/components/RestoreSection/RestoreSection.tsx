import type { DatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { RestoreView } from './RestoreView';
import { useRestore } from './useRestore';

/**
 * The restore of one database on its own, running the flow itself. The
 * database panel shares that flow with the status headline and uses
 * {@link RestoreView} directly.
 */
export function RestoreSection(props: {
  dbRef: DatabaseRef;
  /** Called once secrets were restored, so the status and known errors check again. */
  onChanged?: () => void;
}) {
  const restore = useRestore(props.dbRef, props.onChanged);
  return <RestoreView dbRef={props.dbRef} restore={restore} />;
}
