import {
  IDP_POSTGRES_DATABASES_ANNOTATION,
  databaseEntityRef,
  formatDatabaseRef,
  parseDatabasesAnnotation,
} from './catalog';

describe('parseDatabasesAnnotation', () => {
  it('reads a comma-separated list, ignoring blanks and duplicates', () => {
    expect(
      parseDatabasesAnnotation(
        ' idp-dev/my-db, ,idp-prod/orders,idp-dev/my-db',
      ),
    ).toEqual([
      { namespace: 'idp-dev', name: 'my-db' },
      { namespace: 'idp-prod', name: 'orders' },
    ]);
  });

  it('formats what it parses', () => {
    const [ref] = parseDatabasesAnnotation('idp-dev/my-db');
    expect(formatDatabaseRef(ref)).toBe('idp-dev/my-db');
  });

  it.each<[string, string]>([
    [
      'my-db',
      '"my-db" in annotation idp.jppol.dk/postgresql-databases is not of the form <namespace>/<name>.',
    ],
    ['a/b/c', 'is not of the form <namespace>/<name>'],
    ['idp-dev/MyDb', 'Database name "MyDb" must be lowercase (found "M").'],
    ['/my-db', 'Namespace "" must not be empty.'],
  ])('rejects %j', (value, message) => {
    expect(() => parseDatabasesAnnotation(value)).toThrow(message);
  });

  it('is the annotation the design names', () => {
    expect(IDP_POSTGRES_DATABASES_ANNOTATION).toBe(
      'idp.jppol.dk/postgresql-databases',
    );
  });
});

describe('databaseEntityRef', () => {
  it('names the Resource <namespace>.<name>', () => {
    expect(databaseEntityRef({ namespace: 'idp-dev', name: 'my-db' })).toBe(
      'resource:default/idp-dev.my-db',
    );
  });

  it('gives databases that share a PostgreSQL name different entities', () => {
    expect(
      databaseEntityRef({ namespace: 'demo', name: 'dev-orders' }),
    ).not.toBe(databaseEntityRef({ namespace: 'demo-dev', name: 'orders' }));
  });
});
