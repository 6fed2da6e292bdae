import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { sandboxUrlReaderServiceFactory } from '@jppol-idp/idp-sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { policyPermissions } from '../__testUtils__/policyPermissions';
import { SandboxPlatform } from '../__testUtils__/sandboxPlatform';
import { INVENTORY_REFRESH_TASK_ID } from '../inventory/scheduleInventoryRefresh';
import { idpPostgresPlugin } from '../plugin';

// Real databases and a backend start: beyond Jest's 5 s on a busy machine.
const SETUP_TIMEOUT_MS = 30_000;
const platform = new SandboxPlatform();
const TEAM_A = 'group:default/team-a';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const DB = { namespace: 'idp-dev', name: 'mcp-orders' };
const passwords: string[] = [];

/**
 * The plugin's actions as an AI agent meets them: a real MCP client
 * (Streamable HTTP, the transport the MCP actions backend serves) against
 * a backend running this plugin and `@backstage/plugin-mcp-actions-backend`,
 * which reaches the actions through Backstage's actions service over HTTP.
 */
describe('the actions as MCP tools', () => {
  let baseUrl: URL;
  const clients: Client[] = [];

  async function connect(user: string): Promise<Client> {
    const client = new Client({ name: 'idp-postgres-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(baseUrl, {
        requestInit: {
          headers: { Authorization: mockCredentials.user.header(user) },
        },
      }),
    );
    clients.push(client);
    return client;
  }

  function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
    const [content] = result.content as Array<{ type: string; text: string }>;
    for (const password of passwords) {
      expect(content.text).not.toContain(password);
    }
    return content.text;
  }

  beforeAll(async () => {
    await platform.start();
    const db = await platform.provision(DB);
    passwords.push(...Object.values(db.passwords));
    await platform.define(DB, { owner: TEAM_A });
    const scheduler = mockServices.scheduler();
    const backend = await startTestBackend({
      features: [
        idpPostgresPlugin,
        mcpActionsPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...platform.config(),
            // The actions service lists actions of these plugins only.
            backend: { actions: { pluginSources: ['idp-postgres'] } },
          } as never,
        }),
        mockServices.permissions.mock(
          policyPermissions({ claims: { [ALICE]: [ALICE, TEAM_A] } }),
        ).factory,
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        sandboxUrlReaderServiceFactory,
      ],
    });
    await scheduler.triggerTask(INVENTORY_REFRESH_TASK_ID);
    baseUrl = new URL(
      `http://localhost:${backend.server.port()}/api/mcp-actions/v1`,
    );
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(clients.map(client => client.close()));
    await platform.stop();
  });

  it('lists the nine tools with their hints', async () => {
    const client = await connect(ALICE);
    const { tools } = await client.listTools();
    const byName = new Map(tools.map(tool => [tool.name, tool]));
    const readOnly = {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
    };
    const destructive = {
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    };
    // Tool names carry the plugin id (mcpActions.namespacedToolNames).
    expect(
      Object.fromEntries(
        [...byName].map(([name, tool]) => [
          name,
          {
            readOnlyHint: tool.annotations?.readOnlyHint,
            destructiveHint: tool.annotations?.destructiveHint,
            idempotentHint: tool.annotations?.idempotentHint,
          },
        ]),
      ),
    ).toEqual({
      'idp-postgres.list-postgres-databases': readOnly,
      'idp-postgres.get-postgres-database-status': readOnly,
      'idp-postgres.get-postgres-connection-details': readOnly,
      'idp-postgres.get-postgres-database-monitoring': readOnly,
      'idp-postgres.plan-postgres-grants': readOnly,
      'idp-postgres.plan-postgres-restore': readOnly,
      'idp-postgres.apply-postgres-grants': destructive,
      'idp-postgres.restore-postgres-secrets': destructive,
      'idp-postgres.check-postgres-database-name': readOnly,
    });
    const status = byName.get('idp-postgres.get-postgres-database-status')!;
    expect(status.inputSchema.required).toEqual(['namespace', 'name']);
    expect(Object.keys(status.inputSchema.properties ?? {})).toEqual([
      'namespace',
      'name',
      'refresh',
    ]);
  });

  it('lists databases and gives connection details, without a password', async () => {
    const client = await connect(ALICE);
    const list = await client.callTool({
      name: 'idp-postgres.list-postgres-databases',
      arguments: { namespace: 'idp-dev' },
    });
    expect(list.isError).toBeFalsy();
    expect(JSON.parse(textOf(list))).toEqual(list.structuredContent);
    expect(list.structuredContent).toMatchObject({
      namespace: 'idp-dev',
      items: [
        {
          name: 'mcp-orders',
          database: 'idp-dev-mcp-orders',
          lifecycle: 'deployed',
          owner: { entityRef: TEAM_A },
        },
      ],
    });

    const connection = await client.callTool({
      name: 'idp-postgres.get-postgres-connection-details',
      arguments: DB,
    });
    expect(connection.isError).toBeFalsy();
    const details = JSON.parse(textOf(connection));
    expect(details).toMatchObject({
      database: 'idp-dev-mcp-orders',
      port: 5432,
      roles: [
        { role: 'admin', username: 'idp-dev-mcp-orders-admin' },
        { role: 'write', username: 'idp-dev-mcp-orders-write' },
        { role: 'read', username: 'idp-dev-mcp-orders-read' },
      ],
    });
    expect(details.local.passwordSource).toContain('Secrets Manager');
  });

  it('reports a refusal and a bad name as tool errors the agent can read', async () => {
    const client = await connect(BOB);
    const refused = await client.callTool({
      name: 'idp-postgres.apply-postgres-grants',
      arguments: DB,
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain(
      `NotAllowedError: Not allowed to use idp-postgres.grants.apply on database idp-dev/mcp-orders: only its owner ${TEAM_A}`,
    );

    const badName = await client.callTool({
      name: 'idp-postgres.get-postgres-database-status',
      arguments: { namespace: 'idp-dev', name: 'MCP Orders' },
    });
    expect(badName.isError).toBe(true);
    expect(textOf(badName)).toContain(
      'Database name must be a Kubernetes DNS label',
    );
  });
});
