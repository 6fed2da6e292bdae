import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import plugin from './alpha';
import {
  componentDependingOn,
  databaseResource,
} from './__testUtils__/entities';
import { idpPostgresEntityContent } from './extensions';

describe('new frontend system plugin', () => {
  it('is the idp-postgres plugin', () => {
    expect(plugin.id).toBe('idp-postgres');
  });

  it('mounts the tab at postgresql, titled PostgreSQL, for entities with databases', () => {
    const tester = createExtensionTester(idpPostgresEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'PostgreSQL',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(databaseResource('idp-dev', 'orders'))).toBe(true);
    expect(filter?.(componentDependingOn())).toBe(false);
  });
});
