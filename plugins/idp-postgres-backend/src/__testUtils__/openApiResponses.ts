import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import request from 'supertest';
import { spec } from '../schema/openapi.generated';

const PREFIX = '/api/idp-postgres';
const REPLAY_HEADER = 'x-openapi-replay';

interface Replayer {
  app: express.Express;
  responses: Map<string, { status: number; body: unknown }>;
  mismatches: Map<string, string>;
}

let replayer: Replayer | undefined;
let replays = 0;

/**
 * One router with express-openapi-validator's response validation for the
 * whole test file: building it compiles the spec, which takes a few hundred
 * milliseconds, so it is not done per response. Each replay is named by a
 * header, so concurrent checks do not mix.
 */
function theReplayer(): Replayer {
  if (replayer) return replayer;
  const responses: Replayer['responses'] = new Map();
  const mismatches: Replayer['mismatches'] = new Map();
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    validatorOptions: { validateResponses: true, validateRequests: false },
  });
  router.use((req, replay) => {
    const recorded = responses.get(req.header(REPLAY_HEADER) ?? '')!;
    replay.status(recorded.status).json(recorded.body);
  });
  const app = express();
  app.use(router);
  app.use(
    (
      error: Error,
      req: express.Request,
      out: express.Response,
      _next: express.NextFunction,
    ) => {
      mismatches.set(req.header(REPLAY_HEADER) ?? '', error.message);
      out.status(599).end();
    },
  );
  replayer = { app, responses, mismatches };
  return replayer;
}

/**
 * Why a response does not match the OpenAPI spec, or undefined when it
 * does. The recorded response is replayed through a router with
 * express-openapi-validator's response validation switched on, so the check
 * uses the same spec and validator as the plugin's request validation.
 */
export async function openApiMismatch(
  res: request.Response,
): Promise<string | undefined> {
  const req = res.request as unknown as { method: string; url: string };
  const url = new URL(req.url);
  const path = url.pathname.replace(PREFIX, '') + url.search;
  const { app, responses, mismatches } = theReplayer();
  const id = String(++replays);
  responses.set(id, { status: res.status, body: res.body });
  try {
    const method = req.method.toLowerCase() as 'get' | 'post';
    await request(app)[method](path).set(REPLAY_HEADER, id);
    return mismatches.get(id);
  } finally {
    responses.delete(id);
    mismatches.delete(id);
  }
}

/** Fails the test when a response does not match the spec, saying why. */
export async function expectMatchesSpec(res: request.Response): Promise<void> {
  const mismatch = await openApiMismatch(res);
  if (mismatch) {
    throw new Error(
      `${res.status} response to ${
        (res.request as unknown as { url: string }).url
      } does not match openapi.yaml: ${mismatch}`,
    );
  }
}
