import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  IdpPostgresDatabaseNameFieldExtension,
  IdpPostgresDeletionProtectionFieldExtension,
} from './plugin';

/** Lists the fields the way the legacy scaffolder page collects them. */
function CollectedFields() {
  const fields = useCustomFieldExtensions(
    <ScaffolderFieldExtensions>
      <IdpPostgresDatabaseNameFieldExtension />
      <IdpPostgresDeletionProtectionFieldExtension />
    </ScaffolderFieldExtensions>,
  );
  return (
    <ul>
      {fields.map(field => (
        <li key={field.name}>
          {field.name} validates: {String(Boolean(field.validation))}
        </li>
      ))}
    </ul>
  );
}

describe('legacy scaffolder field extensions', () => {
  it('are found by the scaffolder under their ui:field names, with validation', async () => {
    await renderInTestApp(<CollectedFields />);
    expect(
      screen.getAllByRole('listitem').map(item => item.textContent),
    ).toEqual([
      'IdpPostgresDatabaseName validates: true',
      'IdpPostgresDeletionProtection validates: true',
    ]);
  });
});
