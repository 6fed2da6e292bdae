import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readPlatformConfig } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { AppsRepo, parseAppsRepoUrl } from './templates/appsRepo';

/** Where the module's settings live in app-config. */
export const PROVIDER_CONFIG_KEY = 'catalog.providers.idpPostgres';

/**
 * The default schedule. A minute keeps new databases close behind the
 * inventory (which itself refreshes in the background) while costing one small
 * HTTP call; the initial delay lets the idp-postgres plugin start first, so the
 * first run is less likely to meet its "no inventory yet" answer.
 */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 2 },
  initialDelay: { seconds: 15 },
};

/**
 * The group that owns databases nobody else owns. It matches the backend's
 * rule that only platform admins act on an ownerless database.
 */
export const DEFAULT_OWNER_WHEN_UNKNOWN = 'group:default/platform-admins';

/** The provider's settings, with defaults applied. */
export interface ProviderConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** A full entity reference, `kind:namespace/name`. */
  ownerWhenUnknown: string;
  /** The scaffolder templates; undefined when switched off. */
  templates?: {
    /** A full entity reference. */
    owner: string;
    /** Undefined when the apps repo is not configured. */
    appsRepo?: AppsRepo;
  };
}

/**
 * Reads `catalog.providers.idpPostgres` and applies the defaults. A bad value
 * stops the backend at start-up with the key named, instead of surfacing later
 * as a catalog processing error on every database.
 */
export function readProviderConfig(config: Config): ProviderConfig {
  const block = config.getOptionalConfig(PROVIDER_CONFIG_KEY);

  let schedule = DEFAULT_SCHEDULE;
  if (block?.has('schedule')) {
    try {
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
        block.getConfig('schedule'),
      );
    } catch (error) {
      throw new InputError(
        `Invalid config ${PROVIDER_CONFIG_KEY}.schedule: ${
          (error as Error).message
        }`,
      );
    }
  }

  const ownerWhenUnknown = readOwner(
    'ownerWhenUnknown',
    block?.getOptionalString('ownerWhenUnknown') ?? DEFAULT_OWNER_WHEN_UNKNOWN,
  );

  let templates: ProviderConfig['templates'];
  if (block?.getOptionalBoolean('templates.enabled') ?? true) {
    const owner = block?.getOptionalString('templates.owner');
    const { appsRepoUrl } = readPlatformConfig(config);
    templates = {
      owner: owner ? readOwner('templates.owner', owner) : ownerWhenUnknown,
      appsRepo: appsRepoUrl ? parseAppsRepoUrl(appsRepoUrl) : undefined,
    };
  }
  return { schedule, ownerWhenUnknown, templates };
}

/**
 * The owner as a full reference, so every emitted entity carries the same
 * spelling whatever shorthand the config uses. Checked with the catalog's own
 * rules: the catalog would otherwise reject each ownerless database's entity.
 */
function readOwner(key: string, value: string): string {
  const fail = (reason: string) =>
    new InputError(`Invalid config ${PROVIDER_CONFIG_KEY}.${key}: ${reason}`);
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw fail((error as Error).message);
  }
  const validator = makeValidator();
  if (
    !validator.isValidKind(ref.kind) ||
    !validator.isValidNamespace(ref.namespace) ||
    !validator.isValidEntityName(ref.name)
  ) {
    throw fail(`"${value}" is not a valid entity reference`);
  }
  return stringifyEntityRef(ref);
}
