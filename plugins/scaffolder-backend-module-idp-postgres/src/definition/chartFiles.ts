import { ConflictError, InputError } from '@backstage/errors';
import {
  CHART_NAME,
  chartApplication,
  ChartApplicationFields,
  DatabaseEntry,
  readDatabaseEntry,
  writeDatabaseEntry,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { Document, isMap, isNode, isSeq, YAMLSeq } from 'yaml';
import {
  parseYamlFile,
  quotedString,
  stringifyOptionsFor,
} from '../yaml/document';

/** A new `values.yaml` holding one database, in the dialect of the chart version. */
export function newValuesFile(chartVersion: string, entry: DatabaseEntry) {
  const doc = new Document({
    postgresqlDatabases: [writeDatabaseEntry(chartVersion, entry)],
  });
  return doc.toString({ indent: 2, indentSeq: true });
}

/** A new `application.yaml` in the manual's shape, key order included. */
export function newApplicationFile(fields: ChartApplicationFields): string {
  const doc = new Document(chartApplication(fields));
  // ArgoCD would read an unquoted 1.0 as a number; the manual quotes it.
  doc.setIn(['helm', 'chartVersion'], quotedString(fields.chartVersion));
  return doc.toString({ indent: 2, indentSeq: true });
}

/**
 * The chart version an existing folder's `application.yaml` deploys. The
 * folder must deploy our chart: appending a database to some other app's
 * values would do nothing, or something unexpected.
 */
export function chartVersionOfApplication(
  text: string,
  displayPath: string,
): string {
  const app = parseYamlFile(text, displayPath).toJS() as unknown;
  const helm = (app as { helm?: { chart?: unknown; chartVersion?: unknown } })
    ?.helm;
  if (helm?.chart !== CHART_NAME) {
    throw new ConflictError(
      `${displayPath} does not deploy ${CHART_NAME} (helm.chart is ${JSON.stringify(
        helm?.chart ?? null,
      )}); choose another target folder.`,
    );
  }
  if (typeof helm.chartVersion !== 'string') {
    throw new InputError(
      `${displayPath} has no helm.chartVersion string; write it quoted, e.g. chartVersion: "0.5.0".`,
    );
  }
  return helm.chartVersion;
}

/**
 * Appends a database to an existing `values.yaml`, keeping its comments,
 * key order and indentation style. A name that is already defined is refused.
 */
export function appendToValuesFile(
  text: string,
  displayPath: string,
  chartVersion: string,
  entry: DatabaseEntry,
): string {
  const doc = parseYamlFile(text, displayPath);
  const options = stringifyOptionsFor(text);
  if (doc.contents === null) {
    doc.contents = doc.createNode({});
  }
  if (!isMap(doc.contents)) {
    throw new InputError(
      `${displayPath} must be a mapping with a postgresqlDatabases list.`,
    );
  }
  let list = doc.get('postgresqlDatabases', true);
  if (list === undefined || list === null) {
    list = new YAMLSeq();
    doc.set('postgresqlDatabases', list);
  }
  if (!isSeq(list)) {
    throw new InputError(
      `postgresqlDatabases in ${displayPath} must be a list of databases.`,
    );
  }
  for (const item of list.items) {
    const existing = readDatabaseEntry(isNode(item) ? item.toJSON() : item);
    if (existing.name === entry.name) {
      throw new ConflictError(
        `Database "${entry.name}" is already defined in ${displayPath}; choose another name.`,
      );
    }
  }
  // An empty flow list (`[]`) would otherwise stay on one line.
  if (list.items.length === 0) {
    list.flow = false;
  }
  list.add(doc.createNode(writeDatabaseEntry(chartVersion, entry)));
  return doc.toString(options);
}
