import { InputError } from '@backstage/errors';
import {
  hasControlCharacter,
  printable,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/**
 * Rules for the free-text inputs that end up in YAML files. The YAML library
 * quotes anything it must, so these are not what stops injection; they keep
 * the files readable and catch values pasted into the wrong field.
 */

/** Slack channel names: lowercase letters, digits, "-" and "_", at most 80 characters. */
export const SLACK_CHANNEL_PATTERN = /^[a-z0-9][a-z0-9_-]{0,79}$/;

/** A catalog entity reference such as `group:default/team-a`, `group:team-a` or `team-a`. */
export const ENTITY_REF_PATTERN =
  /^(?:[a-zA-Z][a-zA-Z0-9]*:)?(?:[a-zA-Z0-9][a-zA-Z0-9_.-]*\/)?[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

/** The longest description written into application.yaml and the catalog. */
export const MAX_DESCRIPTION_LENGTH = 200;

/** Throws unless the value is a Slack channel name without the leading "#". */
export function assertSlackChannel(value: string): void {
  if (!SLACK_CHANNEL_PATTERN.test(value)) {
    throw new InputError(
      `Slack channel "${printable(
        value,
      )}" must be a channel name without "#": lowercase letters, digits, "-" and "_", at most 80 characters.`,
    );
  }
}

/** Throws unless the value looks like a catalog entity reference. */
export function assertEntityRef(value: string, field: string): void {
  if (!ENTITY_REF_PATTERN.test(value)) {
    throw new InputError(
      `${field} "${printable(
        value,
      )}" is not a catalog entity reference such as "group:default/my-team".`,
    );
  }
}

/** Throws unless the value is one line of text of reasonable length. */
export function assertOneLine(value: string, field: string): void {
  if (hasControlCharacter(value)) {
    throw new InputError(
      `${field} "${printable(
        value,
      )}" must be a single line without control characters.`,
    );
  }
  if (value.trim() === '' || value.length > MAX_DESCRIPTION_LENGTH) {
    throw new InputError(
      `${field} must be between 1 and ${MAX_DESCRIPTION_LENGTH} characters long.`,
    );
  }
}

/**
 * Refuses text inputs over their limit before any other rule looks at them,
 * so a huge paste is answered with one short sentence rather than echoed
 * into an error message. The scaffolder checks the same limits through the
 * schemas; this keeps direct callers of the handlers to them too.
 */
export function assertMaxLengths(
  input: Record<string, unknown>,
  limits: Record<string, number>,
): void {
  for (const [field, max] of Object.entries(limits)) {
    const value = input[field];
    if (typeof value === 'string' && value.length > max) {
      throw new InputError(
        `${field} is ${value.length} characters long; the limit is ${max}.`,
      );
    }
  }
}

/** Throws unless a number input is a finite number within its range. */
export function assertInRange(
  value: number,
  field: string,
  min: number,
  max: number,
): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(`${field} must be a number.`);
  }
  if (value < min || value > max) {
    throw new InputError(
      `${field} is ${value}; it must be between ${min} and ${max}.`,
    );
  }
}
