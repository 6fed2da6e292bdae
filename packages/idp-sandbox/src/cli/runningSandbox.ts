import { isAlive } from '../postgres/processes';
import { SandboxEndpoints } from '../sandbox/Sandbox';
import { readJsonFile } from '../state/jsonFile';
import { sandboxPaths } from '../state/sandboxPaths';
import { connectionHelp } from './connectionHelp';

/** The running sandbox's endpoints, or undefined when none runs. */
export function runningSandbox(stateDir: string): SandboxEndpoints | undefined {
  const runtime = readJsonFile<SandboxEndpoints>(
    sandboxPaths(stateDir).runtimeFile,
  );
  return runtime && isAlive(runtime.pid) ? runtime : undefined;
}

/** Prints how to connect; the token file is 0600, so others see where it is. */
export function printConnectionHelp(stateDir: string, e: SandboxEndpoints) {
  const paths = sandboxPaths(stateDir);
  let token: string | undefined;
  try {
    token = readJsonFile<{ token: string }>(paths.kubernetesTokenFile)?.token;
  } catch {
    token = undefined;
  }
  process.stdout.write(`${connectionHelp(paths, e, token)}\n`);
}
