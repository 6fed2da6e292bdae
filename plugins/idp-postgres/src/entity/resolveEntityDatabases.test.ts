import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  componentDependingOn,
  databaseResource,
} from '../__testUtils__/entities';
import { resolveEntityDatabases } from './resolveEntityDatabases';

describe('resolveEntityDatabases', () => {
  it('gives a database Resource its own database without asking the catalog', async () => {
    const catalog = catalogApiMock({ entities: [] });
    await expect(
      resolveEntityDatabases(databaseResource('idp-dev', 'kdb1'), catalog),
    ).resolves.toEqual({
      refs: [{ namespace: 'idp-dev', name: 'kdb1' }],
      problems: [],
    });
  });

  it('follows dependsOn to database Resources and ignores other Resources', async () => {
    const bucket = databaseResource('idp-dev', 'bucket');
    bucket.spec = { type: 's3-bucket' };
    const catalog = catalogApiMock({
      entities: [
        databaseResource('idp-dev', 'orders'),
        databaseResource('idp-prod', 'orders'),
        bucket,
      ],
    });
    const entity = componentDependingOn(
      'resource:default/idp-dev.orders',
      'resource:default/idp-prod.orders',
      'resource:default/idp-dev.bucket',
    );
    await expect(resolveEntityDatabases(entity, catalog)).resolves.toEqual({
      refs: [
        { namespace: 'idp-dev', name: 'orders' },
        { namespace: 'idp-prod', name: 'orders' },
      ],
      problems: [],
    });
  });

  it('keeps the databases it found when one source has a problem', async () => {
    const catalog = catalogApiMock({
      entities: [
        databaseResource('idp-dev', 'orders'),
        databaseResource('idp-dev', 'broken', 'not a ref'),
        databaseResource('idp-dev', 'bare', null),
      ],
    });
    const entity = componentDependingOn(
      'resource:default/idp-dev.orders',
      'resource:default/idp-dev.broken',
      'resource:default/idp-dev.bare',
      'resource:default/idp-dev.gone',
    );
    const result = await resolveEntityDatabases(entity, catalog);
    expect(result.refs).toEqual([{ namespace: 'idp-dev', name: 'orders' }]);
    expect(result.problems).toEqual([
      expect.stringContaining('resource:default/idp-dev.broken'),
      expect.stringMatching(
        /idp-dev\.bare is a PostgreSQL database Resource without/,
      ),
      'resource:default/idp-dev.gone is not in the catalog.',
    ]);
  });

  it('joins the annotation and the dependencies without repeats', async () => {
    const catalog = catalogApiMock({
      entities: [databaseResource('idp-dev', 'orders')],
    });
    const entity = componentDependingOn('resource:default/idp-dev.orders');
    entity.metadata.annotations = {
      'idp.jppol.dk/postgresql-databases': 'idp-dev/orders,idp-dev/audit',
    };
    await expect(resolveEntityDatabases(entity, catalog)).resolves.toEqual({
      refs: [
        { namespace: 'idp-dev', name: 'orders' },
        { namespace: 'idp-dev', name: 'audit' },
      ],
      problems: [],
    });
  });
});
