import {
  chartApplication,
  recreatesResources,
  parseChartVersion,
  readDatabaseEntry,
  writeDatabaseEntry,
} from './chart';

describe('parseChartVersion', () => {
  it.each([
    ['0.4.1', 'name-only'],
    ['0.5.0', 'deletion-protection'],
    ['0.5.3', 'deletion-protection'],
    ['0.9.9', 'deletion-protection'],
    ['1.0.0', 'mode'],
    ['1.0.4', 'mode'],
    ['2.3.0', 'mode'],
  ])('%s uses the %s dialect', (version, dialect) => {
    expect(parseChartVersion(version)).toEqual({ version, dialect });
  });

  it.each([
    '',
    'latest',
    '0.5',
    'v0.5.0',
    '^1.0.0',
    '>=0.5.0',
    ' 0.5.0',
    '0.5.0\n',
  ])('rejects %j', version => {
    expect(() => parseChartVersion(version)).toThrow(
      'is not an exact version such as "0.5.0" or "1.0.4"',
    );
  });
});

describe('writeDatabaseEntry', () => {
  it.each<[string, boolean, object]>([
    ['0.4.1', false, { name: 'my-db' }],
    ['0.5.0', false, { name: 'my-db', deletionProtection: false }],
    ['0.5.0', true, { name: 'my-db', deletionProtection: true }],
    ['1.0.4', false, { name: 'my-db', mode: 'standard' }],
    ['1.0.4', true, { name: 'my-db', mode: 'protected' }],
  ])('chart %s, protected %s', (version, isProtected, expected) => {
    expect(
      writeDatabaseEntry(version, { name: 'my-db', protected: isProtected }),
    ).toEqual(expected);
  });

  it('refuses protection the chart cannot express', () => {
    expect(() =>
      writeDatabaseEntry('0.4.1', { name: 'my-db', protected: true }),
    ).toThrow(
      'Chart 0.4.1 cannot protect a database from deletion; use chart 0.5.0 or later for "my-db".',
    );
  });

  it('round-trips through readDatabaseEntry in every dialect', () => {
    for (const version of ['0.5.0', '1.0.0']) {
      for (const isProtected of [true, false]) {
        const entry = { name: 'my-db', protected: isProtected };
        expect(readDatabaseEntry(writeDatabaseEntry(version, entry))).toEqual(
          entry,
        );
      }
    }
  });
});

describe('readDatabaseEntry', () => {
  it('treats a missing flag as unprotected', () => {
    expect(readDatabaseEntry({ name: 'a' })).toEqual({
      name: 'a',
      protected: false,
    });
  });

  it.each<[unknown, string]>([
    ['my-db', 'must be a mapping with a name, not "my-db"'],
    [null, 'must be a mapping with a name, not null'],
    [['a'], 'must be a mapping with a name'],
    [{}, 'has no name'],
    [{ name: 5 }, 'has no name'],
    [
      { name: 'a', protected: true },
      'Database "a" has unknown key "protected"',
    ],
    [
      { name: 'a', deletionProtection: true, mode: 'protected' },
      'sets both deletionProtection and mode',
    ],
    [
      { name: 'a', deletionProtection: 'yes' },
      'deletionProtection must be true or false, not "yes"',
    ],
    [
      { name: 'a', mode: 'Protected' },
      'mode must be "standard" or "protected", not "Protected"',
    ],
  ])('rejects %j', (raw, message) => {
    expect(() => readDatabaseEntry(raw)).toThrow(message);
  });
});

describe('recreatesResources', () => {
  it.each<[string, string, boolean]>([
    ['0.4.1', '0.5.0', true],
    ['0.4.1', '1.0.4', true],
    ['0.4.0', '0.4.1', false],
    ['0.5.0', '1.0.0', false],
    ['1.0.4', '0.5.0', false],
    ['0.5.0', '0.4.1', true],
    ['1.0.4', '0.4.1', true],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(recreatesResources(from, to)).toBe(expected);
  });
});

describe('chartApplication', () => {
  it("has the manual's application.yaml keys in the manual's order", () => {
    const application = chartApplication({
      name: 'my-db',
      description: 'my-db',
      slackChannel: 'my-slack-channel',
      chartVersion: '0.5.0',
    });
    expect(application).toEqual({
      apiVersion: 'v2',
      name: 'my-db',
      description: 'my-db',
      version: '0.1.0',
      slackChannel: 'my-slack-channel',
      helm: { chart: 'helm/idp-postgresql', chartVersion: '0.5.0' },
    });
    expect(Object.keys(application)).toEqual([
      'apiVersion',
      'name',
      'description',
      'version',
      'slackChannel',
      'helm',
    ]);
  });
});
