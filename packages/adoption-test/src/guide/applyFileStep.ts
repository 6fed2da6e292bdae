import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, parseDocument, YAMLMap } from 'yaml';
import { GuideStep } from './parseGuide';

type FileStep = Extract<GuideStep, { file: string }>;

/** Where `old` (consecutive lines, compared without trailing spaces) is in `lines`; exactly once. */
function findOnce(lines: string[], old: string[], what: string): number {
  const same = (a: string, b: string) => a.trimEnd() === b.trimEnd();
  const hits: number[] = [];
  for (let i = 0; i + old.length <= lines.length; i++) {
    if (old.every((line, k) => same(lines[i + k], line))) hits.push(i);
  }
  if (hits.length !== 1) {
    throw new Error(
      `${what}: expected the lines once, found them ${
        hits.length
      } times:\n${old.join('\n')}`,
    );
  }
  return hits[0];
}

/**
 * Applies a unified-diff-like block: hunks split by `@@` lines; in each,
 * lines starting with a space (or empty) are context, `-` lines are removed
 * and `+` lines added. The context and removed lines must occur exactly once.
 */
export function applyDiff(source: string, diff: string, what: string): string {
  const hunks: string[][] = [[]];
  for (const line of diff.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('@@')) hunks.push([]);
    else hunks[hunks.length - 1].push(line);
  }
  let lines = source.split('\n');
  for (const hunk of hunks.filter(h => h.length > 0)) {
    const before: string[] = [];
    const after: string[] = [];
    for (const line of hunk) {
      const [mark, rest] = [line.slice(0, 1), line.slice(1)];
      if (mark === '-') before.push(rest);
      else if (mark === '+') after.push(rest);
      else if (mark === ' ' || line === '') {
        before.push(rest);
        after.push(rest);
      } else {
        throw new Error(
          `${what}: diff line must start with " ", "-" or "+": ${line}`,
        );
      }
    }
    if (before.length === 0) {
      throw new Error(
        `${what}: a hunk needs context or removed lines to find its place`,
      );
    }
    const at = findOnce(lines, before, what);
    lines = [
      ...lines.slice(0, at),
      ...after,
      ...lines.slice(at + before.length),
    ];
  }
  return lines.join('\n');
}

/** Inserts `text` before the one line equal to `anchor` (ignoring surrounding spaces). */
export function insertBefore(
  source: string,
  anchor: string,
  text: string,
  what: string,
): string {
  const lines = source.split('\n');
  const hits = lines.flatMap((l, i) => (l.trim() === anchor.trim() ? [i] : []));
  if (hits.length !== 1) {
    throw new Error(
      `${what}: expected one line "${anchor}", found ${hits.length}`,
    );
  }
  const block = text.replace(/\n$/, '').split('\n');
  return [...lines.slice(0, hits[0]), ...block, ...lines.slice(hits[0])].join(
    '\n',
  );
}

function mergeInto(target: YAMLMap, source: YAMLMap) {
  for (const pair of source.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    const existing = target.get(key, true);
    if (isMap(existing) && isMap(pair.value)) {
      mergeInto(existing, pair.value);
    } else {
      // Scalars and lists replace what is there, as a config overlay would.
      target.set(key, pair.value);
    }
  }
}

/**
 * Merges a YAML block into a YAML file: maps deeply, everything else
 * replaced; the file's comments and order stay.
 */
export function mergeYaml(source: string, block: string, what: string): string {
  const doc = parseDocument(source);
  const add = parseDocument(block);
  for (const d of [doc, add]) {
    if (d.errors.length > 0) throw new Error(`${what}: ${d.errors[0].message}`);
  }
  if (!isMap(add.contents)) throw new Error(`${what}: the block is not a map`);
  // An empty file takes the block as it is.
  if (doc.contents === null) return add.toString();
  if (!isMap(doc.contents)) throw new Error(`${what}: the file is not a map`);
  mergeInto(doc.contents, add.contents);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Applies a create, insert, edit or merge step to a file under `appDir`. */
export function applyFileStep(appDir: string, step: FileStep): void {
  const file = path.join(appDir, step.file);
  const what = `${step.op} ${step.file}`;
  if (step.op === 'create') {
    if (fs.existsSync(file))
      throw new Error(`${what}: the file exists already`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, step.text);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`${what}: no such file in the app`);
  const source = fs.readFileSync(file, 'utf8');
  let result: string;
  if (step.op === 'insert') {
    result = insertBefore(source, step.before, step.text, what);
  } else if (step.op === 'edit') {
    result = applyDiff(source, step.text, what);
  } else {
    result = mergeYaml(source, step.text, what);
  }
  fs.writeFileSync(file, result);
}
