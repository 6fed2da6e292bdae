import type { DetectedKnownError } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { foldKnownErrors } from './foldKnownErrors';

function detected(id: string, causedBy?: string): DetectedKnownError {
  return {
    id,
    title: id,
    cause: `Cause of ${id}.`,
    detail: `Seen ${id}.`,
    fix: { steps: [] },
    ...(causedBy ? { causedBy } : {}),
  };
}

const shape = (errors: DetectedKnownError[]) =>
  foldKnownErrors(errors).map(f => [f.error.id, f.consequences.map(c => c.id)]);

describe('foldKnownErrors', () => {
  it('folds consequences under their cause, in the order found', () => {
    expect(
      shape([
        detected('login-fails', 'secrets-missing'),
        detected('secrets-missing'),
        detected('grants'),
        detected('drift', 'secrets-missing'),
      ]),
    ).toEqual([
      ['secrets-missing', ['login-fails', 'drift']],
      ['grants', []],
    ]);
  });

  it('folds a consequence of a consequence under the root cause', () => {
    expect(
      shape([detected('a'), detected('b', 'a'), detected('c', 'b')]),
    ).toEqual([['a', ['b', 'c']]]);
  });

  it('keeps an error whose cause was not detected on its own', () => {
    expect(shape([detected('b', 'not-here')])).toEqual([['b', []]]);
  });

  it('shows every error of a cycle rather than losing them', () => {
    expect(shape([detected('a', 'b'), detected('b', 'a')])).toEqual([
      ['a', []],
      ['b', []],
    ]);
  });
});
