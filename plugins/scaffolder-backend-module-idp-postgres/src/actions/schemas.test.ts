import { ConfigReader } from '@backstage/config';
import { createAllActions } from './allActions';

const actions = createAllActions({ config: new ConfigReader({}) });

/** Every property of a JSON schema, with its path, down through objects and arrays. */
function properties(schema: any, at: string): Array<[string, any]> {
  const own: Array<[string, any]> = Object.entries(
    schema?.properties ?? {},
  ).map(([key, value]) => [`${at}.${key}`, value]);
  return own.flatMap(([key, value]) => [
    [key, value] as [string, any],
    ...properties(value, key),
    ...properties(value.items, `${key}[]`),
  ]);
}

describe.each(actions.map(a => [a.id, a]))('%s schema', (_, action) => {
  const inputs = properties(action.schema?.input, 'input');
  const outputs = properties(action.schema?.output, 'output');

  it('describes every input and output', () => {
    const undescribed = [...inputs, ...outputs]
      .filter(([, value]) => !value.description)
      .map(([key]) => key);
    expect(undescribed).toEqual([]);
  });

  it('caps every text input, so the scaffolder refuses a huge paste before the handler runs', () => {
    const uncapped = inputs
      .filter(([, value]) => value.type === 'string' && !value.enum)
      .filter(([, value]) => !(value.maxLength > 0 && value.maxLength <= 2048))
      .map(([key]) => key);
    expect(uncapped).toEqual([]);
  });

  it('bounds every number input', () => {
    const unbounded = inputs
      .filter(([, value]) => value.type === 'number')
      .filter(
        ([, value]) =>
          value.minimum === undefined || value.maximum === undefined,
      )
      .map(([key]) => key);
    expect(unbounded).toEqual([]);
  });

  it('writes `<placeholders>` in backticks, since descriptions render as markdown', () => {
    const bare = [...inputs, ...outputs]
      .filter(([, value]) =>
        (value.description ?? '').replace(/`[^`]*`/g, '').match(/<[a-z]+>/),
      )
      .map(([key]) => key);
    expect(bare).toEqual([]);
  });

  it('supports dry runs and has examples', () => {
    expect(action.supportsDryRun).toBe(true);
    expect(action.examples?.length).toBeGreaterThan(0);
  });
});
