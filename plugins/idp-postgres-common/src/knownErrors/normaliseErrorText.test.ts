import { normaliseErrorText } from './normaliseErrorText';

describe('normaliseErrorText', () => {
  it('replaces hosts, IPs, ports and quoted names with placeholders', () => {
    expect(
      normaliseErrorText(
        'psql: error: connection to server at "rds-proxy-idp-rds-proxy.rds-proxy.svc.cluster.local" (10.100.12.7), port 5432 failed: FATAL:  password authentication failed for user "idp-dev-orders-write"',
      ),
    ).toBe(
      'psql: error: connection to server at <host> (<ip>), port <port> failed: fatal: password authentication failed for user <name>',
    );
  });

  it('handles IPv6, host:port, key=value settings and UUIDs', () => {
    expect(
      normaliseErrorText(
        'failed to connect to `user=app database=db`: [::1]:5432 (localhost), request 6f1c2a9e-3b7d-4e21-9c55-0d8a4f1b2c3e',
      ),
    ).toBe(
      'failed to connect to user=<name> database=<name>: [<ip>]:<port> (<host>), request <uuid>',
    );
    expect(normaliseErrorText('dial tcp 10.0.0.1:5432: i/o timeout')).toBe(
      'dial tcp <ip>:<port>: i/o timeout',
    );
  });

  it('replaces the names PostgreSQL and Kubernetes print without quotes', () => {
    expect(
      normaliseErrorText('ERROR: permission denied for table orders'),
    ).toBe('error: permission denied for table <name>');
    expect(normaliseErrorText('secret/idp-dev-orders-admin created')).toBe(
      'secret/<name> created',
    );
  });

  it('drops the credentials of a connection URL', () => {
    expect(
      normaliseErrorText('postgres://app:s3cret@db.example.com:5432/app'),
    ).toBe('postgres://<credentials>@<host>:<port>/app');
  });

  it('keeps class names, file names, versions and times', () => {
    expect(
      normaliseErrorText(
        'org.postgresql.util.PSQLException at 10:15:00 reading pg_hba.conf of chart 0.4.1',
      ),
    ).toBe(
      'org.postgresql.util.psqlexception at 10:15:00 reading pg_hba.conf of chart 0.4.1',
    );
  });

  it('collapses line breaks and strips quotes of every kind', () => {
    expect(normaliseErrorText("can't\r\n  “read”\t‘this’")).toBe(
      'cant read this',
    );
  });
});
