import { DEFAULT_CHART_VERSION } from './chart';
import type { DatabaseRef } from './names';

/**
 * The scaffolder templates of `templates/`, by the name their Template
 * entity has in the catalog's default namespace.
 *
 * @public
 */
export const IDP_POSTGRES_TEMPLATES = {
  create: 'create-postgres-database',
  protect: 'protect-postgres-database',
  upgrade: 'upgrade-postgres-database',
} as const;

/** A template of {@link IDP_POSTGRES_TEMPLATES}. @public */
export type IdpPostgresTemplate = keyof typeof IDP_POSTGRES_TEMPLATES;

/**
 * The app path of a template with its form filled in, as the scaffolder
 * reads `?formData=` (URL-encoded JSON of the template's parameters). The
 * person still reviews every field and opens the pull request.
 *
 * @public
 */
export function templateFormPath(
  template: IdpPostgresTemplate,
  formData: Record<string, unknown>,
): string {
  return `/create/templates/default/${
    IDP_POSTGRES_TEMPLATES[template]
  }?formData=${encodeURIComponent(JSON.stringify(formData))}`;
}

/**
 * "Create PostgreSQL database" for a database that is to be defined again
 * (re-adding a protected database keeps its data), with deletion
 * protection on and the owner and description it had, when known.
 *
 * @public
 */
export function readdTemplatePath(
  ref: DatabaseRef,
  known: { owner?: string; description?: string } = {},
): string {
  return templateFormPath('create', {
    database: { namespace: ref.namespace, name: ref.name },
    deletionProtection: true,
    ...(known.owner ? { owner: known.owner } : {}),
    ...(known.description ? { description: known.description } : {}),
  });
}

/** "Protect PostgreSQL database" turning deletion protection on. @public */
export function protectTemplatePath(ref: DatabaseRef): string {
  return templateFormPath('protect', {
    database: { namespace: ref.namespace, name: ref.name },
    protect: true,
  });
}

/** "Upgrade PostgreSQL chart" to a chart version (the manual's 0.5.0 by default). @public */
export function upgradeTemplatePath(
  ref: DatabaseRef,
  chartVersion: string = DEFAULT_CHART_VERSION,
): string {
  return templateFormPath('upgrade', {
    database: { namespace: ref.namespace, name: ref.name },
    chartVersion,
  });
}
