import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

/**
 * The kubeconfig for the emulator: one cluster, one user with the bearer
 * token, one context. Written 0600 because it holds the token.
 *
 * @public
 */
export function kubeconfigYaml(
  server: string,
  token: string,
  caCert: string,
): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'idp-sandbox',
        cluster: {
          server,
          'certificate-authority-data': Buffer.from(caCert).toString('base64'),
        },
      },
    ],
    users: [{ name: 'idp-sandbox', user: { token } }],
    contexts: [
      {
        name: 'idp-sandbox',
        context: { cluster: 'idp-sandbox', user: 'idp-sandbox' },
      },
    ],
    'current-context': 'idp-sandbox',
    preferences: {},
  });
}

/** Writes the kubeconfig file. @public */
export function writeKubeconfig(
  file: string,
  server: string,
  token: string,
  caCert: string,
) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, kubeconfigYaml(server, token, caCert), {
    mode: 0o600,
  });
  fs.chmodSync(file, 0o600);
}
