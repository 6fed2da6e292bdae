import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { IdpPostgresApi, idpPostgresApiRef } from '../api';
import { permissionApi } from './permissionApi';
import { UI_TIMEOUT_MS } from './timeouts';

export { UI_TIMEOUT_MS };

/**
 * Renders a section with our API and a permission API that answers every
 * request with `decision`. usePermission caches decisions module-wide per
 * request, so a test needing a fresh decision renders a database of its own.
 */
export async function renderSection(
  element: ReactElement,
  options: { api: IdpPostgresApi; decision?: 'allow' | 'deny' },
) {
  const permissions = permissionApi(options.decision ?? 'allow');
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [idpPostgresApiRef, options.api],
        [permissionApiRef, permissions],
      ]}
    >
      {element}
    </TestApiProvider>,
  );
  return { rendered, authorize: permissions.authorize };
}

/** A button once the permission check has enabled it. */
export async function findEnabledButton(name: string | RegExp) {
  const button = await screen.findByRole(
    'button',
    { name },
    { timeout: UI_TIMEOUT_MS },
  );
  await waitFor(() => expect(button).toBeEnabled(), {
    timeout: UI_TIMEOUT_MS,
  });
  return button;
}
