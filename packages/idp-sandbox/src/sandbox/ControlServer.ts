import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { FaultInjector, FaultRule } from '../faults/FaultInjector';
import { LoopbackHttpServer, readBody, sendJson } from '../http/httpServer';
import { SandboxLogger, silentLogger } from '../logging/SandboxLogger';
import { seedDemoData } from '../seed/seedDemoData';
import type { Sandbox } from './Sandbox';

/** How to reach a running sandbox's control endpoint. @public */
export interface ControlAccess {
  url: string;
  token: string;
}

/**
 * A loopback HTTP endpoint through which other processes (the CLI, e2e tests,
 * benchmarks) drive a running sandbox: seed demo data and change fault rules
 * without restarting. Bearer-token protected; the token sits in a 0600 file.
 *
 * - `POST /seed`
 * - `GET /faults`
 * - `PUT /faults/{kubernetes|secrets-manager|postgres}/{operation}` with a FaultRule body
 * - `DELETE /faults` (all) or `/faults/{target}`
 *
 * @public
 */
export class ControlServer {
  readonly token = randomBytes(24).toString('base64url');
  readonly #sandbox: Sandbox;
  readonly #server: LoopbackHttpServer;
  readonly #logger: SandboxLogger;

  constructor(sandbox: Sandbox, logger: SandboxLogger = silentLogger) {
    this.#sandbox = sandbox;
    this.#logger = logger;
    this.#server = new LoopbackHttpServer((req, res) => {
      this.#handle(req, res).catch(error => {
        const status =
          error instanceof RangeError || error instanceof SyntaxError
            ? 400
            : 500;
        sendJson(res, status, {
          error: { name: error.name, message: error.message },
        });
      });
    });
  }

  async start(): Promise<ControlAccess> {
    await this.#server.listen(0);
    return { url: this.#server.url, token: this.token };
  }

  stop(): Promise<void> {
    return this.#server.close();
  }

  #targets(): Record<string, FaultInjector> {
    return {
      kubernetes: this.#sandbox.kubernetes.faults,
      'secrets-manager': this.#sandbox.secretsManager.faults,
      postgres: this.#sandbox.proxy.faults,
    };
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    const expected = Buffer.from(`Bearer ${this.token}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      sendJson(res, 401, {
        error: {
          name: 'AuthenticationError',
          message: 'Missing or wrong token',
        },
      });
      return;
    }
    const parts = new URL(req.url ?? '/', 'http://localhost').pathname
      .split('/')
      .filter(Boolean);
    const targets = this.#targets();
    if (req.method === 'POST' && parts.join('/') === 'seed') {
      sendJson(res, 200, await seedDemoData(this.#sandbox, this.#logger));
      return;
    }
    if (parts[0] === 'faults') {
      const target = parts[1] ? targets[parts[1]] : undefined;
      if (parts[1] && !target) {
        sendJson(res, 404, {
          error: {
            name: 'NotFoundError',
            message: `Unknown fault target ${parts[1]}; use ${Object.keys(
              targets,
            ).join(', ')}`,
          },
        });
        return;
      }
      if (req.method === 'PUT' && target && parts[2]) {
        target.set(
          decodeURIComponent(parts[2]),
          JSON.parse(await readBody(req)) as FaultRule,
        );
      } else if (req.method === 'DELETE') {
        for (const t of target ? [target] : Object.values(targets))
          t.clear(parts[2]);
      } else if (req.method !== 'GET') {
        sendJson(res, 405, {
          error: {
            name: 'MethodNotAllowed',
            message: 'Use GET, PUT or DELETE',
          },
        });
        return;
      }
      sendJson(
        res,
        200,
        Object.fromEntries(
          Object.entries(targets).map(([k, f]) => [k, f.rules()]),
        ),
      );
      return;
    }
    sendJson(res, 404, {
      error: { name: 'NotFoundError', message: 'Unknown control route' },
    });
  }
}
