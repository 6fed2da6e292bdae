import fs from 'node:fs';
import { spec } from './openapi.generated';

// The generator is a plain Node script so it runs without a build step.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-openapi.js');

describe('openapi.generated.ts', () => {
  it('is generated from the current openapi.yaml (run yarn generate:openapi)', () => {
    const expected = generator.renderOpenApiModule(
      fs.readFileSync(generator.SOURCE, 'utf8'),
    );
    expect(fs.readFileSync(generator.TARGET, 'utf8')).toBe(expected);
  });

  it('is marked as generated', () => {
    expect(fs.readFileSync(generator.TARGET, 'utf8')).toMatch(
      /^\/\/ GENERATED/,
    );
  });

  it('declares every route it promises with an operation id', () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const operation of Object.values(item)) {
        expect(
          `${path} ${(operation as { operationId?: string }).operationId}`,
        ).toMatch(/^\/\S* [A-Z]\w+$/);
      }
    }
  });
});
