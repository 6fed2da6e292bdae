import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import plugin from './alpha';
import {
  componentDependingOn,
  databaseResource,
} from './__testUtils__/entities';
import {
  idpPostgresDatabaseNameFormField,
  idpPostgresDeletionProtectionFormField,
  idpPostgresEntityContent,
} from './extensions';

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

describe('scaffolder form fields', () => {
  it('are extensions of the plugin', () => {
    expect(
      plugin.getExtension('scaffolder-form-field:idp-postgres/database-name'),
    ).toBeDefined();
    expect(
      plugin.getExtension(
        'scaffolder-form-field:idp-postgres/deletion-protection',
      ),
    ).toBeDefined();
  });

  it('load IdpPostgresDatabaseName and IdpPostgresDeletionProtection lazily', async () => {
    const loaders = [
      createExtensionTester(idpPostgresDatabaseNameFormField).get(
        FormFieldBlueprint.dataRefs.formFieldLoader,
      ),
      createExtensionTester(idpPostgresDeletionProtectionFormField).get(
        FormFieldBlueprint.dataRefs.formFieldLoader,
      ),
    ];
    // createFormField keeps its options on the opaque value; the name is
    // what templates put in ui:field.
    await expect(Promise.all(loaders.map(load => load()))).resolves.toEqual([
      expect.objectContaining({
        $$type: '@backstage/scaffolder/FormField',
        name: 'IdpPostgresDatabaseName',
      }),
      expect.objectContaining({
        $$type: '@backstage/scaffolder/FormField',
        name: 'IdpPostgresDeletionProtection',
      }),
    ]);
  });
});
