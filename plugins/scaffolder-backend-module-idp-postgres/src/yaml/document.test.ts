import { MAX_ALIAS_COUNT, parseYamlFile, parseYamlStream } from './document';

/** Nine levels of nine aliases each: 9^9 strings once expanded. */
function billionLaughs(): string {
  const names = 'abcdefghi';
  const lines = [`a: &a [${Array(9).fill('"lol"')}]`];
  for (let i = 1; i < names.length; i++) {
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`)}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('parseYamlFile', () => {
  it('reads plain YAML, explicit core tags and a shared block', () => {
    const doc = parseYamlFile(
      [
        'base: &base {image: app, tag: "1"}',
        'a: *base',
        'b:',
        '  <<: *base',
        '  tag: "2"',
        'port: !!int "5432"',
        'name: !!str 123',
        '',
      ].join('\n'),
      'x/values.yaml',
    );
    expect(doc.toJS()).toMatchObject({ a: { image: 'app' }, port: 5432 });
  });

  it('allows a block shared just under the limit, and refuses one more use', () => {
    const uses = Array.from(
      { length: MAX_ALIAS_COUNT - 1 },
      (_, i) => `u${i}: *base`,
    );
    expect(() =>
      parseYamlFile(`base: &base {a: 1}\n${uses.join('\n')}\n`, 'v.yaml'),
    ).not.toThrow();
    expect(() =>
      parseYamlFile(
        `base: &base {a: 1}\n${uses.join('\n')}\nlast: *base\n`,
        'v.yaml',
      ),
    ).toThrow(/^v.yaml uses YAML aliases/);
  });

  it.each([
    [
      'a billion-laughs alias bomb',
      billionLaughs(),
      /^x\/values.yaml uses YAML aliases that expand beyond 100 copies/,
    ],
    [
      'a !!js/function tag',
      'hook: !!js/function "function () {}"\n',
      /^x\/values.yaml uses the YAML tag "!!js\/function"/,
    ],
    [
      'an application tag',
      'hook: !vault secret/data/db#password\n',
      /^x\/values.yaml uses the YAML tag "!vault"/,
    ],
    [
      'a tag on a list entry',
      'dbs:\n  - !vault\n    name: a\n',
      /uses the YAML tag "!vault"/,
    ],
    ['a tag on a key', '!vault k: v\n', /uses the YAML tag "!vault"/],
    [
      'a YAML 1.1 tag outside the core schema',
      'd: !!timestamp 2020-01-01\n',
      /uses the YAML tag "!!timestamp"/,
    ],
  ])('refuses %s with an InputError naming the file', (_, text, message) => {
    let thrown: unknown;
    try {
      parseYamlFile(text, 'x/values.yaml');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'InputError', message });
  });

  it('refuses a hostile document anywhere in a stream', () => {
    expect(() =>
      parseYamlStream(
        `kind: Resource\n---\n${billionLaughs()}`,
        'x/catalog-info.yaml',
      ),
    ).toThrow(/^x\/catalog-info.yaml uses YAML aliases/);
    expect(() =>
      parseYamlStream('a: 1\n---\nb: !secret x\n', 'x/catalog-info.yaml'),
    ).toThrow(/^x\/catalog-info.yaml uses the YAML tag "!secret"/);
  });
});
