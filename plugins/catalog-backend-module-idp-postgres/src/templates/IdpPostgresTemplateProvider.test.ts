import { Entity } from '@backstage/catalog-model';
import {
  RecordingConnection,
  RecordingLogger,
} from '../__testUtils__/recorders';
import { parseAppsRepoUrl } from './appsRepo';
import {
  IDP_POSTGRES_TEMPLATES_PROVIDER_NAME,
  IdpPostgresTemplateProvider,
  shippedTemplatesDir,
} from './IdpPostgresTemplateProvider';

type Step = { properties?: Record<string, Record<string, unknown>> };

function fields(template: Entity, name: string) {
  return (template.spec!.parameters as Step[])
    .map(step => step.properties?.[name])
    .filter(Boolean) as Record<string, unknown>[];
}

describe('IdpPostgresTemplateProvider', () => {
  it('emits every shipped template with the org owner and apps repo', async () => {
    const connection = new RecordingConnection();
    const logger = new RecordingLogger();
    await new IdpPostgresTemplateProvider({
      settings: {
        owner: 'group:default/platform',
        appsRepo: parseAppsRepoUrl(
          'https://ghe.acme.test/acme/deployments/tree/trunk',
        ),
      },
      logger,
    }).connect(connection);

    expect(connection.mutations).toHaveLength(1);
    const mutation = connection.mutations[0];
    if (mutation.type !== 'full') throw new Error('expected a full mutation');
    const templates = mutation.entities.map(e => e.entity);
    expect(templates.map(t => t.metadata.name)).toEqual([
      'connect-app-to-postgres',
      'create-postgres-database',
      'protect-postgres-database',
      'remove-postgres-database',
      'upgrade-postgres-database',
    ]);
    for (const template of templates) {
      expect(template.kind).toBe('Template');
      expect(template.spec!.owner).toBe('group:default/platform');
      expect(template.metadata.annotations).toMatchObject({
        'backstage.io/managed-by-location': `${IDP_POSTGRES_TEMPLATES_PROVIDER_NAME}:${template.metadata.name}`,
      });
      // Each template has exactly one apps repo and one branch field, so the
      // org's settings reach every one of them.
      const [repoUrl, ...moreRepoUrls] = fields(template, 'repoUrl');
      expect(moreRepoUrls).toEqual([]);
      expect(repoUrl).toMatchObject({
        default: 'ghe.acme.test?owner=acme&repo=deployments',
        'ui:options': { allowedHosts: ['ghe.acme.test'] },
      });
      // The form itself refuses another host, whatever client submits it.
      const pattern = new RegExp(String(repoUrl.pattern), 'u');
      expect(pattern.test('ghe.acme.test?owner=acme&repo=deployments')).toBe(
        true,
      );
      for (const other of [
        'evil.example?owner=acme&repo=deployments',
        'gheXacme.test?owner=acme&repo=deployments',
        'ghe.acme.test.evil.example?owner=acme&repo=deployments',
        'ghe.acme.test?owner=acme&repo=deployments&host=evil.example',
      ]) {
        expect(pattern.test(other)).toBe(false);
      }
      expect(fields(template, 'targetBranchName')).toEqual([
        expect.objectContaining({ default: 'trunk' }),
      ]);
    }
    expect(JSON.stringify(templates)).not.toContain('jppol-idp');
    expect(logger.messages('info')).toEqual([
      '5 IDP PostgreSQL templates, owned by group:default/platform, for ghe.acme.test?owner=acme&repo=deployments',
    ]);
  });

  it('leaves the apps repo to the person when none is configured', async () => {
    const provider = new IdpPostgresTemplateProvider({
      settings: { owner: 'group:default/platform' },
      logger: new RecordingLogger(),
    });
    for (const template of await provider.templates()) {
      expect(fields(template, 'repoUrl')[0]).not.toHaveProperty('default');
    }
  });

  it('reads the templates from the package folder', () => {
    expect(shippedTemplatesDir()).toMatch(
      /catalog-backend-module-idp-postgres[\\/]templates$/,
    );
  });
});
