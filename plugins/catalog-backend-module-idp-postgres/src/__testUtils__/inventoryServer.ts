import { DiscoveryService } from '@backstage/backend-plugin-api';
import type { Inventory } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** What the stand-in backend answers next. */
export interface InventoryAnswer {
  status: number;
  body: string;
}

/** The answer of a backend that has an inventory. */
export function inventoryAnswer(inventory: Inventory): InventoryAnswer {
  return { status: 200, body: JSON.stringify(inventory) };
}

/** The answer of a backend that has no inventory yet, as its error middleware writes it. */
export function notYetAnswer(): InventoryAnswer {
  return {
    status: 503,
    body: JSON.stringify({
      error: {
        name: 'ServiceUnavailableError',
        message: 'The platform inventory has not been read yet',
      },
      request: { method: 'GET', url: '/api/idp-postgres/inventory' },
      response: { statusCode: 503 },
    }),
  };
}

/**
 * A real HTTP server on loopback that answers the idp-postgres backend's
 * `GET /api/idp-postgres/inventory` route, and records the requests it got.
 */
export class InventoryServer {
  answer: InventoryAnswer = notYetAnswer();
  readonly requests: Array<{ url?: string; headers: IncomingHttpHeaders }> = [];
  readonly #server: Server;

  private constructor() {
    this.#server = createServer((req, res) => this.#handle(req, res));
  }

  static async start(): Promise<InventoryServer> {
    const self = new InventoryServer();
    await new Promise<void>(resolve =>
      self.#server.listen(0, '127.0.0.1', resolve),
    );
    return self;
  }

  #handle(req: IncomingMessage, res: ServerResponse) {
    this.requests.push({ url: req.url, headers: req.headers });
    if (req.method !== 'GET' || req.url !== '/api/idp-postgres/inventory') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'Not found' },
        }),
      );
      return;
    }
    res.writeHead(this.answer.status, { 'content-type': 'application/json' });
    res.end(this.answer.body);
  }

  get baseUrl(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Discovery as a backend with every plugin on this server would answer. */
  discovery(): DiscoveryService {
    const url = async (pluginId: string) => `${this.baseUrl}/api/${pluginId}`;
    return { getBaseUrl: url, getExternalBaseUrl: url };
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }
}
