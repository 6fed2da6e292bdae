import { ConfigReader } from '@backstage/config';
import { DEFAULT_SCHEDULE, readProviderConfig } from './config';

function read(idpPostgres: object | undefined) {
  return readProviderConfig(
    new ConfigReader(
      idpPostgres ? { catalog: { providers: { idpPostgres } } } : {},
    ),
  );
}

describe('readProviderConfig', () => {
  it('applies the defaults to an empty config', () => {
    expect(read(undefined)).toEqual({
      schedule: DEFAULT_SCHEDULE,
      ownerWhenUnknown: 'group:default/platform-admins',
      templates: { owner: 'group:default/platform-admins' },
    });
    expect(DEFAULT_SCHEDULE).toEqual({
      frequency: { minutes: 1 },
      timeout: { minutes: 2 },
      initialDelay: { seconds: 15 },
    });
  });

  it('reads a schedule and a shorthand owner', () => {
    expect(
      read({
        schedule: { frequency: { minutes: 5 }, timeout: 'PT3M' },
        ownerWhenUnknown: 'dba',
      }),
    ).toEqual({
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 3 } },
      ownerWhenUnknown: 'group:default/dba',
      templates: { owner: 'group:default/dba' },
    });
  });

  it('names the key of a bad value', () => {
    expect(() => read({ schedule: { frequency: { minutes: 5 } } })).toThrow(
      /^Invalid config catalog\.providers\.idpPostgres\.schedule: /,
    );
    expect(() => read({ ownerWhenUnknown: 'a:b:c/d' })).toThrow(
      /^Invalid config catalog\.providers\.idpPostgres\.ownerWhenUnknown: /,
    );
  });
});

describe('the templates settings', () => {
  it('take the apps repo from the platform setting and an owner of their own', () => {
    const config = readProviderConfig(
      new ConfigReader({
        idpPostgres: {
          platform: {
            appsRepoUrl:
              'https://ghe.example.com/acme/platform-apps/tree/release/2',
          },
        },
        catalog: {
          providers: { idpPostgres: { templates: { owner: 'platform' } } },
        },
      }),
    );
    expect(config.templates).toEqual({
      owner: 'group:default/platform',
      appsRepo: {
        host: 'ghe.example.com',
        owner: 'acme',
        repo: 'platform-apps',
        branch: 'release/2',
        repoUrl: 'ghe.example.com?owner=acme&repo=platform-apps',
      },
    });
  });

  it('can be switched off', () => {
    expect(read({ templates: { enabled: false } }).templates).toBeUndefined();
  });

  it('name the key of a bad owner or apps repo', () => {
    expect(() => read({ templates: { owner: 'user:a:b:c' } })).toThrow(
      /^Invalid config catalog\.providers\.idpPostgres\.templates\.owner: /,
    );
    expect(() =>
      readProviderConfig(
        new ConfigReader({
          idpPostgres: {
            platform: {
              appsRepoUrl: 'https://github.com/acme/apps/blob/main',
            },
          },
        }),
      ),
    ).toThrow(/^Invalid config idpPostgres\.platform\.appsRepoUrl: .*tree/);
  });
});
