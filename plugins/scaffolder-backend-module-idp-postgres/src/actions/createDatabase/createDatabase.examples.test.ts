import { ConfigReader } from '@backstage/config';
import { parse } from 'yaml';
import {
  createWorkspace,
  exampleInput,
  readWorkspaceFile,
  removeWorkspaces,
  runAction,
} from '../../__testUtils__/workspace';
import { createCreateDatabaseAction } from './createDatabase';
import { examples } from './createDatabase.examples';

afterAll(removeWorkspaces);

describe('idp:postgres:create-database examples', () => {
  const action = createCreateDatabaseAction({ config: new ConfigReader({}) });

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const ws = createWorkspace();
      const out = await runAction(action, ws, exampleInput(example, action.id));
      for (const file of out.filesWritten as string[]) {
        expect(() => parse(readWorkspaceFile(ws, file))).not.toThrow();
      }
      expect(out.filesWritten).toHaveLength(3);
    },
  );
});
