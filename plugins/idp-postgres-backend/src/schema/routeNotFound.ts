import { NotFoundError } from '@backstage/errors';
import { printable } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { Request } from 'express';
import { spec } from './openapi.generated';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Each path of the spec as a pattern of one path, with the methods it answers. */
const ROUTES = Object.entries(spec.paths).map(([template, item]) => ({
  pattern: new RegExp(
    `^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\//g, '\\/')}$`,
  ),
  methods: Object.keys(item)
    .filter(key => HTTP_METHODS.includes(key))
    .map(key => key.toUpperCase()),
}));

/**
 * The error for a request no route answered. Without it the request falls
 * out of the plugin and the client gets an empty 404 that does not say
 * whether the path or the method was wrong. Backstage's error classes have
 * no 405, so a known path asked with another method is a 404 that names
 * the methods it answers.
 */
export function routeNotFound(req: Request): NotFoundError {
  const path = printable(req.path).slice(0, 200);
  const methods = ROUTES.find(route => route.pattern.test(req.path))?.methods;
  return new NotFoundError(
    methods
      ? `${req.method} is not allowed on ${path}; it answers ${methods.join(
          ', ',
        )}.`
      : `The idp-postgres API has no route ${req.method} ${path}; see its OpenAPI spec for the routes.`,
  );
}
