import { Entity } from '@backstage/catalog-model';
import { AppsRepo } from './appsRepo';

/** What the org sets in the templates: their owner and its apps repo. @public */
export interface TemplateOrgSettings {
  /** A full entity reference, e.g. `group:default/platform`. */
  owner: string;
  /** Undefined when the apps repo is not configured: people type it. */
  appsRepo?: AppsRepo;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The schema pattern of the repository field: the RepoUrlPicker's value on
 * the configured host only. `allowedHosts` is enforced by the picker in the
 * browser alone; the pattern holds for every client of the scaffolder API.
 */
export function repoUrlPattern(host: string): string {
  const escaped = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `^${escaped}\\?owner=[A-Za-z0-9_.-]+&repo=[A-Za-z0-9_.-]+$`;
}

/**
 * A shipped template with the org's settings in place: `spec.owner`, and in
 * every parameter step the apps repository field's default, allowed host
 * and pattern, and the branch field's default. The shipped file stays generic; nothing
 * else in it changes. The input is not modified.
 */
export function orgTemplate(
  shipped: Entity,
  settings: TemplateOrgSettings,
): Entity {
  const template = structuredClone(shipped) as Entity & {
    spec: JsonObject;
  };
  template.spec.owner = settings.owner;
  const steps = template.spec.parameters;
  for (const step of Array.isArray(steps) ? steps : [steps]) {
    if (!isObject(step) || !isObject(step.properties)) continue;
    const { repoUrl, targetBranchName } = step.properties;
    if (isObject(repoUrl)) {
      if (settings.appsRepo) {
        repoUrl.default = settings.appsRepo.repoUrl;
        repoUrl.pattern = repoUrlPattern(settings.appsRepo.host);
        const options = isObject(repoUrl['ui:options'])
          ? repoUrl['ui:options']
          : {};
        repoUrl['ui:options'] = {
          ...options,
          allowedHosts: [settings.appsRepo.host],
        };
      } else {
        delete repoUrl.default;
      }
    }
    if (isObject(targetBranchName) && settings.appsRepo) {
      targetBranchName.default = settings.appsRepo.branch;
    }
  }
  return template;
}
