import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';
import {
  MAX_DNS_LABEL_LENGTH,
  MAX_IDENTIFIER_BYTES,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { OFFERED_CHART_VERSIONS } from '../definition/chartVersions';

/**
 * The zod the scaffolder hands to schema callbacks. Taken from the
 * scaffolder's own types so this package needs no zod dependency of its own.
 */
export type Zod = Parameters<
  NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>[string]
>[0];

/** Kubernetes DNS labels, the rule common's `dnsLabelProblem` explains in words. */
export const DNS_LABEL_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * The longest path an input may name. Far above any real apps repo path;
 * it is there so a pasted file cannot reach the YAML parser or the logs.
 */
export const MAX_PATH_LENGTH = 1024;

/** The longest link (e.g. a pull request URL) an action keeps. */
export const MAX_LINK_LENGTH = 2048;

/**
 * The schema fields several actions share, so that the published action
 * schemas carry the rules and the scaffolder refuses bad input before a
 * handler runs. The handlers check again with common's rules, whose messages
 * say what is wrong in words.
 */
export const fields = {
  namespace: (z: Zod, description: string) =>
    z
      .string()
      .min(1)
      .max(MAX_DNS_LABEL_LENGTH)
      .regex(DNS_LABEL_PATTERN)
      .describe(description),

  databaseName: (z: Zod, description: string) =>
    z
      .string()
      .min(1)
      .max(MAX_IDENTIFIER_BYTES)
      .regex(DNS_LABEL_PATTERN)
      .describe(description),

  chartVersion: (z: Zod, description: string) =>
    z
      .string()
      .max(32)
      .describe(`${description} One of ${OFFERED_CHART_VERSIONS.join(', ')}.`),

  relativePath: (z: Zod, description: string) =>
    z.string().min(1).max(MAX_PATH_LENGTH).describe(description),

  link: (z: Zod, description: string) =>
    z.string().max(MAX_LINK_LENGTH).describe(description),
};

/** Outputs that let a template link the database's entity and PostgreSQL tab. */
export const databaseLinkOutputs = {
  entityRef: (z: Zod) =>
    z.string().describe("The database's catalog entity reference."),
  tabPath: (z: Zod) =>
    z
      .string()
      .describe("App path of the database's PostgreSQL tab, for a link."),
};
