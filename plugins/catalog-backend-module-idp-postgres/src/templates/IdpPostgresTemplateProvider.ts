import fs from 'node:fs/promises';
import path from 'node:path';
import {
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { parse } from 'yaml';
import { orgTemplate, TemplateOrgSettings } from './orgTemplate';

/**
 * The template provider's name. The catalog ties the templates to it, so it
 * must never change.
 *
 * @public
 */
export const IDP_POSTGRES_TEMPLATES_PROVIDER_NAME = 'idp-postgres-templates';

/** The folder of the shipped templates, one `<name>/template.yaml` each. */
export function shippedTemplatesDir(): string {
  return resolvePackagePath(
    '@jppol-idp/backstage-plugin-catalog-backend-module-idp-postgres',
    'templates',
  );
}

/** The provider's collaborators and settings. @public */
export interface IdpPostgresTemplateProviderOptions {
  settings: TemplateOrgSettings;
  logger: LoggerService;
  /** Where the templates are read from; the package's own by default. */
  templatesDir?: string;
}

/**
 * Puts the scaffolder templates of a database's life (create, connect an
 * app, upgrade, protect, remove) into the catalog, as shipped with this
 * package and so always matching the actions of the same release, with the
 * org's owner and apps repo filled in from config.
 *
 * @public
 */
export class IdpPostgresTemplateProvider implements EntityProvider {
  readonly #options: IdpPostgresTemplateProviderOptions;

  constructor(options: IdpPostgresTemplateProviderOptions) {
    this.#options = options;
  }

  getProviderName(): string {
    return IDP_POSTGRES_TEMPLATES_PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    const templates = await this.templates();
    await connection.applyMutation({
      type: 'full',
      entities: templates.map(entity => ({
        entity,
        locationKey: IDP_POSTGRES_TEMPLATES_PROVIDER_NAME,
      })),
    });
    this.#options.logger.info(
      `${templates.length} IDP PostgreSQL templates, owned by ${
        this.#options.settings.owner
      }, for ${
        this.#options.settings.appsRepo?.repoUrl ??
        'an apps repo people type in (idpPostgres.platform.appsRepoUrl is not set)'
      }`,
    );
  }

  /** The templates as the provider emits them. */
  async templates(): Promise<Entity[]> {
    const dir = this.#options.templatesDir ?? shippedTemplatesDir();
    const names = (await fs.readdir(dir, { withFileTypes: true }))
      .filter(entry => entry.isDirectory())
      .map(entry => entry.name)
      .sort();
    return Promise.all(
      names.map(async name => {
        const file = path.join(dir, name, 'template.yaml');
        const shipped = parse(await fs.readFile(file, 'utf8')) as Entity;
        const template = orgTemplate(shipped, this.#options.settings);
        const location = `${IDP_POSTGRES_TEMPLATES_PROVIDER_NAME}:${name}`;
        template.metadata.annotations = {
          ...template.metadata.annotations,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
        };
        return template;
      }),
    );
  }
}
