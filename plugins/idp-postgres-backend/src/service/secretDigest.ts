import crypto from 'node:crypto';

/**
 * A SHA-256 digest of a secret value, so two copies can be compared without
 * either value leaving this function's caller.
 */
export function secretDigest(value: string): Buffer {
  return crypto.createHash('sha256').update(value, 'utf8').digest();
}

/** True when two secret values are equal, compared by digest in constant time. */
export function sameSecret(a: string, b: string): boolean {
  return crypto.timingSafeEqual(secretDigest(a), secretDigest(b));
}
