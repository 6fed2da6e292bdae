import fs from 'node:fs';
import path from 'node:path';
import { describeStep, parseGuide } from './parseGuide';

const FENCE = '```';

function section(body: string): string {
  return `# Title\n\n## Other\n\n${FENCE}sh\necho not ours\n${FENCE}\n\n## Adopt\n\n${body}\n## Next\n\n${FENCE}sh\necho not ours either\n${FENCE}\n`;
}

describe('parseGuide', () => {
  it('reads the marked blocks of the section only, in order, with their lines', () => {
    const markdown = section(
      [
        'Install:',
        '',
        '<!-- adoption-test: shell -->',
        '',
        `${FENCE}sh`,
        'yarn add a \\',
        '  b',
        FENCE,
        '',
        '<!-- adoption-test: insert src/index.ts before "backend.start();" -->',
        `${FENCE}ts`,
        "backend.add(import('x'));",
        FENCE,
        '',
        '### Sub',
        '',
        '<!-- adoption-test: edit src/index.ts -->',
        `${FENCE}diff`,
        '-a',
        '+b',
        FENCE,
        '',
        '<!-- adoption-test: merge app-config.yaml -->',
        `${FENCE}yaml`,
        'a: 1',
        FENCE,
      ].join('\n'),
    );
    const steps = parseGuide(markdown, 'Adopt');
    expect(steps.map(describeStep)).toEqual([
      'shell: yarn add a \\ …',
      'insert into src/index.ts before "backend.start();"',
      'edit src/index.ts',
      'merge app-config.yaml',
    ]);
    expect(steps[0]).toMatchObject({
      op: 'shell',
      script: 'yarn add a \\\n  b\n',
    });
    expect(steps[1]).toMatchObject({
      op: 'insert',
      file: 'src/index.ts',
      before: 'backend.start();',
      text: "backend.add(import('x'));\n",
    });
    expect(steps[0].line).toBe(
      markdown.split('\n').indexOf('<!-- adoption-test: shell -->') + 1,
    );
  });

  it('refuses a code block without a marker, so no step is left out', () => {
    expect(() =>
      parseGuide(
        section(`Do this:\n\n${FENCE}sh\nyarn add x\n${FENCE}\n`),
        'Adopt',
      ),
    ).toThrow(/README\.md:\d+: code block without an adoption-test marker/);
  });

  it('refuses a marker that no block follows', () => {
    expect(() =>
      parseGuide(
        section('<!-- adoption-test: shell -->\n\nSome text.\n'),
        'Adopt',
      ),
    ).toThrow(/marker without a code block/);
  });

  it('refuses unknown markers, paths outside the app and mismatched block languages', () => {
    const one =
      (marker: string, lang = 'sh') =>
      () =>
        parseGuide(
          section(
            `<!-- adoption-test: ${marker} -->\n${FENCE}${lang}\nx\n${FENCE}\n`,
          ),
          'Adopt',
        );
    expect(one('run')).toThrow(/unknown adoption-test marker "run"/);
    expect(one('create ../outside.ts', 'ts')).toThrow(
      /is not a path in the app/,
    );
    expect(one('create /etc/passwd', 'ts')).toThrow(/is not a path in the app/);
    expect(one('edit src/index.ts', 'ts')).toThrow(/needs a diff block/);
    expect(one('shell', 'ts')).toThrow(/needs an sh block/);
  });

  it('fails when the section is missing', () => {
    expect(() => parseGuide('# Nothing\n', 'Adopt')).toThrow(
      'README.md has no "## Adopt" section',
    );
  });

  it("reads the repository README's adoption section: one start block, a cleanup, files in the app", () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../../../../README.md'),
      'utf8',
    );
    const steps = parseGuide(readme);
    expect(steps.filter(s => s.op === 'start')).toHaveLength(1);
    expect(steps.some(s => s.op === 'cleanup')).toBe(true);
    expect(steps.some(s => s.op === 'sandbox')).toBe(true);
  });
});
