import { invalidParameter, SecretsManagerError } from './SecretsManagerError';
import { StoredSecret } from './SecretsManagerStore';

/** A ListSecrets / BatchGetSecretValue filter. */
export interface SecretFilter {
  Key: string;
  Values: string[];
}

const FILTER_KEYS = [
  'description',
  'name',
  'tag-key',
  'tag-value',
  'primary-region',
  'owning-service',
  'all',
];

function fieldsFor(secret: StoredSecret, key: string): string[] {
  switch (key) {
    case 'name':
      return [secret.name];
    case 'description':
      return secret.description ? [secret.description] : [];
    case 'tag-key':
      return secret.tags.map(t => t.Key);
    case 'tag-value':
      return secret.tags.map(t => t.Value);
    case 'all':
      return [
        secret.name,
        ...(secret.description ? [secret.description] : []),
        ...secret.tags.flatMap(t => [t.Key, t.Value]),
      ];
    default:
      return [];
  }
}

/**
 * Applies filters as Secrets Manager does: each value is a prefix, a leading
 * `!` negates it; values of one filter are OR-ed, filters are AND-ed.
 */
export function matchesFilters(
  secret: StoredSecret,
  filters: SecretFilter[] = [],
): boolean {
  return filters.every(filter => {
    if (!FILTER_KEYS.includes(filter.Key)) {
      throw invalidParameter(`Invalid filter key: ${filter.Key}`);
    }
    const fields = fieldsFor(secret, filter.Key);
    const positives = filter.Values.filter(v => !v.startsWith('!'));
    const negatives = filter.Values.filter(v => v.startsWith('!')).map(v =>
      v.slice(1),
    );
    const hit = (prefix: string) => fields.some(f => f.startsWith(prefix));
    return (
      (positives.length === 0 || positives.some(hit)) && !negatives.some(hit)
    );
  });
}

/** Opaque page tokens: the offset, base64-encoded so clients do not parse it. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

export function decodeToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64').toString());
    if (Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new SecretsManagerError(
    'InvalidNextTokenException',
    'The NextToken value is invalid.',
  );
}

/** One page of items and the token for the next, if any. */
export function page<T>(
  items: T[],
  maxResults: number,
  nextToken: string | undefined,
): { items: T[]; nextToken?: string } {
  const offset = decodeToken(nextToken);
  const end = offset + maxResults;
  return {
    items: items.slice(offset, end),
    nextToken: end < items.length ? encodeToken(end) : undefined,
  };
}
