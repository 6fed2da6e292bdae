import { KNOWN_ERRORS } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { searchKnownErrors } from './searchKnownErrors';

const ids = (query: string) =>
  searchKnownErrors(KNOWN_ERRORS, query).map(e => e.id);

describe('searchKnownErrors', () => {
  it('lists the whole catalogue for an empty search', () => {
    expect(ids('  ')).toHaveLength(KNOWN_ERRORS.length);
  });

  it('finds the fix for a pasted error message', () => {
    expect(
      ids(
        'error: no pg_hba.conf entry for host "10.1.2.3", user "idp-dev-orders-write", database "idp-dev-orders", no encryption',
      ),
    ).toEqual(['ssl-required-no-pg-hba-entry']);
    expect(
      ids(
        'Error: self-signed certificate in certificate chain\n    at TLSSocket',
      ),
    ).toEqual(['node-postgres-sslmode-require-verifies']);
    expect(ids('ERROR:  permission denied for sequence orders_id_seq')).toEqual(
      ['missing-sequence-privileges'],
    );
  });

  it('finds entries by a word, whatever its case', () => {
    expect(ids('SCHEDULED FOR DELETION')).toContain(
      'secrets-manager-secret-scheduled-for-deletion',
    );
    expect(ids('verify the first certificate')).toEqual([
      'node-postgres-sslmode-require-verifies',
    ]);
  });

  it('finds nothing for an unrelated text', () => {
    expect(ids('disk full on the build agent')).toEqual([]);
  });
});
