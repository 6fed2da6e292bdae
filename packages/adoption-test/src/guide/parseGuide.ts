/**
 * Reads the README's adoption section into the steps the test applies. Every
 * code block in the section is preceded by a marker comment that says what
 * to do with it, so the test applies the README's own text and nothing else:
 *
 *   <!-- adoption-test: shell -->            run in the app's folder
 *   <!-- adoption-test: create FILE -->      write a new file in the app
 *   <!-- adoption-test: insert FILE before "LINE" -->
 *   <!-- adoption-test: edit FILE -->        apply a diff block to the file
 *   <!-- adoption-test: merge FILE -->       merge a YAML block into the file
 *   <!-- adoption-test: sandbox -->          run in this repository's checkout
 *   <!-- adoption-test: start -->            start the app (runs until stopped)
 *   <!-- adoption-test: cleanup -->          run in the checkout at the end
 */

/** The heading of the section the test follows. */
export const ADOPTION_HEADING = 'Add the plugins to an existing Backstage app';

export type GuideStep =
  | { op: 'shell' | 'sandbox' | 'start' | 'cleanup'; script: string }
  | { op: 'create' | 'edit' | 'merge'; file: string; text: string }
  | { op: 'insert'; file: string; before: string; text: string };

/** What a marker says, before its block is read. */
type Marker =
  | { op: 'shell' | 'sandbox' | 'start' | 'cleanup' }
  | { op: 'create' | 'edit' | 'merge'; file: string }
  | { op: 'insert'; file: string; before: string };

/** A step with where the README holds it, for logs and errors. */
export type LocatedStep = GuideStep & { line: number; lang: string };

const MARKER = /^<!--\s*adoption-test:\s*(.*?)\s*-->$/;
const FENCE = /^(`{3,})(\S*)\s*$/;

class GuideError extends Error {
  constructor(line: number, message: string) {
    super(`README.md:${line}: ${message}`);
    this.name = 'GuideError';
  }
}

/** The lines of the section under `## <heading>`, with their line numbers. */
function sectionLines(
  markdown: string,
  heading: string,
): { text: string; line: number }[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex(l => l.trim() === `## ${heading}`);
  if (start < 0) {
    throw new Error(`README.md has no "## ${heading}" section`);
  }
  const section: { text: string; line: number }[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    if (/^## /.test(lines[i])) break;
    section.push({ text: lines[i], line: i + 1 });
  }
  return section;
}

function parseMarker(body: string, line: number): Marker {
  const insert = /^insert\s+(\S+)\s+before\s+"(.+)"$/.exec(body);
  if (insert) return { op: 'insert', file: insert[1], before: insert[2] };
  const withFile = /^(create|edit|merge)\s+(\S+)$/.exec(body);
  if (withFile) {
    return {
      op: withFile[1] as 'create' | 'edit' | 'merge',
      file: withFile[2],
    };
  }
  if (/^(shell|sandbox|start|cleanup)$/.test(body)) {
    return { op: body as 'shell' | 'sandbox' | 'start' | 'cleanup' };
  }
  throw new GuideError(line, `unknown adoption-test marker "${body}"`);
}

function toStep(
  marker: Marker,
  text: string,
  lang: string,
  line: number,
): LocatedStep {
  if ('file' in marker) {
    if (marker.file.startsWith('/') || marker.file.split('/').includes('..')) {
      throw new GuideError(line, `${marker.file} is not a path in the app`);
    }
    if (marker.op === 'edit' && lang !== 'diff') {
      throw new GuideError(
        line,
        `an edit step needs a diff block, not ${lang}`,
      );
    }
    return { ...marker, text, lang, line };
  }
  if (lang !== 'sh') {
    throw new GuideError(line, `a ${marker.op} step needs an sh block`);
  }
  return { op: marker.op, script: text, lang, line };
}

/**
 * The marked steps of the adoption section, in README order. A code block
 * without a marker, or a marker without a block right after it, is an
 * error: the test must follow every step a reader sees, and only those.
 */
export function parseGuide(
  markdown: string,
  heading = ADOPTION_HEADING,
): LocatedStep[] {
  const lines = sectionLines(markdown, heading);
  const steps: LocatedStep[] = [];
  let pending: { marker: Marker; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const { text, line } = lines[i];
    const marker = MARKER.exec(text.trim());
    if (marker) {
      if (pending) {
        throw new GuideError(pending.line, 'marker without a code block');
      }
      pending = { marker: parseMarker(marker[1], line), line };
      continue;
    }
    const fence = FENCE.exec(text);
    if (fence) {
      if (!pending) {
        throw new GuideError(
          line,
          'code block without an adoption-test marker',
        );
      }
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j].text !== fence[1]) {
        body.push(lines[j].text);
        j++;
      }
      if (j >= lines.length) throw new GuideError(line, 'unclosed code block');
      steps.push(
        toStep(pending.marker, `${body.join('\n')}\n`, fence[2], pending.line),
      );
      pending = undefined;
      i = j;
      continue;
    }
    if (pending && text.trim() !== '') {
      throw new GuideError(pending.line, 'marker without a code block');
    }
  }
  if (pending)
    throw new GuideError(pending.line, 'marker without a code block');
  return steps;
}

/** A short name of a step for logs, e.g. `edit packages/backend/src/index.ts`. */
export function describeStep(step: GuideStep): string {
  switch (step.op) {
    case 'insert':
      return `insert into ${step.file} before "${step.before}"`;
    case 'create':
    case 'edit':
    case 'merge':
      return `${step.op} ${step.file}`;
    default:
      return `${step.op}: ${step.script.split('\n')[0]}${
        step.script.trim().includes('\n') ? ' …' : ''
      }`;
  }
}
