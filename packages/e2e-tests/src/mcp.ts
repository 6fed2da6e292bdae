import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { DevBackstage } from './devBackstage';
import { pollUntil } from './poll';
import type { SandboxPassword } from './sandboxState';
import { BackstageApi } from './scaffolderApi';

type CallResult = Awaited<ReturnType<Client['callTool']>>;

/**
 * The dev backend's actions as an AI agent meets them: a real MCP client
 * (Streamable HTTP) at `/api/mcp-actions/v1`, signed in as the guest, lists
 * the plugin's tools, reads and is refused what the guest's groups do not
 * own. No password of the sandbox appears in any answer.
 */
export function mcpScenarios(
  context: () => { backstage: DevBackstage; passwords: SandboxPassword[] },
) {
  test('an MCP client lists and calls the actions in the dev backend', async () => {
    const { backstage, passwords } = context();
    const guest = await BackstageApi.signIn(backstage.backendUrl);
    // Run alone (E2E_ONLY=mcp), the test may come before the first refresh.
    await pollUntil('the platform inventory', async () =>
      (await guest.fetch('idp-postgres/inventory')).ok ? true : undefined,
    );
    const client = new Client({ name: 'idp-postgres-e2e', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${backstage.backendUrl}/api/mcp-actions/v1`),
        {
          requestInit: { headers: { authorization: `Bearer ${guest.token}` } },
        },
      ),
    );
    const textOf = (result: CallResult): string => {
      const [content] = result.content as Array<{ text: string }>;
      for (const { value: password } of passwords) {
        assert.ok(!content.text.includes(password), 'a password in an answer');
      }
      return content.text;
    };
    try {
      const { tools } = await client.listTools();
      const names = tools
        .map(t => t.name)
        .filter(n => n.startsWith('idp-postgres.'));
      assert.deepEqual(names.sort(), [
        'idp-postgres.apply-postgres-grants',
        'idp-postgres.check-postgres-database-name',
        'idp-postgres.get-postgres-connection-details',
        'idp-postgres.get-postgres-database-monitoring',
        'idp-postgres.get-postgres-database-status',
        'idp-postgres.list-postgres-databases',
        'idp-postgres.plan-postgres-grants',
        'idp-postgres.plan-postgres-restore',
        'idp-postgres.restore-postgres-secrets',
      ]);

      const list = await client.callTool({
        name: 'idp-postgres.list-postgres-databases',
        arguments: { namespace: 'demo-dev' },
      });
      assert.ok(!list.isError, textOf(list));
      const { items } = JSON.parse(textOf(list)) as {
        items: Array<{ name: string; owner?: { entityRef?: string } }>;
      };
      const orders = items.find(i => i.name === 'orders');
      assert.equal(orders?.owner?.entityRef, 'group:default/team-shop');

      const status = await client.callTool({
        name: 'idp-postgres.get-postgres-database-status',
        arguments: { namespace: 'demo-dev', name: 'orders' },
      });
      assert.ok(!status.isError, textOf(status));
      assert.match(textOf(status), /"headline"/);

      // demo-prod/payments belongs to team-finance; the guest is in team-shop.
      const refused = await client.callTool({
        name: 'idp-postgres.restore-postgres-secrets',
        arguments: { namespace: 'demo-prod', name: 'payments' },
      });
      assert.equal(refused.isError, true);
      assert.match(
        textOf(refused),
        /NotAllowedError: Not allowed to use idp-postgres\.secrets\.restore on database demo-prod\/payments/,
      );
    } finally {
      await client.close();
    }
  });
}
