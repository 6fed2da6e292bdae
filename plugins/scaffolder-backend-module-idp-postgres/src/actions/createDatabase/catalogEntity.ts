import { ConflictError } from '@backstage/errors';
import type { databaseEntity } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { Document } from 'yaml';
import { parseYamlStream } from '../../yaml/document';

/**
 * The content of `catalog-info.yaml` with the database's Resource added: a
 * new file, or the existing one with one more `---` document, since one
 * folder may define several databases. A Resource of the same name is refused.
 */
export function catalogFileWithEntity(
  existing: string | undefined,
  displayPath: string,
  entity: ReturnType<typeof databaseEntity>,
): string {
  const rendered = new Document(entity).toString({
    indent: 2,
    indentSeq: true,
  });
  if (existing === undefined || existing.trim() === '') {
    return rendered;
  }
  const documents = parseYamlStream(existing, displayPath);
  for (const doc of documents) {
    const other = doc.toJS() as {
      kind?: unknown;
      metadata?: { name?: unknown };
    } | null;
    if (
      other?.kind === entity.kind &&
      other?.metadata?.name === entity.metadata.name
    ) {
      throw new ConflictError(
        `${displayPath} already has a ${entity.kind} named "${entity.metadata.name}".`,
      );
    }
  }
  const separator = existing.endsWith('\n') ? '' : '\n';
  return `${existing}${separator}---\n${rendered}`;
}
