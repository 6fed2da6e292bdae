import { InputError } from '@backstage/errors';
import {
  Document,
  parseAllDocuments,
  parseDocument,
  Scalar,
  ToStringOptions,
} from 'yaml';

/**
 * Parses one YAML document, refusing it with the parser's own message when
 * it is not valid YAML: editing a file we cannot read faithfully would lose
 * the user's content.
 */
export function parseYamlFile(text: string, displayPath: string): Document {
  const doc = parseDocument(text, { prettyErrors: true });
  throwOnErrors([doc], displayPath);
  return doc;
}

/** Parses a file that may hold several `---` separated documents, like catalog-info.yaml. */
export function parseYamlStream(text: string, displayPath: string): Document[] {
  const docs = parseAllDocuments(text, { prettyErrors: true });
  if (!Array.isArray(docs)) {
    return [];
  }
  throwOnErrors(docs, displayPath);
  return docs;
}

function throwOnErrors(docs: Document[], displayPath: string) {
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new InputError(
        `Cannot parse ${displayPath} as YAML, so it was left untouched: ${doc.errors[0].message}`,
      );
    }
  }
}

const CANDIDATE_OPTIONS: ToStringOptions[] = [2, 4].flatMap(indent =>
  [true, false].map(indentSeq => ({ indent, indentSeq, lineWidth: 0 })),
);

/**
 * The stringify options that reproduce a file exactly, so that an edit
 * changes only the lines it has to. Falls back to the common Helm style
 * (two spaces, indented sequences) when no candidate round-trips.
 */
export function stringifyOptionsFor(text: string): ToStringOptions {
  const probe = parseDocument(text);
  return (
    CANDIDATE_OPTIONS.find(options => probe.toString(options) === text) ??
    CANDIDATE_OPTIONS[0]
  );
}

/** A string scalar that is always written in double quotes, like the manual's `chartVersion: "0.5.0"`. */
export function quotedString(value: string): Scalar<string> {
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}
