import {
  databasesInSecretsManagerNames,
  secretsManagerNamePrefix,
  DEFAULT_SECRETS_MANAGER_NAME_PATTERN,
  assertValidDatabaseRef,
  databaseRefProblems,
  deriveDatabaseNames,
  dnsLabelProblem,
  maxDatabaseNameLength,
  secretsManagerName,
  secretsManagerPatternProblem,
} from './names';

describe('dnsLabelProblem', () => {
  it.each(['a', '0', 'my-db', 'idp-dev', 'db1', '1db', 'a--b', 'x'.repeat(63)])(
    'accepts %j',
    name => {
      expect(dnsLabelProblem(name)).toBeUndefined();
    },
  );

  // Each bad name with the exact reason a user is given.
  it.each<[string, string]>([
    ['', 'must not be empty'],
    ['x'.repeat(64), 'is 64 characters long; the limit is 63'],
    ['y'.repeat(100), 'is 100 characters long; the limit is 63'],
    ['MyDb', 'must be lowercase (found "M")'],
    ['my-DB', 'must be lowercase (found "D")'],
    ['ALL', 'must be lowercase (found "A")'],
    [
      'my_db',
      'contains an underscore; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'my.db',
      'contains a dot; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'my db',
      'contains a space; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      ' mydb',
      'contains a space; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'mydb ',
      'contains a space; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'my\tdb',
      'contains a tab; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'my\ndb',
      'contains a line break; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'my-db\n  evil: x',
      'contains a line break; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'my\rdb',
      'contains a carriage return; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'my\0db',
      'contains a NUL character; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'my\u0007db',
      'contains a control character (U+0007); only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      '../etc',
      'contains a dot; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'a/b',
      'contains a slash; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'a\\b',
      'contains a backslash; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'db"; DROP DATABASE x; --',
      'contains a double quote; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      "db'or'1",
      'contains a single quote; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'a:b',
      'contains ":"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'a#b',
      'contains "#"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      '{a}',
      'contains "{"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      '[a]',
      'contains "["; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      '*',
      'contains "*"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      '&anchor',
      'contains "&"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      '!tag',
      'contains "!"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'a|b',
      'contains "|"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'a>b',
      'contains ">"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      '$(id)',
      'contains "$"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      '`id`',
      'contains "`"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'a%b',
      'contains "%"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'a,b',
      'contains ","; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'a=b',
      'contains "="; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'a+b',
      'contains "+"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'a@b',
      'contains "@"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'kødbase',
      'contains "ø"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'æble',
      'contains "æ"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'db\u200b',
      'contains "\u200b"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    [
      'ｄｂ',
      'contains "ｄ"; only lowercase letters a-z, digits 0-9 and "-" are allowed',
    ],
    ['-db', 'must start with a letter or digit, not "-"'],
    ['--', 'must start with a letter or digit, not "-"'],
    ['db-', 'must end with a letter or digit, not "-"'],
    ['my-db-', 'must end with a letter or digit, not "-"'],
  ])('rejects %j: %s', (name, reason) => {
    expect(dnsLabelProblem(name)).toBe(reason);
  });
});

describe('databaseRefProblems', () => {
  it('accepts the manual example', () => {
    expect(
      databaseRefProblems({ namespace: 'idp-dev', name: 'my-db' }),
    ).toEqual([]);
  });

  it('reports both fields at once', () => {
    expect(databaseRefProblems({ namespace: 'Dev', name: 'my_db' })).toEqual([
      {
        field: 'namespace',
        message: 'Namespace "Dev" must be lowercase (found "D").',
      },
      {
        field: 'name',
        message:
          'Database name "my_db" contains an underscore; only lowercase letters a-z, digits 0-9 and "-" are allowed.',
      },
    ]);
  });

  it('shows control characters escaped, never raw', () => {
    const [problem] = databaseRefProblems({
      namespace: 'idp-dev',
      name: 'a\nb',
    });
    expect(problem.message).toContain('"a\\nb"');
    expect(problem.message).not.toContain('\n');
  });

  it('accepts the longest name that fits 63 bytes', () => {
    // idp-dev (7) + "-" + name + "-admin" (6) = 63
    const name = 'n'.repeat(49);
    expect(maxDatabaseNameLength('idp-dev')).toBe(49);
    expect(databaseRefProblems({ namespace: 'idp-dev', name })).toEqual([]);
  });

  it('says which derived name is too long, by how much, and what to shorten', () => {
    const name = 'n'.repeat(52);
    expect(databaseRefProblems({ namespace: 'idp-dev', name })).toEqual([
      {
        field: 'name',
        message: `Role name "idp-dev-${name}-admin" is 66 bytes, 3 over PostgreSQL's 63-byte limit for identifiers; shorten the database name "${name}" by at least 3 characters (at most 49 in namespace "idp-dev").`,
      },
    ]);
  });

  it('uses the singular for one character over', () => {
    const [problem] = databaseRefProblems({
      namespace: 'idp-dev',
      name: 'n'.repeat(50),
    });
    expect(problem.message).toContain('by at least 1 character (at most 49');
  });

  it('blames the namespace when it leaves no room for any name', () => {
    const namespace = 'x'.repeat(60);
    expect(databaseRefProblems({ namespace, name: 'a' })).toEqual([
      {
        field: 'namespace',
        message: `Role name "${namespace}-a-admin" is 68 bytes, 5 over PostgreSQL's 63-byte limit for identifiers; namespace "${namespace}" leaves no room for a database name; use a namespace of at most 55 characters.`,
      },
    ]);
  });

  it('throws an InputError with every message', () => {
    expect(() =>
      assertValidDatabaseRef({ namespace: '-x', name: 'y-' }),
    ).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message:
          'Namespace "-x" must start with a letter or digit, not "-". Database name "y-" must end with a letter or digit, not "-".',
      }),
    );
  });
});

describe('deriveDatabaseNames', () => {
  it('derives the names the manual uses', () => {
    expect(deriveDatabaseNames({ namespace: 'idp-dev', name: 'kdb1' })).toEqual(
      {
        database: 'idp-dev-kdb1',
        roles: {
          admin: 'idp-dev-kdb1-admin',
          write: 'idp-dev-kdb1-write',
          read: 'idp-dev-kdb1-read',
        },
        kubernetesSecrets: {
          admin: 'idp-dev-kdb1-admin',
          write: 'idp-dev-kdb1-write',
          read: 'idp-dev-kdb1-read',
        },
        secretsManagerSecrets: {
          admin: 'customer/idp-dev/idp-dev-kdb1-admin',
          write: 'customer/idp-dev/idp-dev-kdb1-write',
          read: 'customer/idp-dev/idp-dev-kdb1-read',
        },
      },
    );
  });

  it('follows a configured Secrets Manager pattern', () => {
    const names = deriveDatabaseNames(
      { namespace: 'idp-dev', name: 'kdb1' },
      { secretsManagerNamePattern: 'rds/{namespace}/{database}/{role}' },
    );
    expect(names.secretsManagerSecrets.read).toBe('rds/idp-dev/kdb1/read');
  });

  it('refuses invalid references', () => {
    expect(() =>
      deriveDatabaseNames({ namespace: 'idp-dev', name: '' }),
    ).toThrow('Database name "" must not be empty.');
  });
});

describe('Secrets Manager name patterns', () => {
  it('accepts the default', () => {
    expect(
      secretsManagerPatternProblem(DEFAULT_SECRETS_MANAGER_NAME_PATTERN),
    ).toBeUndefined();
  });

  it.each<[string, string]>([
    ['customer/{ns}/{database}-{role}', 'uses unknown placeholder {ns}'],
    ['customer/{namespace}/{role}', 'must contain {database}'],
    ['customer/{namespace}/{database}', 'must contain {role}'],
    [
      'customer {namespace}/{database}-{role}',
      'contains characters Secrets Manager does not allow',
    ],
  ])('rejects %j', (pattern, reason) => {
    expect(secretsManagerPatternProblem(pattern)).toContain(reason);
    expect(() =>
      secretsManagerName({ namespace: 'a', name: 'b' }, 'read', pattern),
    ).toThrow(reason);
  });
});

describe('Secrets Manager names of a namespace', () => {
  it('lists by the literal prefix of the pattern', () => {
    expect(secretsManagerNamePrefix('team-a')).toBe('customer/team-a/team-a-');
    expect(secretsManagerNamePrefix('team-a', 'db/{database}/{role}')).toBe(
      'db/',
    );
  });

  it('reads database names back from secret names', () => {
    expect(
      databasesInSecretsManagerNames('team-a', [
        'customer/team-a/team-a-orders-admin',
        'customer/team-a/team-a-orders-read',
        'customer/team-a/team-a-big-shop-write',
        'customer/team-a/team-a-notes',
        'customer/team-b/team-b-orders-admin',
      ]),
    ).toEqual(['big-shop', 'orders']);
  });
});
