import fs from 'node:fs';
import { removePostgresState } from '../postgres/dataDirectory';
import { ControlAccess } from '../sandbox/ControlServer';
import { readJsonFile } from '../state/jsonFile';
import { sandboxPaths } from '../state/sandboxPaths';
import { stop } from './daemon';
import { printConnectionHelp, runningSandbox } from './runningSandbox';

export async function status(stateDir: string): Promise<number> {
  const runtime = runningSandbox(stateDir);
  if (!runtime) {
    process.stdout.write(
      `The sandbox is not running (state in ${sandboxPaths(stateDir).root}).\n`,
    );
    return 3;
  }
  printConnectionHelp(stateDir, runtime);
  const faults = await control(stateDir, 'GET', '/faults');
  process.stdout.write(`Fault rules: ${JSON.stringify(faults)}\n`);
  return 0;
}

export async function reset(stateDir: string): Promise<number> {
  await stop(stateDir);
  const paths = sandboxPaths(stateDir);
  // A cluster relocated out of the state folder (running as root) goes too.
  removePostgresState(paths.postgres);
  fs.rmSync(paths.root, { recursive: true, force: true });
  process.stdout.write(`Removed ${paths.root}.\n`);
  return 0;
}

export async function seed(stateDir: string): Promise<number> {
  if (!runningSandbox(stateDir)) {
    process.stderr.write(
      'The sandbox is not running; run `yarn sandbox start` first.\n',
    );
    return 1;
  }
  const report = (await control(stateDir, 'POST', '/seed')) as {
    alreadySeeded: boolean;
    databases: { namespace: string; name: string; state: string }[];
  };
  if (report.alreadySeeded) {
    process.stdout.write(
      'Demo data is already seeded (`yarn sandbox reset` starts over).\n',
    );
    return 0;
  }
  for (const db of report.databases) {
    process.stdout.write(`${db.namespace}/${db.name}: ${db.state}\n`);
  }
  return 0;
}

async function control(
  stateDir: string,
  method: string,
  route: string,
): Promise<unknown> {
  const access = readJsonFile<ControlAccess>(
    `${sandboxPaths(stateDir).root}/control.json`,
  );
  if (!access) throw new Error('The sandbox control endpoint is not available');
  const response = await fetch(`${access.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${access.token}` },
  });
  const body = await response.json();
  if (!response.ok)
    throw new Error(
      `Sandbox control ${method} ${route} failed: ${JSON.stringify(body)}`,
    );
  return body;
}
