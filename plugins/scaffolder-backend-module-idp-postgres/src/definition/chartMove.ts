import { InputError } from '@backstage/errors';
import {
  readDatabaseEntry,
  writeDatabaseEntry,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { parseYamlFile, stringifyOptionsFor } from '../yaml/document';

const DIALECT_KEYS = ['deletionProtection', 'mode'];

/**
 * Rewrites every `postgresqlDatabases` entry in the dialect of another chart
 * version, editing the entries in place so comments and unrelated keys stay.
 * Returns the new text and the database names found.
 */
export function valuesForChartVersion(
  text: string,
  displayPath: string,
  chartVersion: string,
): { text: string; databases: string[] } {
  const doc = parseYamlFile(text, displayPath);
  const list = isMap(doc.contents)
    ? doc.get('postgresqlDatabases', true)
    : undefined;
  if (!isSeq(list)) {
    throw new InputError(
      `${displayPath} has no postgresqlDatabases list, so it is not a database definition.`,
    );
  }
  const databases: string[] = [];
  for (const item of list.items) {
    const entry = readDatabaseEntry(isMap(item) ? item.toJSON() : item);
    databases.push(entry.name);
    const wanted = writeDatabaseEntry(chartVersion, entry);
    if (!isMap(item)) {
      continue;
    }
    for (const key of DIALECT_KEYS) {
      if (!(key in wanted)) {
        item.delete(key);
      }
    }
    for (const [key, value] of Object.entries(wanted)) {
      if (item.get(key) !== value) {
        item.set(key, value);
      }
    }
  }
  return { text: doc.toString(stringifyOptionsFor(text)), databases };
}

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
