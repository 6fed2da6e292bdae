import {
  componentDependingOn,
  databaseResource,
} from '../__testUtils__/entities';
import {
  annotatedDatabaseRefs,
  dependsOnResourceRefs,
  isPostgresDatabaseResource,
  uniqueDatabaseRefs,
} from './databaseRefs';
import { isIdpPostgresAvailable } from './isIdpPostgresAvailable';

describe('entity database references', () => {
  it('reads the annotation of a database Resource', () => {
    expect(annotatedDatabaseRefs(databaseResource('idp-dev', 'kdb1'))).toEqual([
      { namespace: 'idp-dev', name: 'kdb1' },
    ]);
  });

  it('reads a list of databases from a Component annotation', () => {
    const entity = componentDependingOn();
    entity.metadata.annotations = {
      'idp.jppol.dk/postgresql-databases': 'idp-dev/a, idp-dev/b',
    };
    expect(annotatedDatabaseRefs(entity)).toEqual([
      { namespace: 'idp-dev', name: 'a' },
      { namespace: 'idp-dev', name: 'b' },
    ]);
  });

  it('names a malformed annotation item', () => {
    expect(() =>
      annotatedDatabaseRefs(databaseResource('idp-dev', 'x', 'no-slash')),
    ).toThrow(/"no-slash"/);
  });

  it('recognises database Resources by spec.type', () => {
    expect(
      isPostgresDatabaseResource(databaseResource('idp-dev', 'kdb1')),
    ).toBe(true);
    const bucket = databaseResource('idp-dev', 'kdb1');
    bucket.spec = { type: 's3-bucket' };
    expect(isPostgresDatabaseResource(bucket)).toBe(false);
    expect(isPostgresDatabaseResource(componentDependingOn())).toBe(false);
  });

  it('lists only Resource dependencies', () => {
    const entity = componentDependingOn(
      'resource:default/idp-dev-kdb1',
      'component:default/payments',
    );
    expect(dependsOnResourceRefs(entity)).toEqual([
      'resource:default/idp-dev-kdb1',
    ]);
  });

  it('drops repeated references', () => {
    const a = { namespace: 'n', name: 'a' };
    expect(
      uniqueDatabaseRefs([a, { ...a }, { namespace: 'n', name: 'b' }]),
    ).toEqual([a, { namespace: 'n', name: 'b' }]);
  });
});

describe('isIdpPostgresAvailable', () => {
  it('is true for annotated entities, database Resources and Resource dependants', () => {
    const annotated = componentDependingOn();
    annotated.metadata.annotations = {
      'idp.jppol.dk/postgresql-databases': 'idp-dev/a',
    };
    expect(isIdpPostgresAvailable(annotated)).toBe(true);
    expect(isIdpPostgresAvailable(databaseResource('idp-dev', 'a', null))).toBe(
      true,
    );
    expect(
      isIdpPostgresAvailable(
        componentDependingOn('resource:default/idp-dev-a'),
      ),
    ).toBe(true);
  });

  it('is false for entities with none of those', () => {
    expect(isIdpPostgresAvailable(componentDependingOn())).toBe(false);
    expect(
      isIdpPostgresAvailable(
        componentDependingOn('component:default/payments'),
      ),
    ).toBe(false);
  });
});
