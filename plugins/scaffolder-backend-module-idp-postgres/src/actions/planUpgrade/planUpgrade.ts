import { InputError } from '@backstage/errors';
import {
  assertValidDatabaseRef,
  DatabaseRef,
  databaseEntityName,
  databaseEntityRef,
  databaseName,
  databaseTabPath,
  isProductionNamespace,
  parseChartVersion,
  recreatesResources,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readIdpPostgresActionsConfig } from '../../config';
import { readCatalogEntry } from '../../definition/catalogFile';
import { assertOfferedChartVersion } from '../../definition/chartVersions';
import {
  DatabaseDefinition,
  findDatabaseDefinition,
} from '../../definition/findDefinition';
import { checkForceDeletePermission } from '../../platform/forceDeletePermission';
import { IdpPostgresActionOptions } from '../actionOptions';
import {
  assertEntityRef,
  assertMaxLengths,
  assertOneLine,
  assertSlackChannel,
} from '../inputRules';
import { databaseLinkOutputs, fields } from '../schemaFields';
import { examples } from './planUpgrade.examples';

const LIMITS = { namespace: 63, name: 63, chartVersion: 32, confirmName: 63 };

/** How a definition gets from its chart version to the target. */
export type UpgradeProcedure = 'none' | 'in-place' | 'recreate';

/** The sentence that says what a recreating upgrade destroys. */
export function dataLossSentence(
  ref: DatabaseRef,
  from: string,
  to: string,
): string {
  return `Upgrading ${ref.namespace}/${
    ref.name
  } from chart ${from} to ${to} recreates the database: ${databaseName(
    ref,
  )} is deleted and created again empty, and ALL ITS DATA IS LOST. Back up what you need first (pg_dump through the port-forward shown on its PostgreSQL tab).`;
}

/**
 * What re-adding the definition needs, read from the folder: the owner and
 * description of its catalog Resource, and the Slack channel of its
 * application. Checked with create-database's rules now, because after the
 * removal is merged it is too late to find one missing.
 */
function readdFields(ref: DatabaseRef, definition: DatabaseDefinition) {
  const { catalog, application } = definition.files;
  const entry = readCatalogEntry(
    definition.catalogText,
    catalog.relativePath,
    databaseEntityName(ref),
  );
  if (!entry?.owner) {
    throw new InputError(
      `${catalog.relativePath} has no Resource "${databaseEntityName(
        ref,
      )}" with spec.owner, which the re-added definition needs; add it in the apps repo first.`,
    );
  }
  assertEntityRef(entry.owner, `Owner in ${catalog.relativePath}`);
  const slackChannel = definition.application.slackChannel;
  if (!slackChannel) {
    throw new InputError(
      `${application.relativePath} has no slackChannel, which the re-added definition needs; add it in the apps repo first.`,
    );
  }
  assertSlackChannel(slackChannel);
  const description =
    entry.description ?? definition.application.description ?? ref.name;
  assertOneLine(description, `Description in ${catalog.relativePath}`);
  return { owner: entry.owner, slackChannel, description };
}

/**
 * Creates the `idp:postgres:plan-upgrade` action, which decides how a
 * database's definition moves to another chart version and gathers what
 * the "Upgrade PostgreSQL chart" template needs for the steps that follow.
 *
 * @public
 */
export function createPlanUpgradeAction(options: IdpPostgresActionOptions) {
  const settings = readIdpPostgresActionsConfig(options.config);

  return createTemplateAction({
    id: 'idp:postgres:plan-upgrade',
    description:
      'Plans moving a database to another chart version: `none`, `in-place` (idp:postgres:set-chart-version), or `recreate` across 0.5.0 (remove, force-delete the secrets, add again; the data is lost). For a recreate it needs the name typed as confirmation, a folder with only this database, and (asked of the platform before anything is published) a platform admin. Changes no file.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        namespace: z =>
          fields.namespace(
            z,
            'Namespace of the database; its apps repo folder must be in the workspace at `<namespace>/`.',
          ),
        name: z => fields.databaseName(z, 'Name of the database.'),
        chartVersion: z =>
          fields.chartVersion(z, 'The chart version to move to.'),
        confirmName: z =>
          z
            .string()
            .max(LIMITS.confirmName)
            .optional()
            .describe(
              'The database name typed again; required when the move recreates the database (0.4.1 to 0.5.0 or later), which loses its data.',
            ),
      },
      output: {
        procedure: z =>
          z
            .enum(['none', 'in-place', 'recreate'])
            .describe(
              '`none`: already on the version; `in-place`: edit the definition; `recreate`: remove, force-delete secrets, add again.',
            ),
        fromVersion: z =>
          z.string().describe('The chart version the definition has now.'),
        chartVersion: z => z.string().describe('The chart version to move to.'),
        targetPath: z =>
          z.string().describe('The definition folder, `<namespace>/<folder>`.'),
        deletionProtection: z =>
          z
            .boolean()
            .describe(
              'The protection to write when adding the definition again: always true in production namespaces, else what it is now.',
            ),
        owner: z =>
          z
            .string()
            .optional()
            .describe('Owner of the catalog Resource, for adding it again.'),
        description: z =>
          z
            .string()
            .optional()
            .describe('Description of the database, for adding it again.'),
        slackChannel: z =>
          z
            .string()
            .optional()
            .describe('Slack channel of the application, for adding it again.'),
        ...databaseLinkOutputs,
        dataLoss: z =>
          z
            .string()
            .describe(
              'For a recreate, the sentence that says all data is lost; empty otherwise.',
            ),
      },
    },
    async handler(ctx) {
      assertMaxLengths(ctx.input, LIMITS);
      const { namespace, name, chartVersion: to } = ctx.input;
      const ref = { namespace, name };
      assertValidDatabaseRef(ref);
      assertOfferedChartVersion(to);

      const definition = await findDatabaseDefinition(ctx.workspacePath, ref);
      const from = definition.chartVersion;
      let procedure: UpgradeProcedure = 'in-place';
      if (from === to) {
        procedure = 'none';
      } else if (recreatesResources(from, to)) {
        procedure = 'recreate';
      }
      const production = isProductionNamespace(
        namespace,
        settings.productionNamespacePatterns,
      );
      const deletionProtection = production || definition.entry.protected;
      if (
        procedure !== 'none' &&
        deletionProtection &&
        parseChartVersion(to).dialect === 'name-only'
      ) {
        throw new InputError(
          `Chart ${to} cannot protect a database, and ${namespace}/${name} ${
            production
              ? `is in the production namespace ${namespace}`
              : 'is protected now'
          }; choose chart 0.5.0 or later.`,
        );
      }
      const dataLoss =
        procedure === 'recreate' ? dataLossSentence(ref, from, to) : '';

      let readd: Partial<ReturnType<typeof readdFields>> = {};
      if (procedure === 'recreate') {
        if (ctx.input.confirmName !== name) {
          throw new InputError(
            `${dataLoss} To go ahead, type the database name "${name}" as the confirmation.`,
          );
        }
        if (definition.databases.length > 1) {
          throw new InputError(
            `${definition.files.folder.relativePath} defines ${
              definition.databases.length
            } databases (${definition.databases
              .map(d => d.name)
              .join(
                ', ',
              )}), and moving its chart across 0.5.0 would recreate ALL of them and lose all their data. Move ${name} to a folder of its own first, or ask the IDP team to upgrade the folder.`,
          );
        }
        readd = readdFields(ref, definition);
        if (options.platform) {
          await checkForceDeletePermission(
            options.platform,
            await ctx.getInitiatorCredentials(),
            ref,
            `Upgrading ${namespace}/${name} from chart ${from} to ${to} recreates the database, as the manual's upgrade guide describes.`,
          );
        }
        ctx.logger.warn(dataLoss);
      } else {
        const entry = readCatalogEntry(
          definition.catalogText,
          definition.files.catalog.relativePath,
          databaseEntityName(ref),
        );
        readd = {
          owner: entry?.owner,
          description: entry?.description ?? definition.application.description,
          slackChannel: definition.application.slackChannel,
        };
      }
      ctx.logger.info(
        `${namespace}/${name}: chart ${from} to ${to}, procedure ${procedure}`,
      );

      ctx.output('procedure', procedure);
      ctx.output('fromVersion', from);
      ctx.output('chartVersion', to);
      ctx.output('targetPath', definition.files.folder.relativePath);
      ctx.output('deletionProtection', deletionProtection);
      for (const key of ['owner', 'description', 'slackChannel'] as const) {
        const value = readd[key];
        if (value !== undefined) {
          ctx.output(key, value);
        }
      }
      ctx.output('dataLoss', dataLoss);
      ctx.output('entityRef', databaseEntityRef(ref));
      ctx.output('tabPath', databaseTabPath(ref));
    },
  });
}
