import type { DatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { GrantsView } from './GrantsView';
import { useGrants } from './useGrants';

/**
 * The grants of one database on their own, loading their report and
 * running the apply flow themselves. The database panel shares that flow
 * with the status headline and uses {@link GrantsView} directly.
 */
export function GrantsSection(props: {
  dbRef: DatabaseRef;
  /** Called once grants were applied, so the status and known errors check again. */
  onChanged?: () => void;
}) {
  const grants = useGrants(props.dbRef, { onChanged: props.onChanged });
  return <GrantsView grants={grants} />;
}
