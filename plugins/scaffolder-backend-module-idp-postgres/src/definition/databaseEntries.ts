import { InputError, NotFoundError } from '@backstage/errors';
import {
  DatabaseEntry,
  readDatabaseEntry,
  writeDatabaseEntry,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { Document, isMap, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import { parseYamlFile, stringifyOptionsFor } from '../yaml/document';

/** The keys in which chart dialects spell protection. */
const DIALECT_KEYS = ['deletionProtection', 'mode'];

/** The `postgresqlDatabases` list of a parsed values file, or an InputError. */
function databaseList(doc: Document, displayPath: string): YAMLSeq {
  const list = isMap(doc.contents)
    ? doc.get('postgresqlDatabases', true)
    : undefined;
  if (!isSeq(list)) {
    throw new InputError(
      `${displayPath} has no postgresqlDatabases list, so it is not a database definition.`,
    );
  }
  return list;
}

function entryOf(item: unknown): DatabaseEntry {
  return readDatabaseEntry(isMap(item) ? item.toJSON() : item);
}

/** Every database a values file defines, in order. */
export function readDatabaseEntries(
  text: string,
  displayPath: string,
): DatabaseEntry[] {
  return databaseList(parseYamlFile(text, displayPath), displayPath).items.map(
    entryOf,
  );
}

/**
 * Makes one entry say what `wanted` says, touching only the keys that
 * differ, so comments and the entry's own layout stay.
 */
function rewriteEntry(item: YAMLMap, wanted: Record<string, string | boolean>) {
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

/**
 * Rewrites every `postgresqlDatabases` entry in the dialect of another chart
 * version, editing the entries in place so comments and unrelated keys stay.
 * Returns the new text and the entries found.
 */
export function valuesForChartVersion(
  text: string,
  displayPath: string,
  chartVersion: string,
): { text: string; databases: DatabaseEntry[] } {
  const doc = parseYamlFile(text, displayPath);
  const databases: DatabaseEntry[] = [];
  for (const item of databaseList(doc, displayPath).items) {
    const entry = entryOf(item);
    databases.push(entry);
    const wanted = writeDatabaseEntry(chartVersion, entry);
    if (isMap(item)) {
      rewriteEntry(item, wanted);
    }
  }
  return { text: doc.toString(stringifyOptionsFor(text)), databases };
}

function indexOfDatabase(list: YAMLSeq, name: string, displayPath: string) {
  const index = list.items.findIndex(item => entryOf(item).name === name);
  if (index === -1) {
    throw new NotFoundError(`${displayPath} does not define "${name}".`);
  }
  return index;
}

/**
 * Sets one database's protection in the dialect of the folder's chart
 * version (`deletionProtection` or `mode`), leaving everything else as it
 * was. Unchanged text when the entry already says so.
 */
export function valuesWithProtection(
  text: string,
  displayPath: string,
  chartVersion: string,
  name: string,
  protect: boolean,
): string {
  const doc = parseYamlFile(text, displayPath);
  const list = databaseList(doc, displayPath);
  const item = list.items[indexOfDatabase(list, name, displayPath)];
  const wanted = writeDatabaseEntry(chartVersion, { name, protected: protect });
  if (!isMap(item)) {
    throw new InputError(
      `Database "${name}" in ${displayPath} is not a mapping, so it cannot be edited.`,
    );
  }
  const before = doc.toString(stringifyOptionsFor(text));
  rewriteEntry(item, wanted);
  const after = doc.toString(stringifyOptionsFor(text));
  // An entry already as wanted keeps the file byte for byte.
  return after === before ? text : after;
}

/** The values file without one database's entry; the rest keeps its comments and layout. */
export function valuesWithoutDatabase(
  text: string,
  displayPath: string,
  name: string,
): string {
  const doc = parseYamlFile(text, displayPath);
  const list = databaseList(doc, displayPath);
  list.items.splice(indexOfDatabase(list, name, displayPath), 1);
  return doc.toString(stringifyOptionsFor(text));
}
