import { ConfigReader } from '@backstage/config';
import { unreachableBackendClient } from '../../__testUtils__/platform';
import {
  createWorkspace,
  exampleInput,
  removeWorkspaces,
  runAction,
} from '../../__testUtils__/workspace';
import { createForceDeleteSecretsAction } from './forceDeleteSecrets';
import { examples } from './forceDeleteSecrets.examples';

const config = new ConfigReader({});
const input = { namespace: 'idp-dev', name: 'legacy' };

afterAll(removeWorkspaces);

describe('idp:postgres:force-delete-secrets', () => {
  it('needs the backend, in a dry run too', async () => {
    const action = createForceDeleteSecretsAction({ config });
    await expect(
      runAction(action, createWorkspace(), input, { dryRun: true }),
    ).rejects.toThrow(/force-deleting secrets needs the idp-postgres backend/);
  });

  it('asks the platform in a dry run, so a user learns before any pull request whether they may', async () => {
    const action = createForceDeleteSecretsAction({
      config,
      platform: await unreachableBackendClient(),
    });
    await expect(
      runAction(action, createWorkspace(), input, { dryRun: true }),
    ).rejects.toThrow(
      /^Could not check the forced deletion of the Secrets Manager secrets of idp-dev\/legacy: the idp-postgres backend did not answer/,
    );
  });

  it('fails, deleting nothing, when the removal cannot be confirmed in time', async () => {
    const action = createForceDeleteSecretsAction({
      config,
      platform: await unreachableBackendClient(),
    });
    await expect(
      runAction(action, createWorkspace(), { ...input, waitMinutes: 0 }),
    ).rejects.toThrow(
      /^The removal of idp-dev\/legacy is not merged and synced after 0 minutes \(unknown: The last look at the platform failed: .*\), so its Secrets Manager secrets were not deleted/,
    );
  });

  it.each([
    [
      { waitMinutes: 1000 },
      /waitMinutes is 1000; it must be between 0 and 720/,
    ],
    [{ pollSeconds: 0.5 }, /pollSeconds is 0.5; it must be between 1 and 600/],
    [{ name: 'x'.repeat(100_000) }, /^name is 100000 characters long/],
    [{ namespace: 'idp dev' }, /Namespace "idp dev" contains a space/],
  ])('refuses %j before asking the platform', async (change, message) => {
    const action = createForceDeleteSecretsAction({ config });
    await expect(
      runAction(action, createWorkspace(), { ...input, ...change }),
    ).rejects.toThrow(message);
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'accepts the example and asks the platform: %s',
    async (_, example) => {
      const action = createForceDeleteSecretsAction({
        config,
        platform: await unreachableBackendClient(),
      });
      const given = exampleInput(example, action.id);
      await expect(
        runAction(action, createWorkspace(), given, { dryRun: true }),
      ).rejects.toThrow(/the idp-postgres backend did not answer/);
    },
  );
});
