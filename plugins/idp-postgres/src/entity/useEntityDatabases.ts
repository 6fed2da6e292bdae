import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  EntityDatabases,
  resolveEntityDatabases,
} from './resolveEntityDatabases';

/** The databases of the entity on the current page, resolved through the catalog. */
export function useEntityDatabases(): {
  loading: boolean;
  error?: Error;
  value?: EntityDatabases;
} {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  return useAsync(
    () => resolveEntityDatabases(entity, catalogApi),
    [entity, catalogApi],
  );
}
