import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import request from 'supertest';
import { spec } from '../schema/openapi.generated';

const PREFIX = '/api/idp-postgres';

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
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    validatorOptions: { validateResponses: true, validateRequests: false },
  });
  router.use((_req, replay) => {
    replay.status(res.status).json(res.body);
  });
  const app = express();
  app.use(router);
  let mismatch: string | undefined;
  app.use(
    (
      error: Error,
      _req: express.Request,
      out: express.Response,
      _next: express.NextFunction,
    ) => {
      mismatch = error.message;
      out.status(599).end();
    },
  );
  const method = req.method.toLowerCase() as 'get' | 'post';
  await request(app)[method](path);
  return mismatch;
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
