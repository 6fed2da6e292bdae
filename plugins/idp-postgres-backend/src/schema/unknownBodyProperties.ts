import { InputError } from '@backstage/errors';
import { printable } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { NextFunction, Request, Response } from 'express';
import { specRouteOf } from './specRoutes';

/** At most this many unknown properties are named, each cut to this length. */
const NAMED = 5;
const NAME_LENGTH = 60;

/**
 * Refuses a JSON body with properties its route does not take, naming them
 * and the ones it takes. The validated router refuses such a body too, but
 * its message ("must NOT have additional properties") does not say which.
 * Runs after the JSON parser and before the validated router.
 */
export function refuseUnknownBodyProperties(
  req: Request,
  _res: Response,
  next: NextFunction,
): void {
  const body: unknown = req.body;
  const allowed = specRouteOf(req.path)?.bodyProperties[req.method];
  if (!allowed || !body || typeof body !== 'object' || Array.isArray(body)) {
    next();
    return;
  }
  const unknown = Object.keys(body).filter(key => !allowed.includes(key));
  if (unknown.length === 0) {
    next();
    return;
  }
  const named = unknown
    .slice(0, NAMED)
    .map(key => `"${printable(key).slice(0, NAME_LENGTH)}"`)
    .join(', ');
  const more =
    unknown.length > NAMED ? ` and ${unknown.length - NAMED} more` : '';
  next(
    new InputError(
      `The request body has ${
        unknown.length === 1 ? 'a property' : 'properties'
      } ${req.method} ${printable(req.path).slice(
        0,
        200,
      )} does not take: ${named}${more}. It takes ${
        allowed.length ? allowed.join(', ') : 'no properties'
      }.`,
    ),
  );
}
