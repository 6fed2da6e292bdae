import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import scaffolderModule from './index';

/** Stands in for the scaffolder plugin: collects the actions modules add. */
function scaffolderStandIn(collected: TemplateAction<any, any, any>[]) {
  return createBackendPlugin({
    pluginId: 'scaffolder',
    register(reg) {
      reg.registerExtensionPoint(scaffolderActionsExtensionPoint, {
        addActions: (...actions) => collected.push(...actions),
      });
      reg.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('the idp-postgres scaffolder module', () => {
  it('registers every action with an empty config', async () => {
    const collected: TemplateAction<any, any, any>[] = [];
    const backend = await startTestBackend({
      features: [
        scaffolderStandIn(collected),
        scaffolderModule,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    expect(collected.map(a => a.id).sort()).toEqual([
      'idp:postgres:connect-app',
      'idp:postgres:create-database',
      'idp:postgres:force-delete-secrets',
      'idp:postgres:plan-upgrade',
      'idp:postgres:remove-database',
      'idp:postgres:set-chart-version',
      'idp:postgres:set-deletion-protection',
      'idp:postgres:wait-for-database',
    ]);
    for (const action of collected) {
      expect(action.supportsDryRun).toBe(true);
      expect(action.examples?.length).toBeGreaterThan(0);
    }
    await backend.stop();
  });

  it('refuses to start with an unusable configured chart version', async () => {
    await expect(
      startTestBackend({
        features: [
          scaffolderStandIn([]),
          scaffolderModule,
          mockServices.rootConfig.factory({
            data: {
              idpPostgres: { scaffolder: { defaultChartVersion: 'latest' } },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      /idpPostgres.scaffolder.defaultChartVersion: Chart version "latest"/,
    );
  });
});
