import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { unreachableBackendClient } from '../../__testUtils__/platform';
import {
  createWorkspace,
  exampleInput,
  removeWorkspaces,
  runAction,
} from '../../__testUtils__/workspace';
import { createWaitForDatabaseAction } from './waitForDatabase';
import { examples } from './waitForDatabase.examples';

const config = new ConfigReader({});
const action = createWaitForDatabaseAction({ config });
const input = { namespace: 'idp-dev', name: 'my-db' };

afterAll(removeWorkspaces);

describe('idp:postgres:wait-for-database', () => {
  it('does not wait in a dry run, and says so', async () => {
    const out = await runAction(action, createWorkspace(), input, {
      dryRun: true,
    });
    expect(out).toEqual({
      complete: false,
      missing: [],
      summary:
        'Dry run: did not wait for idp-dev/my-db to be ready, since nothing was published.',
      entityRef: 'resource:default/idp-dev.my-db',
      tabPath: '/catalog/default/resource/idp-dev.my-db/postgresql',
    });
  });

  it('needs the backend to wait for real', async () => {
    await expect(runAction(action, createWorkspace(), input)).rejects.toThrow(
      /waiting needs the idp-postgres backend/,
    );
  });

  it('does not fail when the platform cannot be reached before the deadline, but reports why', async () => {
    const logger = mockServices.logger.mock();
    const unreachable = createWaitForDatabaseAction({
      config,
      platform: await unreachableBackendClient(),
    });
    const out = await runAction(
      unreachable,
      createWorkspace(),
      { ...input, timeoutMinutes: 0, link: 'https://github.com/x/y/pull/1' },
      { logger },
    );
    expect(out.complete).toBe(false);
    expect(out.missing).toEqual([
      {
        step: 'unknown',
        detail: expect.stringMatching(
          /^The last look at the platform failed: Could not read the progress of idp-dev\/my-db: the idp-postgres backend did not answer/,
        ),
      },
    ]);
    expect(out.watchId).toBeUndefined();
    expect(out.summary).toMatch(
      /^idp-dev\/my-db is not ready to use yet after 0 minutes\. Still missing: unknown: The last look .* No notification could be arranged, so look at its PostgreSQL tab later\.$/,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not read the progress of idp-dev\/my-db: the idp-postgres backend did not answer; caused by [^:]*: fetch failed; trying again$/,
      ),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^idp-dev\/my-db is not ready yet, and no notification could be arranged: Could not register a watch on idp-dev\/my-db/,
      ),
    );
  });

  it.each([
    [
      { timeoutMinutes: 721 },
      /timeoutMinutes is 721; it must be between 0 and 720/,
    ],
    [
      { timeoutMinutes: -1 },
      /timeoutMinutes is -1; it must be between 0 and 720/,
    ],
    [{ pollSeconds: 0 }, /pollSeconds is 0; it must be between 1 and 600/],
    [{ timeoutMinutes: 'soon' }, /timeoutMinutes must be a number/],
    [{ expect: 'gone' }, /expect must be "ready" or "removed"/],
    [{ link: 'https://x\nevil' }, /link must be a single line/],
    [
      { link: 'x'.repeat(100_000) },
      /^link is 100000 characters long; the limit is 2048\.$/,
    ],
    [{ name: 'My_db' }, /Database name "My_db" contains an underscore/],
    [{ namespace: 'n'.repeat(60) }, /over PostgreSQL's 63-byte limit/],
  ])('refuses %j', async (change, message) => {
    await expect(
      runAction(
        action,
        createWorkspace(),
        { ...input, ...change },
        { dryRun: true },
      ),
    ).rejects.toThrow(message);
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'accepts the example (dry run): %s',
    async (_, example) => {
      const given = exampleInput(example, action.id);
      const out = await runAction(action, createWorkspace(), given, {
        dryRun: true,
      });
      expect(out.summary).toMatch(/^Dry run: did not wait/);
    },
  );
});
