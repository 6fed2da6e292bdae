import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  assertValidDatabaseRef,
  DatabaseRef,
  formatDatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkForceDeletePermission } from '../../platform/forceDeletePermission';
import {
  backendMessage,
  IdpPostgresBackendClient,
} from '../../platform/IdpPostgresBackendClient';
import { IdpPostgresActionOptions } from '../actionOptions';
import { assertInRange, assertMaxLengths } from '../inputRules';
import { fields } from '../schemaFields';
import { MAX_WAIT_MINUTES } from '../waitForDatabase/waitForDatabase';
import { missingSteps, stepName } from '../waitForDatabase/progressReport';
import {
  waitForProgress,
  waitStartedAt,
} from '../waitForDatabase/waitForProgress';
import { examples } from './forceDeleteSecrets.examples';

const LIMITS = { namespace: 63, name: 63 };

/** One secret's result, as the action outputs it. */
type SecretResult = {
  role: string;
  secretName: string;
  result: string;
  reason: string | null;
};

/**
 * Deletes the secrets once, inside a checkpoint so a resumed task does not
 * delete again; a secret that failed fails the checkpoint, so a retry of
 * the task tries again.
 */
async function deleteOnce(
  ctx: Pick<ActionContext<any>, 'checkpoint' | 'logger'>,
  platform: IdpPostgresBackendClient,
  credentials: BackstageCredentials,
  ref: DatabaseRef,
): Promise<SecretResult[]> {
  return ctx.checkpoint({
    key: 'force-delete',
    fn: async () => {
      const result = await platform.forceDeleteSecrets(credentials, ref, {
        dryRun: false,
      });
      const secrets = result.secrets.map(s => ({
        role: s.role,
        secretName: s.secretName,
        result: s.result,
        reason: s.reason ?? null,
      }));
      for (const s of secrets) {
        const line = `${s.secretName} (${s.role}): ${s.result}${
          s.reason ? ` — ${s.reason}` : ''
        }`;
        if (s.result === 'failed') {
          ctx.logger.error(line);
        } else {
          ctx.logger.info(line);
        }
      }
      const failed = secrets.filter(s => s.result === 'failed');
      if (failed.length > 0 || !result.ok) {
        throw new ServiceUnavailableError(
          `Could not force-delete every Secrets Manager secret of ${formatDatabaseRef(
            ref,
          )}: ${failed
            .map(s => `${s.secretName} (${s.reason ?? 'no reason given'})`)
            .join(
              ', ',
            )}. Run the step again, or delete them by hand as the manual's upgrade guide shows.`,
        );
      }
      return secrets;
    },
  });
}

/**
 * Creates the `idp:postgres:force-delete-secrets` action: the manual's
 * "delete-secret --force-delete-without-recovery" for a database's three
 * roles, once its removal is merged and synced.
 *
 * @public
 */
export function createForceDeleteSecretsAction(
  options: IdpPostgresActionOptions,
) {
  return createTemplateAction({
    id: 'idp:postgres:force-delete-secrets',
    description:
      "Waits until a database's removal is merged and synced, then has the platform force-delete its three Secrets Manager secrets (no recovery window), so that a database of the same name can be created again. Platform admins only; a dry run asks the platform whether the user may.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        namespace: z => fields.namespace(z, 'Namespace of the database.'),
        name: z => fields.databaseName(z, 'Name of the removed database.'),
        waitMinutes: z =>
          z
            .number()
            .min(0)
            .max(MAX_WAIT_MINUTES)
            .optional()
            .describe(
              'How long to wait for the removal to be merged and synced, in minutes; default 20. The step fails when it runs out.',
            ),
        pollSeconds: z =>
          z
            .number()
            .min(1)
            .max(600)
            .optional()
            .describe('Seconds between looks at the platform; default 10.'),
      },
      output: {
        secrets: z =>
          z
            .array(
              z.object({
                role: z.string().describe('admin, write or read.'),
                secretName: z.string().describe('The Secrets Manager name.'),
                result: z
                  .string()
                  .describe('deleted, absent, would-delete or failed.'),
                reason: z
                  .string()
                  .nullable()
                  .describe('Why, when the platform says.'),
              }),
            )
            .describe(
              'The result per secret; empty in a dry run made before the removal is merged.',
            ),
      },
    },
    async handler(ctx) {
      assertMaxLengths(ctx.input, LIMITS);
      const { namespace, name } = ctx.input;
      const ref = { namespace, name };
      assertValidDatabaseRef(ref);
      const waitMinutes = ctx.input.waitMinutes ?? 20;
      assertInRange(waitMinutes, 'waitMinutes', 0, MAX_WAIT_MINUTES);
      const pollSeconds = ctx.input.pollSeconds ?? 10;
      assertInRange(pollSeconds, 'pollSeconds', 1, 600);
      const { platform } = options;
      if (!platform) {
        throw new ServiceUnavailableError(
          `${formatDatabaseRef(
            ref,
          )}: force-deleting secrets needs the idp-postgres backend, and this action was created without a client for it.`,
        );
      }
      const credentials = await ctx.getInitiatorCredentials();

      if (ctx.isDryRun) {
        // Who may not do it learns it now, before any pull request.
        const state = await checkForceDeletePermission(
          platform,
          credentials,
          ref,
          'This step would fail:',
        );
        ctx.logger.info(
          state === 'pending'
            ? `Dry run: you may force-delete the secrets of ${formatDatabaseRef(
                ref,
              )}; the real run waits for the removal to be merged and synced first`
            : `Dry run: you may force-delete the secrets of ${formatDatabaseRef(
                ref,
              )}`,
        );
        ctx.output('secrets', []);
        return;
      }

      const startedAt = await waitStartedAt(ctx, 'force-delete-started-at');
      const deadline = startedAt + waitMinutes * 60_000;
      const pollMs = pollSeconds * 1000;
      const removal = await waitForProgress({
        ctx,
        platform,
        credentials,
        ref,
        expect: 'removed',
        deadline,
        pollMs,
      });
      if (!removal.complete) {
        const missing = missingSteps(removal)
          .map(m => `${stepName(m.step, 'removed')}: ${m.detail}`)
          .join('; ');
        throw new ConflictError(
          `The removal of ${formatDatabaseRef(
            ref,
          )} is not merged and synced after ${waitMinutes} minutes (${missing}), so its Secrets Manager secrets were not deleted. Merge the pull request, then run this step again.`,
        );
      }

      // The platform may still see the definition for a moment after the cluster does not.
      for (;;) {
        try {
          ctx.output(
            'secrets',
            await deleteOnce(ctx, platform, credentials, ref),
          );
          return;
        } catch (error) {
          if (
            !(error instanceof Error) ||
            error.name !== 'ConflictError' ||
            Date.now() + pollMs > deadline
          ) {
            throw error;
          }
          ctx.logger.info(
            `The platform does not allow the deletion yet (${backendMessage(
              error,
            )}); trying again`,
          );
          await sleep(pollMs, undefined, { signal: ctx.signal });
        }
      }
    },
  });
}
