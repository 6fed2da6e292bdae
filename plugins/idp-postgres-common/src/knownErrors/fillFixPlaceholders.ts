import type { DatabaseRole } from '../names';
import type { KnownErrorFix } from './types';

/** One role a detected error is about, with its Secrets Manager secret. @public */
export interface FixRole {
  role: DatabaseRole;
  /** The role's Secrets Manager secret name (`{secretId}`). */
  secretId: string;
}

/**
 * What the placeholders of a fix stand for in one database. `database` is
 * the name in the chart values, as in `{namespace}-{database}-{role}`.
 *
 * @public
 */
export interface FixContext {
  namespace: string;
  database: string;
  /** The roles the error was seen for; role placeholders expand once per role. */
  roles?: FixRole[];
}

const ROLE_PLACEHOLDER = /\{(role|secretId)\}/;

function fillDatabase(text: string, context: FixContext): string {
  return text
    .replace(/\{namespace\}/g, context.namespace)
    .replace(/\{database\}/g, context.database);
}

/**
 * A catalogue fix made concrete for one database: `{namespace}` and
 * `{database}` are filled in (in steps and commands), and a command naming
 * `{role}` or `{secretId}` becomes one command per affected role, so a
 * person can copy it as is. Without roles such a command keeps its
 * placeholders rather than guessing.
 *
 * @public
 */
export function fillFixPlaceholders(
  fix: KnownErrorFix,
  context: FixContext,
): KnownErrorFix {
  const steps = fix.steps.map(step => fillDatabase(step, context));
  if (!fix.commands) {
    return { ...fix, steps };
  }
  const commands = fix.commands.flatMap(command => {
    const filled = fillDatabase(command, context);
    if (!ROLE_PLACEHOLDER.test(filled) || !context.roles?.length) {
      return [filled];
    }
    return context.roles.map(r =>
      filled.replace(/\{role\}/g, r.role).replace(/\{secretId\}/g, r.secretId),
    );
  });
  return { ...fix, steps, commands };
}
