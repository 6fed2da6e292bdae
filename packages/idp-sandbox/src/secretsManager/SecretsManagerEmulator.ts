import http from 'node:http';
import { FaultInjector } from '../faults/FaultInjector';
import {
  LoopbackHttpServer,
  readBody,
  sendJson,
  sendMalformed,
} from '../http/httpServer';
import { SandboxLogger, silentLogger } from '../logging/SandboxLogger';
import { isOperation, operations } from './operations';
import { injectedFailure, SecretsManagerError } from './SecretsManagerError';
import { SecretsManagerStore } from './SecretsManagerStore';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** @public */
export interface SecretsManagerEmulatorOptions {
  store?: SecretsManagerStore;
  faults?: FaultInjector;
  logger?: SandboxLogger;
}

/**
 * AWS Secrets Manager's JSON 1.1 protocol on loopback HTTP: `POST /` with
 * `X-Amz-Target: secretsmanager.<Operation>`. Any SigV4-signed request is
 * accepted (static test credentials are fine); unsigned ones are refused as
 * AWS refuses them.
 *
 * @public
 */
export class SecretsManagerEmulator {
  readonly store: SecretsManagerStore;
  readonly faults: FaultInjector;
  readonly #logger: SandboxLogger;
  readonly #server: LoopbackHttpServer;

  constructor(options: SecretsManagerEmulatorOptions = {}) {
    this.store = options.store ?? new SecretsManagerStore();
    this.faults = options.faults ?? new FaultInjector();
    this.#logger = options.logger ?? silentLogger;
    this.#server = new LoopbackHttpServer((req, res) => {
      this.#handle(req, res).catch(error => this.#fail(res, error));
    });
  }

  /** The endpoint URL for SDK clients (`endpoint`) and the CLI (`--endpoint-url`). */
  get url(): string {
    return this.#server.url;
  }

  async start(port?: number): Promise<string> {
    await this.#server.listen(port);
    this.#logger.info('Secrets Manager emulator listening', { url: this.url });
    return this.url;
  }

  async stop(): Promise<void> {
    await this.#server.close();
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.replace(/^secretsmanager\./, '');
    if (req.method !== 'POST' || !target.startsWith('secretsmanager.')) {
      throw new SecretsManagerError(
        'UnknownOperationException',
        'The action or operation requested is invalid.',
      );
    }
    if (
      !String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256')
    ) {
      throw new SecretsManagerError(
        'MissingAuthenticationTokenException',
        'Missing Authentication Token',
        403,
      );
    }
    if (!isOperation(operation)) {
      throw new SecretsManagerError(
        'UnknownOperationException',
        `The operation ${operation} is not supported by the sandbox.`,
      );
    }
    // Log the operation and the secret it names, never the body's values.
    const text = await readBody(req);
    let input: Record<string, unknown>;
    try {
      input = text ? JSON.parse(text) : {};
    } catch {
      throw new SecretsManagerError(
        'SerializationException',
        'Malformed request body',
      );
    }
    this.#logger.debug('Secrets Manager request', {
      operation,
      secretId: input.SecretId ?? input.Name,
    });
    const outcome = await this.faults.decide(operation);
    if (outcome?.kind === 'malformed') {
      sendMalformed(res, CONTENT_TYPE);
      return;
    }
    if (outcome?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (outcome?.kind === 'fail') throw injectedFailure(outcome.status);
    sendJson(
      res,
      200,
      operations[operation](this.store, input),
      {},
      CONTENT_TYPE,
    );
  }

  #fail(res: http.ServerResponse, error: unknown) {
    if (res.headersSent) return;
    const known =
      error instanceof SecretsManagerError
        ? error
        : new SecretsManagerError(
            'InternalServiceError',
            'An error occurred on the server side.',
            500,
          );
    if (!(error instanceof SecretsManagerError)) {
      this.#logger.error('Secrets Manager emulator failed', {
        error: String(error),
      });
    }
    sendJson(
      res,
      known.status,
      { __type: known.type, Message: known.message },
      { 'x-amzn-ErrorType': known.type },
      CONTENT_TYPE,
    );
  }
}
