import { LoggerService } from '@backstage/backend-plugin-api';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

type JsonObject = Record<string, any>;

const created: string[] = [];

/** A temporary workspace holding the given files; removed by `removeWorkspaces`. */
export function createWorkspace(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-postgres-ws-'));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Removes every workspace this file created; call from afterAll. */
export function removeWorkspaces() {
  for (const dir of created.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every entry below a folder with its exact bytes (or symlink target), to
 * prove that a refused input left the workspace as it was.
 */
export function snapshotDirectory(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      const key = path.relative(dir, full);
      if (entry.isSymbolicLink()) {
        result[key] = `symlink -> ${fs.readlinkSync(full)}`;
      } else if (entry.isDirectory()) {
        result[`${key}/`] = 'dir';
        walk(full);
      } else {
        result[key] = fs.readFileSync(full).toString('base64');
      }
    }
  };
  walk(dir);
  return result;
}

/** Runs an action's handler as the scaffolder would, returning its outputs. */
export async function runAction(
  action: TemplateAction<any, any, any>,
  workspacePath: string,
  input: JsonObject,
  options: { dryRun?: boolean; logger?: LoggerService } = {},
): Promise<Record<string, any>> {
  const outputs: Record<string, any> = {};
  const base = createMockActionContext({
    workspacePath,
    input,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  // The mock context ignores given output and isDryRun, so they are set here.
  await action.handler({
    ...base,
    isDryRun: options.dryRun ?? false,
    output: (name: string | number | symbol, value: unknown) => {
      outputs[String(name)] = value;
    },
  });
  return outputs;
}

/** Reads a file of a workspace as text. */
export function readWorkspaceFile(workspacePath: string, name: string): string {
  return fs.readFileSync(path.join(workspacePath, name), 'utf8');
}

/** The `input` of the step of a TemplateExample's YAML that runs the given action. */
export function exampleInput(example: string, actionId: string): JsonObject {
  const parsed = parse(example) as {
    steps: { action: string; input: JsonObject }[];
  };
  const step = parsed.steps.find(s => s.action === actionId);
  if (!step) {
    throw new Error(`The example has no step running ${actionId}`);
  }
  return step.input;
}
