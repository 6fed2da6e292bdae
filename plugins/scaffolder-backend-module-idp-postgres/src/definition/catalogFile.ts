import { ConflictError } from '@backstage/errors';
import type { databaseEntity } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { Document } from 'yaml';
import { parseYamlStream } from '../yaml/document';

type DatabaseEntity = ReturnType<typeof databaseEntity>;

/** What the catalog file says about one database's Resource. */
export interface CatalogEntry {
  owner?: string;
  description?: string;
}

function isResourceNamed(doc: Document, entityName: string): boolean {
  const value = doc.toJS() as {
    kind?: unknown;
    metadata?: { name?: unknown };
  } | null;
  return value?.kind === 'Resource' && value?.metadata?.name === entityName;
}

/**
 * The content of `catalog-info.yaml` with the database's Resource added: a
 * new file, or the existing one with one more `---` document, since one
 * folder may define several databases. A Resource of the same name is refused.
 */
export function catalogFileWithEntity(
  existing: string | undefined,
  displayPath: string,
  entity: DatabaseEntity,
): string {
  const rendered = new Document(entity).toString({
    indent: 2,
    indentSeq: true,
  });
  if (existing === undefined || existing.trim() === '') {
    return rendered;
  }
  for (const doc of parseYamlStream(existing, displayPath)) {
    if (isResourceNamed(doc, entity.metadata.name)) {
      throw new ConflictError(
        `${displayPath} already has a ${entity.kind} named "${entity.metadata.name}".`,
      );
    }
  }
  const separator = existing.endsWith('\n') ? '' : '\n';
  return `${existing}${separator}---\n${rendered}`;
}

/** The owner and description of a database's Resource, as the catalog provider reads them. */
export function readCatalogEntry(
  text: string | undefined,
  displayPath: string,
  entityName: string,
): CatalogEntry | undefined {
  if (text === undefined) {
    return undefined;
  }
  const doc = parseYamlStream(text, displayPath).find(d =>
    isResourceNamed(d, entityName),
  );
  if (!doc) {
    return undefined;
  }
  const value = doc.toJS() as {
    metadata?: { description?: unknown };
    spec?: { owner?: unknown };
  };
  const asString = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    owner: asString(value.spec?.owner),
    description: asString(value.metadata?.description),
  };
}

/**
 * The catalog file without the database's Resource, cut out by its source
 * range so every other document keeps its exact text and comments.
 * `remaining` counts the documents left; the text is unchanged when the
 * Resource is not there.
 */
export function catalogFileWithoutEntity(
  text: string,
  displayPath: string,
  entityName: string,
): { text: string; removed: boolean; remaining: number } {
  const docs = parseYamlStream(text, displayPath);
  const index = docs.findIndex(d => isResourceNamed(d, entityName));
  if (index === -1) {
    return { text, removed: false, remaining: docs.length };
  }
  // Parsed documents always carry their source range; [2] is where the next one starts.
  const endOf = (doc: Document) => doc.range?.[2] ?? text.length;
  const start = index === 0 ? 0 : endOf(docs[index - 1]);
  const end = index === docs.length - 1 ? text.length : endOf(docs[index]);
  const rest = `${text.slice(0, start)}${text.slice(end)}`;
  return {
    // A file that now starts with a document marker reads better without it.
    text: index === 0 ? rest.replace(/^---[ \t]*\n/, '') : rest,
    removed: true,
    remaining: docs.length - 1,
  };
}
