import { InputError } from '@backstage/errors';
import {
  DatabaseRef,
  databaseTabPath,
  hasControlCharacter,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { PluginConfig } from '../config/pluginConfig';

/**
 * The database's PostgreSQL tab as an absolute URL, when `app.baseUrl` is
 * configured: links leave Backstage (scaffolder output, e-mail from
 * notifications), where a path alone leads nowhere.
 */
export function databaseTabUrl(
  config: PluginConfig,
  ref: DatabaseRef,
): string | undefined {
  return config.appBaseUrl
    ? `${config.appBaseUrl}${databaseTabPath(ref)}`
    : undefined;
}

/**
 * Refuses a watch link that leads out of Backstage: anyone signed in may
 * make a watch, and its link goes to the database's owners, so it must not
 * be a way to send them elsewhere. A path of the app (`/create/tasks/…`)
 * or a URL below `app.baseUrl` is fine. Control characters are refused
 * first: the link goes into notifications and e-mail, where a CR LF could
 * forge a header or a second line (the scaffolder action refuses them too).
 */
export function assertAppLink(config: PluginConfig, link: string): void {
  if (hasControlCharacter(link)) {
    throw new InputError(
      'The watch link must not contain control characters such as line breaks or tabs.',
    );
  }
  const isAppPath = link.startsWith('/') && !link.startsWith('//');
  const base = config.appBaseUrl;
  const isBelowBase =
    base !== undefined && (link === base || link.startsWith(`${base}/`));
  if (!isAppPath && !isBelowBase) {
    throw new InputError(
      `The watch link must be a path of the Backstage app (e.g. /create/tasks/<id>)${
        base ? ` or a URL below ${base}` : ''
      }.`,
    );
  }
}
