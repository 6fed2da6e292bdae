import type { LoginFailureKind } from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** A failed login, classified, with a reason a person can act on. */
export interface LoginFailure {
  failure: LoginFailureKind;
  reason: string;
}

const TLS_ERROR_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
]);

/**
 * Names why a login failed. PostgreSQL's messages never contain the
 * password, and for unknown failures only the SQLSTATE or error code and the
 * server's message are passed on.
 */
export function classifyLoginError(
  error: unknown,
  who: { username: string; database: string },
): LoginFailure {
  const e = (error ?? {}) as { code?: string; message?: string };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const code = e.code;
  if (code === '28000' && /no pg_hba\.conf entry/.test(message)) {
    if (/no encryption|SSL off/.test(message)) {
      return {
        failure: 'ssl-required',
        reason: `The server refused an unencrypted connection (${message}); connect with SSL (sslmode=require).`,
      };
    }
    return {
      failure: 'other',
      reason: `The server does not accept ${who.username} on ${who.database} from here (${message}).`,
    };
  }
  if (code === '28P01') {
    return {
      failure: 'wrong-password',
      reason: `PostgreSQL rejected the password of ${who.username}: the Kubernetes secret no longer matches the database (or the role does not exist; PostgreSQL does not say which).`,
    };
  }
  if (code === '28000' && /role .* does not exist/.test(message)) {
    return {
      failure: 'unknown-role',
      reason: `Role ${who.username} does not exist.`,
    };
  }
  if (code === '3D000') {
    return {
      failure: 'unknown-database',
      reason: `Database ${who.database} does not exist.`,
    };
  }
  // A proxy that lost its backend closes the socket before PostgreSQL speaks.
  if (
    (code && UNREACHABLE_CODES.has(code)) ||
    /Connection terminated unexpectedly|socket hang up/i.test(message)
  ) {
    return {
      failure: 'refused',
      reason: `PostgreSQL could not be reached (${code ?? message}).`,
    };
  }
  if (code && TLS_ERROR_CODES.has(code)) {
    return {
      failure: 'tls',
      reason: `The server certificate was not accepted (${code}: ${message}).`,
    };
  }
  if (/timeout|timed out/i.test(message)) {
    return {
      failure: 'timeout',
      reason: `PostgreSQL did not answer in time (${message}).`,
    };
  }
  if (/does not support SSL/i.test(message)) {
    return {
      failure: 'tls',
      reason: 'The server does not support SSL; the platform requires it.',
    };
  }
  return {
    failure: 'other',
    reason: `Login failed${code ? ` (${code})` : ''}: ${message}`,
  };
}
