import { InputError } from '@backstage/errors';
import { dnsLabelProblem } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { shown } from '../../workspace/paths';

/**
 * The app's namespace: given, or the first folder of the values path, as
 * the apps repo lays apps out as `<namespace>/<app>/values.yaml`.
 */
export function appNamespaceOf(valuesPath: string, given?: string): string {
  const namespace = given ?? valuesPath.split('/')[0];
  const problem = dnsLabelProblem(namespace);
  if (problem) {
    throw new InputError(
      `App namespace "${shown(namespace)}" ${problem}${
        given === undefined
          ? ` (taken from the first folder of valuesPath; the apps repo layout is <namespace>/<app>/values.yaml)`
          : ''
      }.`,
    );
  }
  return namespace;
}

/**
 * Checks that the values file lies inside the app's namespace folder and
 * in no hidden folder. The action edits whatever file it is pointed at, so
 * without this a step could add the env block to `.github/workflows` or to
 * another team's app; the namespace folder is also what ArgoCD deploys into
 * the namespace whose secrets the app reads.
 */
export function assertValuesPathInNamespace(
  valuesPath: string,
  appNamespace: string,
): void {
  const segments = valuesPath.split('/');
  const layout = `the apps repo layout is <namespace>/<app>/values.yaml, so use "${appNamespace}/<app>/values.yaml"`;
  if (segments.length < 2 || segments[0] !== appNamespace) {
    throw new InputError(
      `valuesPath "${shown(
        valuesPath,
      )}" is not inside the app's namespace folder "${appNamespace}"; ${layout}.`,
    );
  }
  const hidden = segments.find(segment => segment.startsWith('.'));
  if (hidden !== undefined) {
    throw new InputError(
      `valuesPath "${shown(valuesPath)}" goes through the hidden name "${shown(
        hidden,
      )}", which holds tooling rather than an app's values; ${layout}.`,
    );
  }
}
