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
