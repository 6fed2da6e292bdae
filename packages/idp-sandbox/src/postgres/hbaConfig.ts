/**
 * The `pg_hba.conf` the sandbox runs with: TCP over TLS only, SCRAM passwords
 * only, like Aurora with `rds.force_ssl=1`. Without a `host` or `local` line a
 * plain connection is refused with the real
 * `28000 no pg_hba.conf entry for host …, no encryption` error, which is the
 * first known error in the platform manual.
 */
export function tlsOnlyHbaConfig(): string {
  return [
    '# Written by idp-sandbox: TLS-only with SCRAM, like Aurora with rds.force_ssl=1.',
    '# TYPE   DATABASE USER ADDRESS       METHOD',
    'hostssl  all      all  127.0.0.1/32  scram-sha-256',
    'hostssl  all      all  ::1/128       scram-sha-256',
    '',
  ].join('\n');
}

/** Server flags that switch TLS on and keep the server on loopback TCP only. */
export function tlsServerFlags(certFile: string, keyFile: string): string[] {
  return [
    '-c',
    'ssl=on',
    '-c',
    `ssl_cert_file=${certFile}`,
    '-c',
    `ssl_key_file=${keyFile}`,
    '-c',
    'listen_addresses=127.0.0.1',
    // No Unix socket: it would be a way in that skips TLS, and sockets in /tmp
    // collide between engineers sharing a machine.
    '-c',
    'unix_socket_directories=',
    '-c',
    'password_encryption=scram-sha-256',
  ];
}
