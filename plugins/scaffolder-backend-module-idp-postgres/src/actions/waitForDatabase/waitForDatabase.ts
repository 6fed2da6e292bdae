import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  assertValidDatabaseRef,
  databaseEntityRef,
  databaseTabPath,
  formatDatabaseRef,
  hasControlCharacter,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ProgressExpectation } from '../../platform/IdpPostgresBackendClient';
import { IdpPostgresActionOptions } from '../actionOptions';
import { assertInRange, assertMaxLengths } from '../inputRules';
import { databaseLinkOutputs, fields, MAX_LINK_LENGTH } from '../schemaFields';
import { examples } from './waitForDatabase.examples';
import { missingSteps, waitSummary } from './progressReport';
import { waitForProgress, waitStartedAt } from './waitForProgress';

const LIMITS = { namespace: 63, name: 63, link: MAX_LINK_LENGTH };

/** Twelve hours: longer than any review a template run should wait for. */
export const MAX_WAIT_MINUTES = 720;
const MAX_POLL_SECONDS = 600;

/**
 * Creates the `idp:postgres:wait-for-database` action, which waits until a
 * database the template asked for is usable (or gone), and otherwise
 * arranges for its owner to be told later.
 *
 * @public
 */
export function createWaitForDatabaseAction(options: IdpPostgresActionOptions) {
  return createTemplateAction({
    id: 'idp:postgres:wait-for-database',
    description:
      "Waits until the platform reports a database ready (merged, synced, Ready, secrets present) or removed, logging each step as it is reached. A platform failure fails the step; running out of time does not: the outputs say what is missing, and the database's owner and the requester are notified later.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        namespace: z => fields.namespace(z, 'Namespace of the database.'),
        name: z => fields.databaseName(z, 'Name of the database.'),
        expect: z =>
          z
            .enum(['ready', 'removed'])
            .optional()
            .describe(
              'What to wait for: `ready` (default) after adding a definition, `removed` after removing one.',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .min(0)
            .max(MAX_WAIT_MINUTES)
            .optional()
            .describe(
              `How long to wait, in minutes (0 to ${MAX_WAIT_MINUTES}); default 20. 0 looks once.`,
            ),
        pollSeconds: z =>
          z
            .number()
            .min(1)
            .max(MAX_POLL_SECONDS)
            .optional()
            .describe('Seconds between looks at the platform; default 10.'),
        link: z =>
          fields
            .link(
              z,
              "A link for the notification sent when the wait runs out: a path of the Backstage app (e.g. `/create/tasks/<id>`); the backend refuses links elsewhere, so other links (a pull request) are only logged. Without it, the notification links the database's PostgreSQL tab.",
            )
            .optional(),
      },
      output: {
        complete: z =>
          z.boolean().describe('True when the database is ready (or removed).'),
        missing: z =>
          z
            .array(
              z.object({
                step: z
                  .string()
                  .describe(
                    'merged, synced, ready, secrets, or unknown for a part that could not be read.',
                  ),
                detail: z.string().describe('What the platform saw.'),
              }),
            )
            .describe(
              'The steps not done when the wait ended; empty when complete.',
            ),
        summary: z =>
          z
            .string()
            .describe(
              'A sentence for the template output: done, or what is missing and who will be told.',
            ),
        watchId: z =>
          z
            .string()
            .optional()
            .describe(
              'The notification registered when the wait ran out, if any.',
            ),
        ...databaseLinkOutputs,
      },
    },
    async handler(ctx) {
      assertMaxLengths(ctx.input, LIMITS);
      const { namespace, name, link } = ctx.input;
      const ref = { namespace, name };
      assertValidDatabaseRef(ref);
      const expect: ProgressExpectation = ctx.input.expect ?? 'ready';
      if (expect !== 'ready' && expect !== 'removed') {
        throw new InputError('expect must be "ready" or "removed".');
      }
      const timeoutMinutes = ctx.input.timeoutMinutes ?? 20;
      assertInRange(timeoutMinutes, 'timeoutMinutes', 0, MAX_WAIT_MINUTES);
      const pollSeconds = ctx.input.pollSeconds ?? 10;
      assertInRange(pollSeconds, 'pollSeconds', 1, MAX_POLL_SECONDS);
      if (link !== undefined && hasControlCharacter(link)) {
        throw new InputError('link must be a single line.');
      }
      ctx.output('entityRef', databaseEntityRef(ref));
      ctx.output('tabPath', databaseTabPath(ref));
      if (link) ctx.logger.info(`Following ${link}`);

      if (ctx.isDryRun) {
        ctx.output('complete', false);
        ctx.output('missing', []);
        ctx.output(
          'summary',
          `Dry run: did not wait for ${formatDatabaseRef(
            ref,
          )} to be ${expect}, since nothing was published.`,
        );
        return;
      }
      const { platform } = options;
      if (!platform) {
        throw new ServiceUnavailableError(
          `${formatDatabaseRef(
            ref,
          )}: waiting needs the idp-postgres backend, and this action was created without a client for it.`,
        );
      }

      const credentials = await ctx.getInitiatorCredentials();
      const startedAt = await waitStartedAt(ctx, `wait-${expect}-started-at`);
      const outcome = await waitForProgress({
        ctx,
        platform,
        credentials,
        ref,
        expect,
        deadline: startedAt + timeoutMinutes * 60_000,
        pollMs: pollSeconds * 1000,
      });
      const missing = outcome.complete ? [] : missingSteps(outcome);

      let watchId: string | undefined;
      if (!outcome.complete) {
        try {
          // One watch per task, also when a resumed task times out again.
          watchId = await ctx.checkpoint({
            key: `watch-${expect}`,
            fn: async () =>
              (
                await platform.watch(credentials, {
                  namespace,
                  name,
                  expect,
                  // The backend only sends people to the app itself.
                  ...(link?.startsWith('/') ? { link } : {}),
                })
              ).id,
          });
          ctx.logger.info(
            `${formatDatabaseRef(
              ref,
            )} is not ${expect} yet; the platform will notify its owner and you when it is, or when it fails (watch ${watchId})`,
          );
        } catch (error) {
          ctx.logger.warn(
            `${formatDatabaseRef(
              ref,
            )} is not ${expect} yet, and no notification could be arranged: ${
              (error as Error).message
            }`,
          );
        }
      }
      ctx.output('complete', outcome.complete);
      ctx.output('missing', missing);
      ctx.output(
        'summary',
        waitSummary(ref, expect, {
          complete: outcome.complete,
          missing,
          minutes: timeoutMinutes,
          watched: watchId !== undefined,
        }),
      );
      if (watchId !== undefined) {
        ctx.output('watchId', watchId);
      }
    },
  });
}
