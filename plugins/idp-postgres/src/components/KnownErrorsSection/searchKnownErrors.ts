import type { KnownError } from '@jppol-idp/backstage-plugin-idp-postgres-common';

const normalise = (text: string) =>
  text.toLocaleLowerCase('en-US').replace(/\s+/g, ' ').trim();

/**
 * The known errors matching a search. People paste whole error messages,
 * which are longer than the catalogue's message fragments, so an entry
 * matches when its message occurs in the query as well as when the query
 * occurs in its title, cause, detection, message or fix.
 */
export function searchKnownErrors(
  catalogue: readonly KnownError[],
  query: string,
): KnownError[] {
  const q = normalise(query);
  if (q === '') return [...catalogue];
  return catalogue.filter(entry => {
    if (entry.message && q.includes(normalise(entry.message))) {
      return true;
    }
    const text = normalise(
      [
        entry.title,
        entry.cause,
        entry.detection,
        entry.message ?? '',
        ...entry.fix.steps,
        ...(entry.fix.commands ?? []),
      ].join(' '),
    );
    return text.includes(q);
  });
}
