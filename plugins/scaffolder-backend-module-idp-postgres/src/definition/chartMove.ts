import { InputError } from '@backstage/errors';
import { isScalar, Scalar } from 'yaml';
import { parseYamlFile, stringifyOptionsFor } from '../yaml/document';

/** Sets `helm.chartVersion` in an application.yaml, quoted as the manual writes it. */
export function applicationForChartVersion(
  text: string,
  displayPath: string,
  chartVersion: string,
): string {
  const doc = parseYamlFile(text, displayPath);
  const node = doc.getIn(['helm', 'chartVersion'], true);
  if (!isScalar(node)) {
    throw new InputError(`${displayPath} has no helm.chartVersion to change.`);
  }
  // Changing the scalar itself keeps any comment attached to it.
  node.value = chartVersion;
  node.type = Scalar.QUOTE_DOUBLE;
  return doc.toString(stringifyOptionsFor(text));
}
