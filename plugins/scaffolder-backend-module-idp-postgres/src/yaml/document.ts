import { InputError } from '@backstage/errors';
import {
  Document,
  isNode,
  parseAllDocuments,
  parseDocument,
  Scalar,
  ToStringOptions,
  visit,
} from 'yaml';
import { shown } from '../workspace/paths';

/**
 * Parses one YAML document, refusing it with the parser's own message when
 * it is not valid YAML: editing a file we cannot read faithfully would lose
 * the user's content. Documents that are valid but hostile are refused too
 * (see `assertPlainYaml`).
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
    assertPlainYaml(doc, displayPath);
  }
}

/**
 * A document refused for what it holds rather than for being unreadable:
 * callers that pass over unreadable files must still stop at this one.
 * It stays an InputError (a 400) for everyone else.
 */
export class UnsafeYamlError extends InputError {}

/** The tags of YAML's core schema, the only ones Helm, ArgoCD and the catalog all read alike. */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map(
    name => `tag:yaml.org,2002:${name}`,
  ),
);

/**
 * How many alias resolutions a document may cost, in the YAML library's own
 * measure (an alias counts as often as the aliases inside what it points
 * to). A hand-written values file shares a few blocks; a "billion laughs"
 * document nests aliases of aliases and exceeds this at once.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Refuses the two things in a valid YAML document that the files we edit
 * never need and that an attacker can use:
 *
 * - Explicit tags outside the core schema (`!!js/function`, `!vault`): our
 *   edits keep them, so the pull request would carry a value that an unsafe
 *   loader executes or that Helm cannot read. The tag is named, so the
 *   author can find it.
 * - Aliases that expand too far. Anchors and aliases are allowed, since
 *   values files use them to share blocks; what is refused is a document
 *   whose aliases multiply (billion laughs), which would otherwise be
 *   written back for Helm to expand, or make reading it fail as a 500.
 */
function assertPlainYaml(doc: Document, displayPath: string): void {
  visit(doc, {
    Node(_, node) {
      if (isNode(node) && node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
        throw new UnsafeYamlError(
          `${displayPath} uses the YAML tag "${shown(
            sourceTag(node.tag),
          )}", so it was left untouched; only plain values are allowed in the files the PostgreSQL templates edit: remove the tag.`,
        );
      }
    },
  });
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError) {
      throw new UnsafeYamlError(
        `${displayPath} uses YAML aliases that expand beyond ${MAX_ALIAS_COUNT} copies (an alias bomb?), so it was left untouched: write the repeated blocks out or share fewer of them.`,
      );
    }
    throw error;
  }
}

/** A tag as it is written in the file: `!!js/function` rather than its full name. */
function sourceTag(tag: string): string {
  const prefix = 'tag:yaml.org,2002:';
  return tag.startsWith(prefix) ? `!!${tag.slice(prefix.length)}` : tag;
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
