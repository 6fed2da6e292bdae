import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * A certificate authority and a server certificate signed by it, PEM encoded.
 *
 * @public
 */
export interface TlsMaterial {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

// RSA key generation in pure JavaScript (forge) takes seconds; Node's native
// generator takes milliseconds, so keys come from node:crypto and only the
// X.509 structure is built with forge.
function newKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    privateKeyPem: privateKey,
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
  };
}

function serialNumber(): string {
  // A positive serial: clear the top bit so DER does not read it as negative.
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

/**
 * Generates a fresh CA and a server certificate for the given host names and
 * IP addresses, entirely in-process (no `openssl` binary).
 *
 * The server certificate names `localhost` and the loopback addresses so that
 * clients can use `sslmode=verify-full` with the sandbox CA, like they would
 * with the RDS CA bundle in production.
 *
 * @public
 */
export function generateTlsMaterial(
  options: { dnsNames?: string[]; ipAddresses?: string[] } = {},
): TlsMaterial {
  const dnsNames = options.dnsNames ?? ['localhost'];
  const ipAddresses = options.ipAddresses ?? ['127.0.0.1', '::1'];
  const now = new Date();
  const notAfter = new Date(now.getTime() + TEN_YEARS_MS);

  const ca = newKeyPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = serialNumber();
  caCert.validity.notBefore = now;
  caCert.validity.notAfter = notAfter;
  const caSubject = [{ name: 'commonName', value: 'IDP sandbox CA' }];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const server = newKeyPair();
  const serverCert = forge.pki.createCertificate();
  serverCert.publicKey = server.publicKey;
  serverCert.serialNumber = serialNumber();
  serverCert.validity.notBefore = now;
  serverCert.validity.notAfter = notAfter;
  serverCert.setSubject([{ name: 'commonName', value: dnsNames[0] }]);
  serverCert.setIssuer(caSubject);
  serverCert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...dnsNames.map(value => ({ type: 2, value })),
        ...ipAddresses.map(ip => ({ type: 7, ip })),
      ],
    },
  ]);
  serverCert.sign(ca.privateKey, forge.md.sha256.create());

  return {
    caCert: forge.pki.certificateToPem(caCert),
    caKey: ca.privateKeyPem,
    serverCert: forge.pki.certificateToPem(serverCert),
    serverKey: server.privateKeyPem,
  };
}
