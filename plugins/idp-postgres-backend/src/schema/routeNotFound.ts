import { NotFoundError } from '@backstage/errors';
import { printable } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { Request } from 'express';
import { specRouteOf } from './specRoutes';

/**
 * The error for a request no route answered. Without it the request falls
 * out of the plugin and the client gets an empty 404 that does not say
 * whether the path or the method was wrong. Backstage's error classes have
 * no 405, so a known path asked with another method is a 404 that names
 * the methods it answers.
 */
export function routeNotFound(req: Request): NotFoundError {
  const path = printable(req.path).slice(0, 200);
  const methods = specRouteOf(req.path)?.methods;
  return new NotFoundError(
    methods
      ? `${req.method} is not allowed on ${path}; it answers ${methods.join(
          ', ',
        )}.`
      : `The idp-postgres API has no route ${req.method} ${path}; see its OpenAPI spec for the routes.`,
  );
}
